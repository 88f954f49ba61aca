import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftSql } from '../../src/monitor/index.js';
import type { DriftSpec } from '../../src/monitor/index.js';
import { openDb, type TestDb } from './duckdb.js';

const ROWS = 100_000;

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
      `CREATE TABLE t AS SELECT range >= ${ROWS} AS is_current, CAST(random() * 1000 AS INTEGER) AS stable,
       random() * 100 + CASE WHEN range >= ${ROWS} THEN 30 ELSE 0 END AS shifted FROM range(${2 * ROWS})`,
    );
  });
  afterAll(() => db.close());

  it('estimates every statistic close to the exact value, and still tells the drifted feature', async () => {
    const exact = await db.rows(driftSql(spec));
    const sampled = await db.rows(driftSql({ ...spec, sample: 0.2 }));
    expect(sampled).toHaveLength(exact.length);
    // PSI of the shifted feature is dominated by bins the current sample leaves nearly
    // empty, whose terms hinge on a handful of rows and the epsilon: not a sampling estimate.
    for (const e of exact.filter((r) => !(r.feature === 'shifted' && r.method === 'psi'))) {
      const s = sampled.find((r) => r.feature === e.feature && r.method === e.method)!;
      // About 20,000 rows a side: sampling errors are near 0.01; 0.05 is several standard errors.
      expect(Math.abs(Number(s.value) - Number(e.value))).toBeLessThan(0.05);
    }
    const value = (feature: string, method: string) => Number(sampled.find((r) => r.feature === feature && r.method === method)!.value);
    expect(value('shifted', 'ks')).toBeGreaterThan(0.2);
    expect(value('stable', 'ks')).toBeLessThan(0.05);
  });

  it('is written for each engine', () => {
    expect(driftSql({ ...spec, sample: 0.02 })).toContain('USING SAMPLE 2 PERCENT (bernoulli)');
    const snowflake = driftSql({ ...spec, dialect: 'snowflake', sample: 0.02 });
    expect(snowflake).toContain('SAMPLE BERNOULLI (2)');
    expect(snowflake).not.toContain('USING SAMPLE');
    expect(() => driftSql({ ...spec, sample: 1 })).toThrow(/between 0 and 1/);
  });
});
