import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftSql } from '../../src/monitor/index.js';
import type { DriftSpec } from '../../src/monitor/index.js';
import { keySample } from '../../src/monitor/dialect.js';
import { openDb, type TestDb } from './duckdb.js';

const ROWS = 100_000;

type Row = Record<string, unknown>;

function valueOf(rows: readonly Row[], feature: string, method: string): number {
  return Number(rows.find((r) => r.feature === feature && r.method === method)!.value);
}

describe('drift on a drawn sample of large tables', () => {
  let db: TestDb;
  const spec: DriftSpec = {
    dialect: 'duckdb',
    reference: { from: 't', where: 'NOT is_current' },
    current: { from: 't', where: 'is_current' },
    numeric: ['stable', 'shifted'],
    methods: ['psi', 'ks', 'mean_shift', 'wasserstein'],
  };

  beforeAll(async () => {
    db = await openDb();
    await db.run(
      `CREATE TABLE t AS SELECT range AS id, range >= ${ROWS} AS is_current, CAST(random() * 1000 AS INTEGER) AS stable,
       random() * 100 + CASE WHEN range >= ${ROWS} THEN 30 ELSE 0 END AS shifted FROM range(${2 * ROWS})`,
    );
  });
  afterAll(() => db.close());

  /** Every statistic within 0.05 of the exact one, and the drifted feature still told apart. */
  function expectCloseToExact(exact: readonly Row[], sampled: readonly Row[]): void {
    expect(sampled).toHaveLength(exact.length);
    // PSI of the shifted feature is dominated by bins the current sample leaves nearly
    // empty, whose terms hinge on a handful of rows and the epsilon: not a sampling estimate.
    for (const e of exact.filter((r) => !(r.feature === 'shifted' && r.method === 'psi'))) {
      // About 20,000 rows a side: sampling errors are near 0.01; 0.05 is several standard errors.
      expect(Math.abs(valueOf(sampled, String(e.feature), String(e.method)) - Number(e.value))).toBeLessThan(0.05);
    }
    expect(valueOf(sampled, 'shifted', 'ks')).toBeGreaterThan(0.2);
    expect(valueOf(sampled, 'stable', 'ks')).toBeLessThan(0.05);
  }

  it('estimates every statistic close to the exact value on a random draw, and still tells the drifted feature', async () => {
    expectCloseToExact(await db.rows(driftSql(spec)), await db.rows(driftSql({ ...spec, sample: 0.2 })));
  });

  it('draws by a hash of the key when one is given: the same result every run, close to the exact one', async () => {
    const keyed: DriftSpec = { ...spec, sample: 0.2, key: 'id' };
    const first = await db.rows(driftSql(keyed));
    // The same rows are drawn: the values differ at most by the order DuckDB's threads add them in.
    const again = await db.rows(driftSql(keyed));
    expect(again.map(({ value, ...rest }) => rest)).toEqual(first.map(({ value, ...rest }) => rest));
    again.forEach((row, i) => expect(Number(row.value)).toBeCloseTo(Number(first[i]!.value), 12));
    expectCloseToExact(await db.rows(driftSql(spec)), first);
    const [drawn] = await db.rows(`SELECT COUNT(*) AS n FROM t WHERE ${keySample('duckdb', 'id', 0.2)}`);
    expect(Math.abs(Number(drawn!.n) / (2 * ROWS) - 0.2)).toBeLessThan(0.005);
  });

  it('draws the same entities on both sides, so unchanged entities show no drift at all', async () => {
    // Every entity appears on both sides with the same value: the two sides are identical.
    await db.run(`CREATE TABLE panel AS SELECT range % ${ROWS} AS id, range >= ${ROWS} AS is_current, (range % ${ROWS}) * 7919 % 1000 AS x FROM range(${2 * ROWS})`);
    const panel: DriftSpec = {
      ...spec,
      reference: { from: 'panel', where: 'NOT is_current' },
      current: { from: 'panel', where: 'is_current' },
      numeric: ['x'],
      sample: 0.02,
    };
    for (const row of await db.rows(driftSql({ ...panel, key: 'id' }))) expect(Number(row.value)).toBe(0);
    // Drawn at random, the two sides hold different entities.
    expect(valueOf(await db.rows(driftSql(panel)), 'x', 'ks')).toBeGreaterThan(0);
  });

  it('is written for each engine', () => {
    expect(driftSql({ ...spec, sample: 0.02 })).toContain('USING SAMPLE 2 PERCENT (bernoulli)');
    const snowflake = driftSql({ ...spec, dialect: 'snowflake', sample: 0.02 });
    expect(snowflake).toContain('SAMPLE BERNOULLI (2)');
    expect(snowflake).not.toContain('USING SAMPLE');
    expect(() => driftSql({ ...spec, sample: 1 })).toThrow(/between 0 and 1/);
    // By key: a condition on each side's own rows, against the first 2% of each engine's hash range.
    const keyed = driftSql({ ...spec, sample: 0.02, key: 'id' });
    expect(keyed).toContain('FROM t WHERE (NOT is_current) AND hash(id) < 368934881474191040\n');
    expect(keyed).not.toContain('SAMPLE');
    const keyedSnowflake = driftSql({ ...spec, dialect: 'snowflake', sample: 0.02, key: 'id' });
    expect(keyedSnowflake).toContain('FROM t WHERE (is_current) AND HASH(id) < -8854437155380584768\n');
    expect(keyedSnowflake).not.toContain('SAMPLE');
    expect(() => driftSql({ ...spec, sample: 0, key: 'id' })).toThrow(/between 0 and 1/);
  });
});
