import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualitySql } from '../../src/monitor/index.js';
import { openDb } from './duckdb.js';
import type { TestDb } from './duckdb.js';

let db: TestDb;

beforeAll(async () => {
  db = await openDb();
  await db.run("CREATE TABLE ref AS SELECT range::DOUBLE AS spend, ['gold', 'silver'][1 + range % 2] AS tier FROM range(0, 11)");
  await db.run(`CREATE TABLE cur AS SELECT * FROM (VALUES
    (DATE '2024-05-01', 5.0, 'gold'), (DATE '2024-05-01', 12.0, 'gold'), (DATE '2024-05-01', -1.0, 'bronze'), (DATE '2024-05-01', NULL, NULL),
    (DATE '2024-05-02', 10.0, 'silver'), (DATE '2024-05-02', 0.0, 'gold')
  ) AS t(day, spend, tier)`);
});

afterAll(() => db.close());

describe('data quality', () => {
  it('reports null rate, out-of-range and unseen-category shares, and the row count change', async () => {
    const rows = await db.rows(
      qualitySql({
        dialect: 'duckdb',
        reference: { from: 'ref' },
        current: { from: 'cur', period: { column: 'day' } },
        numeric: ['spend'],
        categorical: ['tier'],
      }),
    );
    const value = (feature: string, metric: string, day: number): unknown =>
      rows.find((r) => r.feature === feature && r.metric === metric && (r.period as Date).getUTCDate() === day)?.value;
    // Day 1: 4 rows, one NULL; of the 3 spends, 12 and −1 lie outside the reference's [0, 10].
    expect(value('spend', 'row_count', 1)).toBe(4);
    expect(value('spend', 'null_rate', 1)).toBe(0.25);
    expect(value('spend', 'out_of_range_share', 1)).toBeCloseTo(2 / 3, 12);
    expect(value('tier', 'unseen_category_share', 1)).toBeCloseTo(1 / 3, 12);
    expect(value('spend', 'row_count_change', 1)).toBeNull();
    // Day 2: 2 rows, both within range and known; half as many rows as the day before.
    expect(value('spend', 'out_of_range_share', 2)).toBe(0);
    expect(value('tier', 'unseen_category_share', 2)).toBe(0);
    expect(value('tier', 'null_rate', 2)).toBe(0);
    expect(value('spend', 'row_count_change', 2)).toBe(-0.5);
  });

  it('reports the whole current sample as one NULL period when it is not bucketed', async () => {
    const rows = await db.rows(
      qualitySql({ dialect: 'duckdb', reference: { from: 'ref' }, current: { from: 'cur' }, numeric: ['spend'], categorical: ['tier'] }),
    );
    expect(rows.every((r) => r.period === null)).toBe(true);
    const value = (feature: string, metric: string): unknown => rows.find((r) => r.feature === feature && r.metric === metric)?.value;
    // Both days: 6 rows, one NULL; of the 5 tiers, bronze is unseen; of the 5 spends, 12 and −1 are out of range.
    expect(value('spend', 'row_count')).toBe(6);
    expect(value('tier', 'unseen_category_share')).toBeCloseTo(1 / 5, 12);
    expect(value('spend', 'out_of_range_share')).toBeCloseTo(2 / 5, 12);
  });
});
