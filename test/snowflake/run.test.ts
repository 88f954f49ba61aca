import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseArtifact } from '../../src/ml/index.js';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { emulatorEnv, exampleCopy, loadSources, mlcAsync } from './example.js';

let emulator: Emulator;
let dir: string;
let env: NodeJS.ProcessEnv;
/** Everything mlc printed, for the secrets check. */
const outputs: string[] = [];

async function run(...args: string[]) {
  const result = await mlcAsync(['run', '--target', 'snowflake', ...args], dir, env);
  outputs.push(result.stdout, result.stderr);
  return result;
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await emulator.duckdb.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

beforeAll(async () => {
  // mlc.yml says database ML, schema PUBLIC, connection default: the emulator serves exactly that.
  emulator = await startEmulator({ database: 'ML', schema: 'PUBLIC' });
  await loadSources(emulator);
  dir = exampleCopy();
  env = emulatorEnv(emulator);
});

afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mlc run --target snowflake against the emulator (real snowflake-sdk, real Python handler)', () => {
  test('the whole example builds: features, training by the Python procedure, scores, monitors', async () => {
    const result = await run();
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/model customer_classification .* v1 champion: auc_roc/);
    expect(result.stdout).toMatch(/run succeeded: 9 built, 0 unchanged, 0 skipped, 0 failed/);

    const sent = emulator.statements.map((s) => s.sql);
    expect(sent.some((s) => /^CREATE OR REPLACE PROCEDURE mlc_train_customer_classification\(/.test(s) && s.includes("LANGUAGE PYTHON"))).toBe(true);
    expect(emulator.statements.find((s) => s.sql.startsWith('CALL mlc_train_customer_classification'))?.outcome).toBe('ok');
    // The row the Python handler inserted holds a valid artifact, trained by scikit-learn on the train split.
    const [registered] = await rows("SELECT model_version, status, algorithm, model_binary, training_rows, code_version FROM model_registry WHERE model_name = 'customer_classification'");
    expect(registered).toMatchObject({ model_version: 'v1', status: 'CHAMPION', algorithm: 'random_forest', training_rows: 600 });
    const artifact = parseArtifact(String(registered!.model_binary));
    expect(artifact.params).toMatchObject({ n_estimators: 100, max_depth: 8, random_state: 42 });
    expect(artifact.trees).toHaveLength(100);

    const [scores] = await rows('SELECT COUNT(*)::INTEGER AS n, COUNT(prediction_score)::INTEGER AS scored, MIN(model_version) AS version FROM customer_scores');
    expect(scores).toEqual({ n: 600, scored: 600, version: 'v1' });
    const [monitored] = await rows('SELECT COUNT(*) AS n FROM model_monitoring');
    expect(Number(monitored!.n)).toBeGreaterThan(0);
  });

  test('a second run skips every unchanged node, from the state stored through the driver', async () => {
    const calls = emulator.statements.filter((s) => s.sql.startsWith('CALL')).length;
    const result = await run('--json');
    expect(result.status).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; counts?: Record<string, number> });
    expect(events.at(-1)).toMatchObject({ counts: { built: 0, unchanged: 9, failed: 0, skipped: 0 } });
    expect(emulator.statements.filter((s) => s.sql.startsWith('CALL')).length).toBe(calls);
    const [state] = await rows('SELECT COUNT(*) AS n FROM mlc_meta.node_state');
    expect(Number(state!.n)).toBe(9);
  });

  test('an SQL error names the node and Snowflake’s error code', async () => {
    await emulator.duckdb.run('ALTER TABLE orders RENAME TO orders_hidden');
    try {
      const result = await run('--full-refresh', '--select', 'customer_features');
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/FAIL\s+feature customer_features\s+features\/customer_features\.sql.*Object 'ORDERS' does not exist.*\[002003\]/);
      const json = await run('--full-refresh', '--select', 'customer_features', '--json');
      const failed = json.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.type === 'node_fail');
      expect(failed).toMatchObject({ id: 'feature.customer_features', error: { code: '002003', file: 'features/customer_features.sql' } });
    } finally {
      await emulator.duckdb.run('ALTER TABLE orders_hidden RENAME TO orders');
    }
  });

  test('the configured secret appears in no output: compiled files, logs, NDJSON events, run results', async () => {
    const compiled = await mlcAsync(['compile'], dir, env);
    outputs.push(compiled.stdout, compiled.stderr);
    const files = readdirSync(path.join(dir, 'compiled'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'));
    expect(files.length).toBeGreaterThan(5);
    const texts = [...outputs, ...files, readFileSync(path.join(dir, '.mlc', 'run_results.json'), 'utf8'), ...emulator.statements.map((s) => s.sql)];
    expect(outputs.join('').length).toBeGreaterThan(1000);
    for (const text of texts) expect(text).not.toContain(emulator.password);
    // The check can fail: the secret is really in the connection file the runs used.
    writeFileSync(path.join(dir, 'probe.txt'), readFileSync(path.join(env.SNOWFLAKE_HOME!, 'connections.toml'), 'utf8'));
    expect(readFileSync(path.join(dir, 'probe.txt'), 'utf8')).toContain(emulator.password);
  });
});
