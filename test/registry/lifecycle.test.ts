import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileScorer, parseArtifact } from '../../src/ml/index.js';
import { copyExample, mlc, type CliResult } from '../support/cli.js';
import { query } from '../support/warehouse.js';

type Row = Record<string, unknown>;


const registry = (dir: string): Promise<Row[]> =>
  query(dir, "SELECT model_version, status, previous_champion FROM model_registry WHERE model_name = 'customer_classification' ORDER BY version_number");

const statuses = async (dir: string): Promise<Record<string, string>> =>
  Object.fromEntries((await registry(dir)).map((r) => [String(r.model_version), String(r.status)]));

const FEATURES = ['total_spend', 'total_transactions', 'customer_tenure_days', 'days_since_last_order'];

/** The largest difference between the real-time function and the JS scorer of one registered version. */
async function distanceToVersion(dir: string, version: string): Promise<number> {
  const [stored] = await query(dir, `SELECT model_binary FROM model_registry WHERE model_name = 'customer_classification' AND model_version = '${version}'`);
  const scorer = compileScorer(parseArtifact(JSON.parse(String(stored!.model_binary))));
  const rows = await query(dir, `SELECT ${FEATURES.join(', ')}, predict_customer_value(${FEATURES.join(', ')}) AS served FROM feature_store.customer_features`);
  return Math.max(...rows.map((row) => Math.abs(scorer(row).score - Number(row.served))));
}

function editModel(dir: string, edit: (yaml: string) => string): void {
  const file = path.join(dir, 'models/customer_classification.yml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

function expectOk(run: CliResult): void {
  expect(run.status, run.stderr).toBe(0);
}

const setParams = (params: string) => (yaml: string) => yaml.replace(/^params: .*$/m, `params: ${params}`);

describe('training, registering and promoting on the example project', () => {
  const dir = copyExample();
  // A weak first model, so a better second one has something to beat.
  editModel(dir, setParams('{ n_estimators: 3, max_depth: 1, random_state: 42 }'));

  test('the first run registers v1 with every recorded field and makes it champion', async () => {
    const run = mlc(['run'], dir);
    expect(run.status, run.stderr).toBe(0);
    const [row] = await query(dir, "SELECT * FROM model_registry WHERE model_name = 'customer_classification'");
    expect(row!.model_version).toBe('v1');
    expect(row!.status).toBe('CHAMPION');
    expect(row!.algorithm).toBe('random_forest');
    expect(JSON.parse(String(row!.params))).toMatchObject({ n_estimators: 3, max_depth: 1, random_state: 42 });
    expect(JSON.parse(String(row!.feature_columns))).toEqual(FEATURES);
    expect(Number(row!.training_rows)).toBe(600);
    expect(String(row!.training_fingerprint)).toMatch(/^[0-9a-f]{16}$/);
    expect(String(row!.artifact_hash)).toMatch(/^[0-9a-f]{64}$/);
    const performance = JSON.parse(String(row!.performance_metrics)) as { splits: Record<string, Record<string, number>>; rows: Record<string, number> };
    for (const split of ['train', 'validation', 'test']) {
      expect(Object.keys(performance.splits[split]!)).toEqual(expect.arrayContaining(['accuracy', 'precision', 'recall', 'f1_score', 'auc_roc']));
    }
    expect(performance.rows.train! + performance.rows.validation! + performance.rows.test!).toBe(600);
    const upstream = JSON.parse(String(row!.feature_fingerprints)) as Record<string, string>;
    expect(Object.keys(upstream).sort()).toEqual(['dataset.training_data', 'feature.customer_features', 'source.orders']);
    expect(upstream['dataset.training_data']).toBe(row!.training_fingerprint);
    const evaluation = await query(dir, "SELECT * FROM classification_model_output WHERE model_name = 'customer_classification'");
    expect(evaluation).toHaveLength(1);
    expect(Number(evaluation[0]!.test_accuracy)).toBeGreaterThan(0.5);
    expect(await distanceToVersion(dir, 'v1')).toBeLessThan(1e-9);
  });

  test("the model_versions view answers the seed's latest-version query", async () => {
    const latest = await query(dir, "SELECT * FROM model_versions WHERE version_rank = 1 AND model_name = 'customer_classification'");
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ model_version: 'v1', status: 'CHAMPION' });
    expect(Number(latest[0]!.accuracy)).toBeGreaterThan(0.5);
  });

  test('re-running without changes trains nothing', async () => {
    const run = mlc(['run'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0 built/);
    expect(await statuses(dir)).toEqual({ v1: 'CHAMPION' });
  });

  test('a better version registered by a parameter change becomes champion and the function serves it', async () => {
    editModel(dir, setParams('{ n_estimators: 50, max_depth: 6, random_state: 42 }'));
    const run = mlc(['run'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/v2 champion/);
    expect(await registry(dir)).toEqual([
      { model_version: 'v1', status: 'ARCHIVED', previous_champion: null },
      { model_version: 'v2', status: 'CHAMPION', previous_champion: 'v1' },
    ]);
    expect(await distanceToVersion(dir, 'v2')).toBeLessThan(1e-9);
    expect(await distanceToVersion(dir, 'v1')).toBeGreaterThan(1e-3);
  });

  test('a version that cannot beat the champion by the margin stays a candidate', async () => {
    editModel(dir, (yaml) => setParams('{ n_estimators: 50, max_depth: 6, random_state: 7 }')(yaml).replace(/^promote: .*$/m, 'promote: { metric: auc_roc, min: 0.7, margin: 0.5 }'));
    const run = mlc(['run'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/v3 candidate/);
    expect(await statuses(dir)).toEqual({ v1: 'ARCHIVED', v2: 'CHAMPION', v3: 'CANDIDATE' });
    expect(await distanceToVersion(dir, 'v2')).toBeLessThan(1e-9);
  });

  test('--retrain trains and registers again without any change', async () => {
    const run = mlc(['run', '--retrain', '--select', 'customer_classification'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(await statuses(dir)).toEqual({ v1: 'ARCHIVED', v2: 'CHAMPION', v3: 'CANDIDATE', v4: 'CANDIDATE' });
  });

  test('a bad parameter registers nothing and leaves the champion and its function intact', async () => {
    editModel(dir, setParams('{ n_estimators: 50, max_depth: -3, random_state: 7 }'));
    const run = mlc(['run'], dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/max_depth/);
    expect(await statuses(dir)).toEqual({ v1: 'ARCHIVED', v2: 'CHAMPION', v3: 'CANDIDATE', v4: 'CANDIDATE' });
    expect(await distanceToVersion(dir, 'v2')).toBeLessThan(1e-9);
  });

  test('a target with a single class registers nothing', async () => {
    editModel(dir, setParams('{ n_estimators: 50, max_depth: 6, random_state: 7 }'));
    const file = path.join(dir, 'features/training_data.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace('WHEN total_spend > 1000 THEN 1', 'WHEN total_spend > 1e12 THEN 1'));
    const run = mlc(['run'], dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/needs exactly 2 classes/);
    expect(await statuses(dir)).toEqual({ v1: 'ARCHIVED', v2: 'CHAMPION', v3: 'CANDIDATE', v4: 'CANDIDATE' });
    expect(await distanceToVersion(dir, 'v2')).toBeLessThan(1e-9);
  });

  test('mlc models list and show report versions, statuses and what each was trained on', () => {
    const list = mlc(['models', 'list', '--json'], dir);
    expect(list.status, list.stderr).toBe(0);
    const versions = JSON.parse(list.stdout) as { version: string; status: string }[];
    expect(versions.map((v) => `${v.version}:${v.status}`)).toEqual(['v1:ARCHIVED', 'v2:CHAMPION', 'v3:CANDIDATE', 'v4:CANDIDATE']);
    expect(mlc(['models'], dir).stdout).toMatch(/v2\s+CHAMPION\s+\S+ \S+\s+random_forest\s+auc_roc \d\.\d{4}/);

    const show = mlc(['models', 'show', 'customer_classification', '2', '--json'], dir);
    expect(show.status, show.stderr).toBe(0);
    const v2 = JSON.parse(show.stdout) as Record<string, unknown> & { performance: { splits: Record<string, Record<string, number>> } };
    expect(v2).toMatchObject({ version: 'v2', status: 'CHAMPION', algorithm: 'random_forest', features: FEATURES, trainingRows: 600, previousChampion: 'v1' });
    expect(v2.params).toMatchObject({ n_estimators: 50, max_depth: 6 });
    expect(typeof v2.performance.splits.test!.auc_roc).toBe('number');
    expect(Object.keys(v2.featureFingerprints as object)).toContain('dataset.training_data');
    const text = mlc(['models', 'show', 'customer_classification'], dir).stdout;
    expect(text).toMatch(/^customer_classification v2: CHAMPION/);
    expect(text).toMatch(/artifact hash\s+[0-9a-f]{64}/);
    expect(text).toMatch(/auc_roc(\s+\d\.\d{4}){3}/);
  });

  test('promote makes a version champion, archives the old one and swaps the function with it', async () => {
    const promote = mlc(['models', 'promote', 'customer_classification', 'v3'], dir);
    expect(promote.status, promote.stderr).toBe(0);
    expect(promote.stdout).toMatch(/v2 champion -> archived, v3 candidate -> champion/);
    expect(await statuses(dir)).toEqual({ v1: 'ARCHIVED', v2: 'ARCHIVED', v3: 'CHAMPION', v4: 'CANDIDATE' });
    expect(await distanceToVersion(dir, 'v3')).toBeLessThan(1e-9);
    expect(await distanceToVersion(dir, 'v2')).toBeGreaterThan(1e-6);
  });

  test('rollback returns the previous champions one after another, until there is none', async () => {
    expectOk(mlc(['models', 'rollback', 'customer_classification'], dir));
    expect(await statuses(dir)).toEqual({ v1: 'ARCHIVED', v2: 'CHAMPION', v3: 'ARCHIVED', v4: 'CANDIDATE' });
    expect(await distanceToVersion(dir, 'v2')).toBeLessThan(1e-9);
    expectOk(mlc(['models', 'rollback', 'customer_classification'], dir));
    expect(await statuses(dir)).toEqual({ v1: 'CHAMPION', v2: 'ARCHIVED', v3: 'ARCHIVED', v4: 'CANDIDATE' });
    expect(await distanceToVersion(dir, 'v1')).toBeLessThan(1e-9);
    const none = mlc(['models', 'rollback', 'customer_classification'], dir);
    expect(none.status, none.stderr).toBe(1);
    expect(none.stderr).toMatch(/v1 has no earlier champion/);
  });

  test('archive retires a version but refuses to archive the champion', async () => {
    expectOk(mlc(['models', 'archive', 'customer_classification', 'v4'], dir));
    const champion = mlc(['models', 'archive', 'customer_classification', 'v1'], dir);
    expect(champion.status, champion.stderr).toBe(1);
    expect(champion.stderr).toMatch(/v1 is the champion/);
    expect(await statuses(dir)).toEqual({ v1: 'CHAMPION', v2: 'ARCHIVED', v3: 'ARCHIVED', v4: 'ARCHIVED' });
    expect(await distanceToVersion(dir, 'v1')).toBeLessThan(1e-9);
  });

  test('an unknown model or version is a clear error that changes nothing', async () => {
    const model = mlc(['models', 'promote', 'customer_clasification', 'v2'], dir);
    expect(model.status, model.stderr).toBe(1);
    expect(model.stderr).toMatch(/unknown model 'customer_clasification'[\s\S]*did you mean 'customer_classification'/);
    const version = mlc(['models', 'promote', 'customer_classification', 'v9'], dir);
    expect(version.status, version.stderr).toBe(1);
    expect(version.stderr).toMatch(/customer_classification has no version v9[\s\S]*v1, v2, v3, v4/);
    expect(await statuses(dir)).toEqual({ v1: 'CHAMPION', v2: 'ARCHIVED', v3: 'ARCHIVED', v4: 'ARCHIVED' });
  });
});
