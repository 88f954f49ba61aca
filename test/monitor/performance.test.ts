import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performanceSql } from '../../src/monitor/index.js';
import { openDb } from './duckdb.js';
import type { TestDb } from './duckdb.js';

let db: TestDb;

function isoDate(value: unknown): string {
  return (value as Date).toISOString().slice(0, 10);
}

beforeAll(async () => {
  db = await openDb();
  await db.run(`CREATE TABLE scores AS SELECT * FROM (VALUES
    (1, 0.9, TIMESTAMP '2024-03-01 08:00', 'v1', 'champion'),
    (2, 0.8, TIMESTAMP '2024-03-01 09:00', 'v1', 'champion'),
    (3, 0.8, TIMESTAMP '2024-03-01 10:00', 'v1', 'champion'),
    (4, 0.6, TIMESTAMP '2024-03-01 11:00', 'v1', 'champion'),
    (5, 0.4, TIMESTAMP '2024-03-01 12:00', 'v1', 'champion'),
    (6, 0.4, TIMESTAMP '2024-03-01 13:00', 'v1', 'champion'),
    (7, 0.2, TIMESTAMP '2024-03-01 14:00', 'v1', 'champion'),
    (8, 0.1, TIMESTAMP '2024-03-01 15:00', 'v1', 'champion'),
    (9, 0.7, TIMESTAMP '2024-03-01 16:00', 'v1', 'champion'),
    (10, 0.7, TIMESTAMP '2024-03-01 09:00', 'v2', 'challenger'),
    (11, 0.3, TIMESTAMP '2024-03-01 10:00', 'v2', 'challenger')
  ) AS t(customer_id, p_high_value, scored_at, model_version, ab_group)`);
  // Key 9 has no outcome yet; key 1 has an outcome from before its prediction, which must not count.
  await db.run(`CREATE TABLE actual_results AS SELECT * FROM (VALUES
    (1, 'HIGH_VALUE', DATE '2024-03-05'), (1, 'STANDARD', DATE '2024-02-01'),
    (2, 'HIGH_VALUE', DATE '2024-03-05'), (3, 'STANDARD', DATE '2024-03-05'),
    (4, 'HIGH_VALUE', DATE '2024-03-05'), (5, 'STANDARD', DATE '2024-03-05'),
    (6, 'HIGH_VALUE', DATE '2024-03-05'), (7, 'STANDARD', DATE '2024-03-05'),
    (8, 'STANDARD', DATE '2024-03-05'), (10, 'STANDARD', DATE '2024-03-05'),
    (11, 'STANDARD', DATE '2024-03-05')
  ) AS t(customer_id, actual, outcome_date)`);
});

afterAll(() => db.close());

describe('classification performance', () => {
  it('matches hand-computed metrics, with AUC counting tied scores as half', async () => {
    const rows = await db.rows(
      performanceSql({
        dialect: 'duckdb',
        modelName: 'customer_classification',
        task: 'classification',
        scores: { from: 'scores', key: 'customer_id', score: 'p_high_value', at: 'scored_at', version: 'model_version', variant: 'ab_group' },
        actuals: { from: 'actual_results', key: 'customer_id', label: 'actual', at: 'outcome_date' },
        positive: 'HIGH_VALUE',
      }),
    );
    expect(rows).toHaveLength(2);
    const champion = rows.find((r) => r.variant === 'champion')!;
    expect(champion.model_name).toBe('customer_classification');
    expect(champion.model_version).toBe('v1');
    // Scores 0.9 0.8 0.8 0.6 | 0.4 0.4 0.2 0.1 with labels 1 1 0 1 | 0 1 0 0 at threshold 0.5:
    // TP 3 (keys 1 2 4), FP 1 (key 3), FN 1 (key 6), TN 3.
    expect(Number(champion.total_predictions)).toBe(8);
    expect(Number(champion.correct_predictions)).toBe(6);
    expect(champion.accuracy).toBeCloseTo(0.75, 12);
    expect(champion.precision).toBeCloseTo(0.75, 12);
    expect(champion.recall).toBeCloseTo(0.75, 12);
    expect(champion.f1_score).toBeCloseTo(0.75, 12);
    // Positives 0.9, 0.8, 0.6, 0.4 against negatives 0.8, 0.4, 0.2, 0.1:
    // 4 + (3 + ½) + 3 + (2 + ½) = 13 of 16 pairs.
    expect(champion.auc_roc).toBeCloseTo(13 / 16, 12);
    const logLoss = -[0.9, 0.8, 0.2, 0.6, 0.6, 0.4, 0.8, 0.9].reduce((s, p) => s + Math.log(p), 0) / 8;
    expect(champion.log_loss).toBeCloseTo(logLoss, 12);
    // Bins 9: |0.9−1|, 8: |1.6−1|, 6: |0.6−1|, 4: |0.8−1|, 2: 0.2, 1: 0.1 → 1.6 over 8 rows.
    expect(champion.calibration_error).toBeCloseTo(0.2, 12);
    expect(champion.avg_confidence).toBeCloseTo(0.75, 12);
    expect(isoDate(champion.prediction_date)).toBe('2024-03-01');

    const challenger = rows.find((r) => r.variant === 'challenger')!;
    expect(challenger.model_version).toBe('v2');
    expect(Number(challenger.total_predictions)).toBe(2);
    expect(Number(challenger.correct_predictions)).toBe(1);
    // No positives: recall and AUC are undefined, not zero.
    expect(challenger.recall).toBeNull();
    expect(challenger.auc_roc).toBeNull();
    expect(challenger.precision).toBe(0);
  });

  it('groups by day and uses the fixed model version when there is no version column', async () => {
    await db.run(`CREATE TABLE daily AS SELECT range AS id, TIMESTAMP '2024-03-01' + INTERVAL (range % 3) DAY AS ts,
      (range % 10) / 10.0 AS score, CASE WHEN range % 10 >= 5 THEN 1 ELSE 0 END AS label FROM range(30)`);
    const rows = await db.rows(
      performanceSql({
        dialect: 'duckdb',
        modelName: 'm',
        modelVersion: '3',
        task: 'classification',
        scores: { from: 'daily', key: 'id', score: 'score', at: 'ts' },
        actuals: { from: 'daily', key: 'id', label: 'label' },
      }),
    );
    expect(rows.map((r) => [isoDate(r.prediction_date), r.model_version, Number(r.total_predictions)])).toEqual([
      ['2024-03-01', '3', 10],
      ['2024-03-02', '3', 10],
      ['2024-03-03', '3', 10],
    ]);
    // Labels are 1 exactly when score ≥ 0.5: perfect ranking and accuracy.
    for (const r of rows) {
      expect(r.auc_roc).toBe(1);
      expect(r.accuracy).toBe(1);
    }
  });
});

describe('regression performance', () => {
  it('computes RMSE and MAE', async () => {
    await db.run(`CREATE TABLE reg AS SELECT * FROM (VALUES (1, 10.0, 12.0), (2, 5.0, 4.0), (3, 7.0, 7.0), (4, 1.0, 5.0))
      AS t(id, predicted, observed)`);
    const rows = await db.rows(
      performanceSql({
        dialect: 'duckdb',
        modelName: 'spend',
        task: 'regression',
        scores: { from: "(SELECT *, TIMESTAMP '2024-03-01' AS ts FROM reg)", key: 'id', score: 'predicted', at: 'ts' },
        actuals: { from: 'reg', key: 'id', label: 'observed' },
      }),
    );
    // Errors −2, 1, 0, −4.
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.total_predictions)).toBe(4);
    expect(rows[0]!.rmse).toBeCloseTo(Math.sqrt((4 + 1 + 0 + 16) / 4), 12);
    expect(rows[0]!.mae).toBeCloseTo(7 / 4, 12);
  });
});
