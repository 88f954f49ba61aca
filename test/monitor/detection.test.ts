import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_THRESHOLDS, QUALITY_THRESHOLDS, driftSql, qualitySql } from '../../src/monitor/index.js';
import type { DriftStatistic, QualityMetric } from '../../src/monitor/index.js';
import { openDb } from './duckdb.js';
import type { TestDb } from './duckdb.js';
import { normal, pick, seededRandom } from './random.js';

const DAYS = 64;
const PER_DAY = 1000;
const SHIFT_DAY = 40;
const WIDEN_DAY = 30;
const NEW_CATEGORY_DAY = 45;
const NULLS_DAY = 50;
const START = '2024-01-01';

const CATEGORIES = [
  ['a', 0.5],
  ['b', 0.3],
  ['c', 0.2],
] as const;
const WITH_NEW = [
  ['a', 0.35],
  ['b', 0.2],
  ['c', 0.15],
  ['z', 0.3],
] as const;

const SCHEMA = {
  day: 'INTEGER',
  stable: 'DOUBLE',
  shifted: 'DOUBLE',
  widened: 'DOUBLE',
  nullable: 'DOUBLE',
  stable_category: 'VARCHAR',
  category: 'VARCHAR',
} as const;

let db: TestDb;

beforeAll(async () => {
  db = await openDb();
  const random = seededRandom(42);
  const reference = Array.from({ length: 5000 }, () => {
    const n = (): number => normal(random, 50, 10);
    return [0, n(), n(), n(), n(), pick(random, CATEGORIES), pick(random, CATEGORIES)];
  });
  const stream: (number | string | null)[][] = [];
  for (let day = 0; day < DAYS; day++) {
    // The null share rises by 5 points a day from NULLS_DAY on.
    const nullShare = day >= NULLS_DAY ? 0.05 * (day - NULLS_DAY + 1) : 0;
    for (let i = 0; i < PER_DAY; i++) {
      stream.push([
        day,
        normal(random, 50, 10),
        normal(random, day >= SHIFT_DAY ? 75 : 50, 10),
        normal(random, 50, day >= WIDEN_DAY ? 25 : 10),
        i < nullShare * PER_DAY ? null : normal(random, 50, 10),
        pick(random, CATEGORIES),
        pick(random, day >= NEW_CATEGORY_DAY ? WITH_NEW : CATEGORIES),
      ]);
    }
  }
  await db.load('reference', SCHEMA, reference);
  await db.load('stream', SCHEMA, stream);
});

afterAll(() => db.close());

const current = { from: `(SELECT *, DATE '${START}' + day AS ts FROM stream)`, period: { column: 'ts' } };

function dayOf(period: unknown): number {
  const date = period as { days: number } | Date;
  const ms = date instanceof Date ? date.getTime() : Date.UTC(1970, 0, 1 + date.days);
  return Math.round((ms - Date.parse(START)) / 86_400_000);
}

type Row = Record<string, unknown>;

/** The days on which `feature` exceeds the default threshold of `statistic`. */
function flaggedDays(rows: Row[], feature: string, statistic: string, threshold: number | undefined, key = 'method'): number[] {
  if (threshold === undefined) throw new Error(`${statistic} has no default threshold`);
  const mine = rows.filter((r) => r.feature === feature && r[key] === statistic);
  expect(mine, `${feature}/${statistic} has a value per day`).toHaveLength(DAYS);
  return mine.filter((r) => (r.value as number) > threshold).map((r) => dayOf(r.period)).sort((a, b) => a - b);
}

function daysFrom(first: number): number[] {
  return Array.from({ length: DAYS - first }, (_, i) => first + i);
}

describe('drift detection over 64 days', () => {
  let rows: Row[];

  beforeAll(async () => {
    rows = await db.rows(
      driftSql({
        dialect: 'duckdb',
        reference: { from: 'reference' },
        current,
        numeric: ['stable', 'shifted', 'widened'],
        categorical: ['stable_category', 'category'],
      }),
    );
  });

  const drift = (feature: string, statistic: DriftStatistic): number[] =>
    flaggedDays(rows, feature, statistic, DRIFT_THRESHOLDS[statistic]);

  it('raises nothing for a stable stream', () => {
    for (const m of ['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift'] as const) expect(drift('stable', m), m).toEqual([]);
    for (const m of ['psi', 'jensen_shannon', 'cramers_v'] as const) expect(drift('stable_category', m), m).toEqual([]);
  });

  it('flags a mean shift by every numeric method from the day it starts', () => {
    for (const m of ['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift'] as const) {
      expect(drift('shifted', m), m).toEqual(daysFrom(SHIFT_DAY));
    }
  });

  it('flags a variance change by distribution methods, not by the mean shift', () => {
    for (const m of ['psi', 'ks', 'jensen_shannon', 'wasserstein'] as const) {
      expect(drift('widened', m), m).toEqual(daysFrom(WIDEN_DAY));
    }
    expect(drift('widened', 'mean_shift')).toEqual([]);
  });

  it('flags a new category by chi-square (Cramér\'s V), PSI and Jensen–Shannon', () => {
    for (const m of ['cramers_v', 'psi', 'jensen_shannon'] as const) {
      expect(drift('category', m), m).toEqual(daysFrom(NEW_CATEGORY_DAY));
    }
  });
});

describe('data quality over 64 days', () => {
  let rows: Row[];

  beforeAll(async () => {
    rows = await db.rows(
      qualitySql({
        dialect: 'duckdb',
        reference: { from: 'reference' },
        current,
        numeric: ['stable', 'nullable'],
        categorical: ['stable_category', 'category'],
      }),
    );
  });

  const quality = (feature: string, metric: QualityMetric): number[] =>
    flaggedDays(rows, feature, metric, QUALITY_THRESHOLDS[metric], 'metric');

  it('flags rising nulls from the first day they appear', () => {
    expect(quality('nullable', 'null_rate')).toEqual(daysFrom(NULLS_DAY));
    expect(quality('stable', 'null_rate')).toEqual([]);
  });

  it('flags a category the reference never had', () => {
    expect(quality('category', 'unseen_category_share')).toEqual(daysFrom(NEW_CATEGORY_DAY));
    expect(quality('stable_category', 'unseen_category_share')).toEqual([]);
  });

  it('counts rows per day and compares each day with the one before', () => {
    const counts = rows.filter((r) => r.feature === 'stable' && r.metric === 'row_count');
    expect(counts.map((r) => r.value)).toEqual(Array(DAYS).fill(PER_DAY));
    const changes = rows.filter((r) => r.feature === 'stable' && r.metric === 'row_count_change');
    expect(changes.map((r) => r.value)).toEqual([null, ...Array(DAYS - 1).fill(0)]);
  });
});
