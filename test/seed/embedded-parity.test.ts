/**
 * The seed document's read queries, verbatim, against the embedded database after
 * `mlc run` at the root of the example: the objects it names exist with the columns it
 * uses, and the answers are sensible.
 */

import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { DUCKDB_PRELUDE, translateToDuckDb } from '../../src/sql/translate/index.js';
import { copyExample, mlc } from '../support/cli.js';
import { ACCURACY_TREND, LATEST_VERSION, MODEL_PERFORMANCE, REALTIME } from '../support/seed-queries.js';

describe('the seed queries on the embedded target', () => {
  let dir = '';
  let run: (sql: string) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    dir = copyExample();
    expect(mlc(['run'], dir).status).toBe(0);
    run = async (sql) => {
      const instance = await DuckDBInstance.create(path.join(dir, '.mlc/warehouse.duckdb'));
      const connection = await instance.connect();
      try {
        for (const statement of DUCKDB_PRELUDE) await connection.run(statement);
        const translated = translateToDuckDb(sql.replace(/;\s*$/, ''));
        expect(translated.diagnostics).toEqual([]);
        return (await connection.runAndReadAll(translated.sql)).getRowObjectsJS() as Record<string, unknown>[];
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    };
  });

  test('model performance: one row per trained version with metrics between 0 and 1', async () => {
    const rows = await run(MODEL_PERFORMANCE);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.model_name).toBe('customer_classification');
    for (const metric of ['training_accuracy', 'validation_accuracy', 'test_accuracy', 'f1_score', 'auc_roc']) {
      expect(Number(rows[0]![metric])).toBeGreaterThanOrEqual(0);
      expect(Number(rows[0]![metric])).toBeLessThanOrEqual(1);
    }
  });

  test('latest version: exactly one, ranked first', async () => {
    const rows = await run(LATEST_VERSION);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model_name: 'customer_classification', model_version: 'v1' });
    expect(Number(rows[0]!.version_rank)).toBe(1);
    expect(Number(rows[0]!.accuracy)).toBeGreaterThan(0.5);
  });

  test('the real-time function scores every customer', async () => {
    const rows = await run(REALTIME);
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(600);
    for (const row of rows) {
      expect(Number(row.value_score)).toBeGreaterThanOrEqual(0);
      expect(Number(row.value_score)).toBeLessThanOrEqual(1);
    }
  });

  test('the accuracy trend: dates descending, accuracy between 0 and 1', async () => {
    const rows = await run(ACCURACY_TREND);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(30);
    for (const row of rows) {
      expect(Number(row.accuracy)).toBeGreaterThanOrEqual(0);
      expect(Number(row.accuracy)).toBeLessThanOrEqual(1);
    }
    const dates = rows.map((r) => new Date(r.prediction_date as Date).getTime());
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });
});
