import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftSql } from '../../src/monitor/index.js';
import { openDb } from './duckdb.js';
import type { TestDb } from './duckdb.js';

interface Feature<E> {
  reference: (number | string | null)[];
  current: (number | string | null)[];
  expected: E;
}
interface Reference {
  numeric: Record<string, Feature<Record<string, number>>>;
  categorical: Record<string, Feature<Record<string, number>>>;
}

// Computed once with SciPy by fixtures/make_drift_reference.py.
const reference = JSON.parse(
  readFileSync(new URL('./fixtures/drift-reference.json', import.meta.url), 'utf8'),
) as Reference;

/** Feature columns side by side; shorter ones padded with NULL, which drift ignores. */
function columnsToRows(columns: (number | string | null)[][]): (number | string | null)[][] {
  const length = Math.max(...columns.map((c) => c.length));
  return Array.from({ length }, (_, i) => columns.map((c) => c[i] ?? null));
}

let db: TestDb;

beforeAll(async () => {
  db = await openDb();
  const { amount, visits } = reference.numeric;
  const { region } = reference.categorical;
  const schema = { amount: 'DOUBLE', visits: 'DOUBLE', region: 'VARCHAR' } as const;
  await db.load('ref', schema, columnsToRows([amount!.reference, visits!.reference, region!.reference]));
  await db.load('cur', schema, columnsToRows([amount!.current, visits!.current, region!.current]));
});

afterAll(() => db.close());

function valueOf(rows: Record<string, unknown>[], feature: string, method: string): number | null {
  const matches = rows.filter((r) => r.feature === feature && r.method === method);
  expect(matches, `${feature}/${method}`).toHaveLength(1);
  return matches[0]!.value as number | null;
}

describe('drift statistics against SciPy', () => {
  it('matches ks_2samp, wasserstein_distance, jensenshannon, chisquare and the PSI definition to 1e-6', async () => {
    const rows = await db.rows(
      driftSql({
        dialect: 'duckdb',
        reference: { from: 'ref' },
        current: { from: 'cur' },
        numeric: ['amount', 'visits'],
        categorical: ['region'],
      }),
    );
    for (const [name, feature] of Object.entries(reference.numeric)) {
      for (const method of ['ks', 'wasserstein', 'jensen_shannon', 'psi', 'mean_shift']) {
        expect(Math.abs(valueOf(rows, name, method)! - feature.expected[method]!), `${name}/${method}`).toBeLessThan(1e-6);
      }
    }
    const region = reference.categorical.region!.expected;
    for (const method of ['jensen_shannon', 'psi', 'chi_square', 'cramers_v']) {
      expect(Math.abs(valueOf(rows, 'region', method)! - region[method]!), method).toBeLessThan(1e-6);
    }
    // The visits fixture has heavy ties, so several of its decile edges coincide.
    expect(reference.numeric.visits!.expected.distinct_edges).toBeLessThan(9);
    expect(rows.every((r) => r.period === null)).toBe(true);
    expect(rows).toHaveLength(2 * 5 + 4);
  });
});

describe('PSI on a hand-computed example', () => {
  it('bins by reference quantiles and floors empty bins at 1e-4', async () => {
    await db.run('CREATE TABLE psi_ref AS SELECT range::DOUBLE AS x FROM range(1, 11)');
    await db.run('CREATE TABLE psi_cur AS SELECT unnest([2, 4, 4, 5, 9, 9, 9, 11])::DOUBLE AS x');
    const rows = await db.rows(
      driftSql({
        dialect: 'duckdb',
        reference: { from: 'psi_ref' },
        current: { from: 'psi_cur' },
        numeric: ['x'],
        methods: ['psi'],
        bins: 4,
      }),
    );
    // Reference 1..10 in 4 bins: edges are the smallest values whose CDF reaches 1/4, 2/4,
    // 3/4: 3, 5 and 8, so bins (-inf,3] (3,5] (5,8] (8,inf) hold 3, 2, 3, 2 of 10.
    // Current 2 | 4 4 5 | - | 9 9 9 11 holds 1, 3, 0, 4 of 8; the empty bin counts as 1e-4.
    const p = [0.3, 0.2, 0.3, 0.2];
    const q = [0.125, 0.375, 1e-4, 0.5];
    const expected = p.reduce((sum, pi, i) => sum + (q[i]! - pi) * Math.log(q[i]! / pi), 0);
    expect(expected).toBeCloseTo(2.939211, 5);
    expect(Math.abs(valueOf(rows, 'x', 'psi')! - expected)).toBeLessThan(1e-9);
  });

  it('gives NULL rather than a number when the current sample is empty', async () => {
    const rows = await db.rows(
      driftSql({
        dialect: 'duckdb',
        reference: { from: 'ref' },
        current: { from: 'cur', where: 'amount > 1e9' },
        numeric: ['amount'],
        methods: ['psi', 'ks', 'wasserstein'],
      }),
    );
    expect(rows.map((r) => r.value)).toEqual([null, null, null]);
  });
});
