import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { championsLoader, readChampions, startServer, withReadOnlyDatabase, type RunningServer } from '../../src/serve/index.js';
import { copyExample, mlc, REPO } from '../support/cli.js';
import { query } from '../support/warehouse.js';


const ROW = { total_spend: 900, total_transactions: 12, customer_tenure_days: 400, days_since_last_order: 3 };

describe('serving the example project with A/B routing', () => {
  const dir = copyExample();
  const model = path.join(dir, 'models/customer_classification.yml');
  let server: RunningServer;

  beforeAll(async () => {
    writeFileSync(model, readFileSync(model, 'utf8').replace('realtime: { function: predict_customer_value }', 'realtime: { function: predict_customer_value }\n  ab: { challenger_share: 0.3 }'));
    expect(mlc(['run'], dir).status).toBe(0);
    // The same data and seed give the same AUC: the retrained version cannot beat the champion, so it becomes the challenger.
    expect(mlc(['run', '--retrain', '-s', 'customer_classification'], dir).stdout).toMatch(/v2 challenger/);
    expect(mlc(['run', '-s', 'customer_scores', '--full-refresh'], dir).status).toBe(0);
    const file = path.join(dir, '.mlc/warehouse.duckdb');
    server = await startServer({ port: 0, maxBodyBytes: 10_000, load: () => withReadOnlyDatabase(file, (c) => readChampions(c, 'model_registry')) });
  }, 60_000);
  afterAll(() => server.close());

  test('the latest batch holds one row per customer with score, label, version and its variant', async () => {
    const rows = await query(
      dir,
      `SELECT variant, model_version, COUNT(*) AS n, COUNT(DISTINCT customer_id) AS customers, MIN(prediction_score) AS lo, MAX(prediction_score) AS hi,
         BOOL_AND(prediction_label IN ('STANDARD', 'HIGH_VALUE')) AS labelled
       FROM customer_scores WHERE run_id = (SELECT MAX(run_id) FROM customer_scores) GROUP BY ALL ORDER BY variant`,
    );
    expect(rows.map((r) => [r.variant, r.model_version])).toEqual([
      ['challenger', 'v2'],
      ['champion', 'v1'],
    ]);
    expect(Number(rows[0]!.n) + Number(rows[1]!.n)).toBe(600);
    expect(Number(rows[0]!.customers) + Number(rows[1]!.customers)).toBe(600);
    expect(Number(rows[0]!.n)).toBeGreaterThan(120);
    expect(Number(rows[0]!.n)).toBeLessThan(240);
    for (const r of rows) {
      expect(r.labelled).toBe(true);
      expect(Number(r.lo)).toBeGreaterThanOrEqual(0);
      // A forest's average of leaf probabilities may round a few ulps above 1.
      expect(Number(r.hi)).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  test('batch scores from the JS fast path equal the portable SQL functions of a plain connection', async () => {
    const [row] = await query(
      dir,
      `SELECT MAX(ABS(s.prediction_score - CASE s.variant WHEN 'challenger'
           THEN predict_customer_value_challenger(f.total_spend, f.total_transactions, f.customer_tenure_days, f.days_since_last_order)
           ELSE predict_customer_value(f.total_spend, f.total_transactions, f.customer_tenure_days, f.days_since_last_order) END)) AS d,
         COUNT(*) AS n
       FROM customer_scores s JOIN feature_store.customer_features f USING (customer_id)
       WHERE s.run_id = (SELECT MAX(run_id) FROM customer_scores)`,
    );
    expect(Number(row!.n)).toBe(600);
    expect(Number(row!.d)).toBeLessThan(1e-9);
  });

  test('mlc predict scores a file and names a mistyped field', () => {
    const file = path.join(dir, 'rows.json');
    writeFileSync(file, JSON.stringify([ROW, { ...ROW, total_spend: 1 }]));
    const ok = mlc(['predict', 'customer_classification', '--input', file], dir);
    expect(ok.status).toBe(0);
    const out = JSON.parse(ok.stdout) as { version: string; predictions: { score: number }[] };
    expect(out.version).toBe('v1');
    expect(out.predictions).toHaveLength(2);
    const v2 = mlc(['predict', 'customer_classification', '--version', '2', '--input', file], dir);
    expect((JSON.parse(v2.stdout) as { version: string }).version).toBe('v2');
    writeFileSync(file, JSON.stringify({ ...ROW, total_transactions: 'ten' }));
    const bad = mlc(['predict', 'customer_classification', '--input', file], dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/feature 'total_transactions' must be a number/);
  });

  test('mlc ab report compares the variants on actuals', () => {
    const report = mlc(['ab', 'report', 'customer_classification', '--json'], dir);
    expect(report.status).toBe(0);
    const r = JSON.parse(report.stdout) as { champion: { rows: number }; challenger: { rows: number }; accuracy: { pValue: number; low: number; high: number }; promote: boolean };
    expect(r.champion.rows + r.challenger.rows).toBe(600);
    expect(r.accuracy.pValue).toBeGreaterThan(0);
    expect(r.accuracy.low).toBeLessThan(r.accuracy.high);
    expect(typeof r.promote).toBe('boolean');
  });

  const post = (name: string, body: string): Promise<Response> =>
    fetch(`${server.url}/v1/models/${name}/predict`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  test('HTTP: single and batch predictions, model list, health', async () => {
    const single = await post('customer_classification', JSON.stringify(ROW));
    expect(single.status).toBe(200);
    const one = (await single.json()) as { version: string; prediction: { score: number; label: number } };
    expect(one.version).toBe('v1');
    expect(one.prediction.score).toBeGreaterThanOrEqual(0);
    const batch = await post('customer_classification', JSON.stringify([ROW, { ...ROW, total_spend: null }, ROW]));
    const many = (await batch.json()) as { predictions: { score: number }[] };
    expect(many.predictions).toHaveLength(3);
    expect(many.predictions[2]!.score).toBe(one.prediction.score);
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { models: { name: string; version: string }[] };
    expect(models.models).toEqual([{ name: 'customer_classification', version: 'v1', status: 'CHAMPION' }]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  test('HTTP: bad requests get 400/404/413 naming the problem, and the server keeps serving', async () => {
    const malformed = await post('customer_classification', '{"total_spend": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/malformed JSON/);
    const wrongType = await post('customer_classification', JSON.stringify([ROW, { ...ROW, customer_tenure_days: '3' }]));
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ field: '[1].customer_tenure_days' });
    const { days_since_last_order: _d, ...partial } = ROW;
    const missing = await post('customer_classification', JSON.stringify(partial));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ field: 'days_since_last_order' });
    expect((await post('customer_classification', JSON.stringify(Array.from({ length: 200 }, () => ROW)))).status).toBe(413);
    expect((await post('no_such_model', JSON.stringify(ROW))).status).toBe(404);
    expect((await post('customer_classification', JSON.stringify(ROW))).status).toBe(200);
  });

  test('mlc serve listens, answers, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/mlc.js'), 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const match = /listening on (\S+)/.exec(String(d));
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`mlc serve exited with ${String(code)}`)));
      });
      const answer = await fetch(`${url}/v1/models/customer_classification/predict`, { method: 'POST', body: JSON.stringify(ROW) });
      expect(answer.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  test('HTTP: a new champion is picked up by the next registry poll', async () => {
    await query(dir, "UPDATE model_registry SET status = CASE model_version WHEN 'v2' THEN 'CHAMPION' ELSE 'ARCHIVED' END");
    await server.reload();
    const answer = (await (await post('customer_classification', JSON.stringify(ROW))).json()) as { version: string };
    expect(answer.version).toBe('v2');
  });

  test('a polling server skips an unchanged registry, even while another process holds it, and picks up a new champion', async () => {
    const file = path.join(dir, '.mlc/warehouse.duckdb');
    const load = championsLoader(file, 'model_registry');
    const polling = await startServer({ port: 0, load, pollMs: 50 });
    const version = async (): Promise<string> => ((await (await fetch(`${polling.url}/v1/models`)).json()) as { models: { version: string }[] }).models[0]!.version;
    // A process with the database open read-write, as `mlc run` has it: a read-only open would fail with "locked".
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `import { DuckDBInstance } from '@duckdb/node-api'; await DuckDBInstance.create(${JSON.stringify(file)}); console.log('held'); setInterval(() => {}, 1000);`], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      expect((await load()).map((v) => v.version)).toEqual(['v2']);
      holder.kill('SIGTERM');
      await new Promise((resolve) => holder.once('exit', resolve));
      await query(dir, "UPDATE model_registry SET status = CASE model_version WHEN 'v1' THEN 'CHAMPION' ELSE 'ARCHIVED' END");
      await vi.waitFor(async () => expect(await version()).toBe('v1'), { timeout: 5000, interval: 50 });
    } finally {
      holder.kill('SIGTERM');
      await polling.close();
    }
  });
});
