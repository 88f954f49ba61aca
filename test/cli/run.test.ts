import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';
import { query } from '../support/warehouse.js';


describe('mlc run on the example project', () => {
  const dir = copyExample();

  test('the first run builds every node, the second leaves them all unchanged', () => {
    const first = mlc(['run'], dir);
    expect(first.stderr).not.toContain('error');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/run succeeded: 9 built, 0 unchanged, 0 skipped, 0 failed/);
    const second = mlc(['run'], dir);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/run succeeded: 0 built, 9 unchanged/);
  });

  test('the seed objects answer the seed queries from a plain DuckDB connection', async () => {
    const latest = await query(dir, "SELECT * FROM model_versions WHERE version_rank = 1 AND model_name = 'customer_classification'");
    expect(latest).toHaveLength(1);
    expect(latest[0]!.status).toBe('CHAMPION');
    const scores = await query(dir, 'SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS customers, MIN(prediction_score) AS lo, MAX(prediction_score) AS hi FROM customer_scores');
    expect(Number(scores[0]!.n)).toBe(600);
    expect(Number(scores[0]!.customers)).toBe(600);
    expect(Number(scores[0]!.lo)).toBeGreaterThanOrEqual(0);
    expect(Number(scores[0]!.hi)).toBeLessThanOrEqual(1);
    const realtime = await query(
      dir,
      'SELECT customer_id, predict_customer_value(total_spend, total_transactions, customer_tenure_days, days_since_last_order) AS value_score FROM feature_store.customer_features ORDER BY customer_id',
    );
    expect(realtime).toHaveLength(600);
    const joined = await query(
      dir,
      'SELECT MAX(ABS(s.prediction_score - predict_customer_value(f.total_spend, f.total_transactions, f.customer_tenure_days, f.days_since_last_order))) AS d FROM customer_scores s JOIN feature_store.customer_features f USING (customer_id)',
    );
    expect(Number(joined[0]!.d)).toBeLessThan(1e-12);
    const monitoring = await query(dir, 'SELECT accuracy, total_predictions FROM model_monitoring');
    expect(monitoring.length).toBeGreaterThan(0);
    expect(Number(monitoring[0]!.accuracy)).toBeGreaterThan(0);
    expect(Number(monitoring[0]!.accuracy)).toBeLessThanOrEqual(1);
  });

  test('editing one feature rebuilds it and its descendants only, and plan says why', () => {
    const file = path.join(dir, 'features/customer_features_v2.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('as transactions_per_month', 'as transactions_per_month,\n1 as marker'));
    const plan = mlc(['plan'], dir);
    expect(plan.stdout).toMatch(/rebuild\s+feature customer_features_v2\s+\(features\/customer_features_v2.sql changed\)/);
    expect(plan.stdout).toMatch(/unchanged\s+feature customer_features /);
    const run = mlc(['run', '--json'], dir);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; id?: string });
    expect(events.filter((e) => e.type === 'node_finish').map((e) => e.id)).toEqual(['feature.customer_features_v2']);
  });

  test('a failing node keeps its previous table, skips its descendants, and independent branches finish', async () => {
    const before = await query(dir, 'SELECT COUNT(*) AS n FROM feature_store.customer_features_v2');
    const file = path.join(dir, 'features/customer_features_v2.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('1 as marker', "CAST('not a number' AS INTEGER) as marker"));
    appendFileSync(path.join(dir, 'data/actual_results.csv'), '601,1,2026-01-05\n');
    const run = mlc(['run'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+feature customer_features_v2/);
    expect(run.stdout).toMatch(/ok\s+source actual_results/);
    const after = await query(dir, 'SELECT COUNT(*) AS n, COUNT(marker) AS marked FROM feature_store.customer_features_v2');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
    expect(Number(after[0]!.marked)).toBe(600);
  });
});

describe('mlc compile', () => {
  test('is byte-identical across folders and --check catches a stale file', () => {
    const a = copyExample();
    const b = copyExample();
    const first = mlc(['compile'], a);
    expect(first.stderr).not.toContain('error');
    expect(first.status).toBe(0);
    expect(mlc(['compile'], b).status).toBe(0);
    for (const file of ['compiled/manifest.json', 'compiled/embedded/feature/customer_features.sql', 'compiled/snowflake/feature/customer_features.sql']) {
      expect(readFileSync(path.join(a, file), 'utf8')).toBe(readFileSync(path.join(b, file), 'utf8'));
    }
    expect(readFileSync(path.join(a, 'compiled/manifest.json'), 'utf8')).not.toContain(a);
    expect(mlc(['compile', '--check'], a).status).toBe(0);
    appendFileSync(path.join(a, 'features/customer_features.sql'), '\nHAVING COUNT(*) > 0\n');
    const check = mlc(['compile', '--check'], a);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('changed: compiled/embedded/feature/customer_features.sql');
  });

  test('formatting-only edits keep fingerprints; a literal change does not', () => {
    const dir = copyExample();
    mlc(['compile'], dir);
    const manifest = (): Record<string, string> =>
      Object.fromEntries(
        (JSON.parse(readFileSync(path.join(dir, 'compiled/manifest.json'), 'utf8')) as { nodes: { id: string; fingerprint: string }[] }).nodes.map((n) => [n.id, n.fingerprint]),
      );
    const original = manifest();
    const file = path.join(dir, 'features/training_data.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('WHEN total_spend > 1000 THEN 1', 'when   total_spend > 1000\n  then 1 -- high value'));
    mlc(['compile'], dir);
    expect(manifest()).toEqual(original);
    writeFileSync(file, readFileSync(file, 'utf8').replace('> 1000', '> 1500'));
    mlc(['compile'], dir);
    const changed = manifest();
    expect(changed['dataset.training_data']).not.toBe(original['dataset.training_data']);
    expect(changed['model.customer_classification']).not.toBe(original['model.customer_classification']);
    expect(changed['feature.customer_features']).toBe(original['feature.customer_features']);
  });
});

describe('mlc ls and selection', () => {
  test('selects ancestors, descendants, tags and kinds in topological order', () => {
    const dir = copyExample();
    expect(mlc(['ls', '-s', '+training_data'], dir).stdout.trim().split('\n').map((l) => l.split(/\s+/)[1])).toEqual([
      'orders',
      'customer_features',
      'training_data',
    ]);
    const listed = mlc(['ls', '-s', 'customer_classification+', '--exclude', 'kind:monitor'], dir);
    expect(listed.stderr).not.toContain('error');
    const down = listed.stdout;
    expect(down).toMatch(/model\s+customer_classification/);
    expect(down).toMatch(/scoring\s+customer_scores/);
    expect(down).not.toMatch(/monitor/);
    const unknown = mlc(['ls', '-s', 'customer_featurs'], dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("did you mean 'customer_features'?");
  });

  test('every command has --help and unknown commands exit 1', () => {
    const dir = copyExample();
    for (const command of ['init', 'compile', 'ls', 'plan', 'run', 'schema']) {
      const help = mlc([command, '--help'], dir);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(`mlc ${command}`);
    }
    expect(mlc(['frobnicate'], dir).status).toBe(1);
  });
});
