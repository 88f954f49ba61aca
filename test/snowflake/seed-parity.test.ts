/**
 * Issue #12 on Snowflake: the example plus the seed's ML Functions model
 * (`algorithm: snowflake_ml_classification`) run with `mlc run --target snowflake`
 * against the emulator, then the seed document's read queries, verbatim, through the real
 * driver, and its detect_data_drift() procedure called the way a user would.
 */

import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../../src/targets/target.js';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { emulatorEnv, exampleCopy, loadSources, mlcAsync } from './example.js';
import { emulatorTarget } from './helpers.js';
import { ML_FUNCTION_MODEL } from './ml-function-model.js';
import { ACCURACY_TREND, LATEST_VERSION, MODEL_PERFORMANCE, REALTIME } from '../support/seed-queries.js';

let emulator: Emulator;
let dir: string;
let connection: Connection;
let runOutput = '';

/** Rows through snowflake-sdk, keyed by lower-case column names. */
async function query(sql: string): Promise<Record<string, unknown>[]> {
  const { rows } = await connection.query(sql.replace(/;\s*$/, ''));
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v])));
}

function unit(value: unknown): void {
  expect(Number(value)).toBeGreaterThanOrEqual(0);
  expect(Number(value)).toBeLessThanOrEqual(1);
}

beforeAll(async () => {
  emulator = await startEmulator({ database: 'ML', schema: 'PUBLIC' });
  await loadSources(emulator);
  dir = exampleCopy();
  writeFileSync(path.join(dir, 'models/customer_classification_mlf.yml'), ML_FUNCTION_MODEL);
  const result = await mlcAsync(['run', '--target', 'snowflake'], dir, emulatorEnv(emulator));
  runOutput = result.stdout + result.stderr;
  expect(result.status, runOutput).toBe(0);
  connection = await emulatorTarget(emulator).target.connect();
});

afterAll(async () => {
  await connection?.close();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('snowflake_ml_classification on Snowflake', () => {
  test('trains with SNOWFLAKE.ML.CLASSIFICATION, evaluation on, and reads the evaluation back', () => {
    expect(runOutput).toMatch(/model customer_classification_mlf .* v1 champion: auc_roc [01]\.\d{3}/);
    expect(runOutput).not.toContain('locally');
    const sent = emulator.statements.map((s) => s.sql);
    const create = emulator.statements.find((s) => s.sql.startsWith('CREATE OR REPLACE SNOWFLAKE.ML.CLASSIFICATION customer_classification_mlf('));
    expect(create?.outcome).toBe('ok');
    expect(create!.sql).toContain("INPUT_DATA => SYSTEM$REFERENCE('VIEW', 'mlc_mlf_input_customer_classification_mlf')");
    expect(create!.sql).toContain("TARGET_COLNAME => 'HIGH_VALUE_CUSTOMER'");
    expect(create!.sql).toContain("CONFIG_OBJECT => {'evaluate': TRUE, 'on_error': 'SKIP', 'evaluation_config': {'test_fraction': 0.2}}");
    expect(sent).toContain('CALL customer_classification_mlf!SHOW_EVALUATION_METRICS()');
    expect(sent).toContain('CALL customer_classification_mlf!SHOW_GLOBAL_EVALUATION_METRICS()');
    // The Python procedure is for the other model only.
    expect(sent.some((s) => s.includes('mlc_train_customer_classification_mlf'))).toBe(false);
  });

  test('the evaluation methods answer with the documented columns', async () => {
    const perClass = await query('CALL customer_classification_mlf!SHOW_EVALUATION_METRICS()');
    expect(Object.keys(perClass[0]!)).toEqual(['dataset_type', 'class', 'error_metric', 'metric_value', 'logs']);
    expect(new Set(perClass.map((r) => r.class))).toEqual(new Set(['0', '1']));
    const global = await query('CALL customer_classification_mlf!SHOW_GLOBAL_EVALUATION_METRICS()');
    expect(Object.keys(global[0]!)).toEqual(['dataset_type', 'average_type', 'error_metric', 'metric_value', 'logs']);
    expect(global.map((r) => r.error_metric)).toEqual(expect.arrayContaining(['precision', 'recall', 'f1', 'auc']));
  });

  test('the registry row holds the evaluation metrics and a reference to the Snowflake model', async () => {
    const [row] = await query("SELECT model_binary, algorithm, status, performance_metrics, training_rows FROM model_registry WHERE model_name = 'customer_classification_mlf'");
    expect(row).toMatchObject({ algorithm: 'snowflake_ml_classification', status: 'CHAMPION', training_rows: 600 });
    expect(JSON.parse(String(row!.model_binary))).toEqual({ kind: 'snowflake_ml_function', class: 'SNOWFLAKE.ML.CLASSIFICATION', object: 'customer_classification_mlf', positive_class: '1' });
    const metrics = (typeof row!.performance_metrics === 'string' ? JSON.parse(row!.performance_metrics) : row!.performance_metrics) as Record<string, number>;
    for (const metric of ['accuracy', 'precision', 'recall', 'f1_score', 'auc_roc']) unit(metrics[metric]);
    expect(metrics.auc_roc).toBeGreaterThan(0.9);
    const [output] = await query("SELECT training_accuracy, test_accuracy, auc_roc FROM classification_model_output WHERE model_name = 'customer_classification_mlf'");
    // ML Functions evaluate on the held-out fraction only: there is no training accuracy to report.
    expect(output!.training_accuracy).toBeNull();
    expect(Number(output!.test_accuracy)).toBeCloseTo(metrics.accuracy!, 6);
  });

  test('batch scoring and the real-time function score with !PREDICT, and agree with the labels', async () => {
    const created = emulator.statements.find((s) => s.sql.startsWith('CREATE OR REPLACE FUNCTION predict_customer_value_mlf('));
    expect(created?.sql).toContain('customer_classification_mlf!PREDICT(INPUT_DATA => OBJECT_CONSTRUCT(');
    const scores = await query(
      'SELECT s.prediction_score, s.prediction_label, t.high_value_customer FROM customer_scores_mlf s JOIN training_data t ON t.customer_id = s.customer_id',
    );
    expect(scores).toHaveLength(600);
    for (const row of scores) unit(row.prediction_score);
    const agree = scores.filter((r) => (r.prediction_label === 'HIGH_VALUE') === (Number(r.high_value_customer) === 1)).length;
    expect(agree / scores.length).toBeGreaterThan(0.9);
    const direct = await query(
      `SELECT customer_id, customer_classification_mlf!PREDICT(INPUT_DATA => OBJECT_CONSTRUCT('TOTAL_SPEND', total_spend, 'TOTAL_TRANSACTIONS', total_transactions,
        'CUSTOMER_TENURE_DAYS', customer_tenure_days, 'DAYS_SINCE_LAST_ORDER', days_since_last_order)):class::STRING AS class,
        predict_customer_value_mlf(total_spend, total_transactions, customer_tenure_days, days_since_last_order) AS score
      FROM feature_store.customer_features ORDER BY customer_id LIMIT 50`,
    );
    for (const row of direct) expect(row.class).toBe(Number(row.score) >= 0.5 ? '1' : '0');
  });
});

describe('the seed queries after mlc run --target snowflake, through the real driver', () => {
  test('model performance: one row per model, metrics between 0 and 1', async () => {
    const rows = await query(MODEL_PERFORMANCE);
    expect(rows.map((r) => r.model_name).sort()).toEqual(['customer_classification', 'customer_classification_mlf']);
    const python = rows.find((r) => r.model_name === 'customer_classification')!;
    for (const metric of ['training_accuracy', 'validation_accuracy', 'test_accuracy', 'f1_score', 'auc_roc']) unit(python[metric]);
  });

  test('latest version: exactly one, ranked first', async () => {
    const rows = await query(LATEST_VERSION);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model_name: 'customer_classification', model_version: 'v1' });
    expect(Number(rows[0]!.version_rank)).toBe(1);
    expect(Number(rows[0]!.accuracy)).toBeGreaterThan(0.5);
  });

  test('the real-time function: one score per customer', async () => {
    const rows = await query(REALTIME);
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(600);
    for (const row of rows) unit(row.value_score);
  });

  test('the accuracy trend with LAG: dates descending, accuracy between 0 and 1', async () => {
    const rows = await query(ACCURACY_TREND);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(30);
    for (const row of rows) unit(row.accuracy);
    const dates = rows.map((r) => new Date(r.prediction_date as string).getTime());
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    const withPrevious = rows.filter((r) => r.prev_accuracy !== null);
    for (const row of withPrevious) expect(Number(row.accuracy_change)).toBeCloseTo(Number(row.accuracy) - Number(row.prev_accuracy), 9);
  });

  test('CALL detect_data_drift() answers with the seed’s message for the latest drift window', async () => {
    expect(emulator.statements.find((s) => s.sql.startsWith('CREATE OR REPLACE PROCEDURE detect_data_drift()'))?.sql).toContain('LANGUAGE SQL');
    const latest = await query(
      "SELECT feature FROM feature_drift WHERE monitor = 'customer_classification' AND drifted AND feature <> 'prediction_score' AND drift_date = (SELECT MAX(drift_date) FROM feature_drift WHERE monitor = 'customer_classification') ORDER BY feature",
    );
    const [answer] = await query('CALL detect_data_drift()');
    const message = Object.values(answer!)[0];
    expect(message).toBe(latest.length > 0 ? `WARNING: Data drift detected in ${String(latest[0]!.feature)} feature` : 'SUCCESS: No significant data drift detected');
    // Both messages are reachable: mark every window undrifted, then one feature drifted.
    await query("UPDATE feature_drift SET drifted = FALSE WHERE monitor = 'customer_classification'");
    expect(Object.values((await query('CALL detect_data_drift()'))[0]!)[0]).toBe('SUCCESS: No significant data drift detected');
    await query(
      "UPDATE feature_drift SET drifted = TRUE WHERE monitor = 'customer_classification' AND feature = 'total_spend' AND drift_date = (SELECT MAX(drift_date) FROM feature_drift WHERE monitor = 'customer_classification')",
    );
    expect(Object.values((await query('CALL detect_data_drift()'))[0]!)[0]).toBe('WARNING: Data drift detected in total_spend feature');
  });
});
