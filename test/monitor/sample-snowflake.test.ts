import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftSql } from '../../src/monitor/index.js';
import type { DriftSpec } from '../../src/monitor/index.js';
import type { Connection } from '../../src/targets/target.js';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { emulatorTarget } from '../snowflake/helpers.js';

const ROWS = 50_000;

/*
 * The emulator runs Snowflake's HASH as DuckDB's hash moved to the signed range, so the
 * Snowflake text must draw exactly the rows the DuckDB text draws from the same table.
 */
describe('key-sampled drift in Snowflake SQL, on the emulator', () => {
  let emulator: Emulator;
  let connection: Connection;
  const spec: DriftSpec = {
    dialect: 'snowflake',
    reference: { from: 't', where: 'NOT is_current' },
    current: { from: 't', where: 'is_current' },
    numeric: ['x'],
    categorical: ['region'],
    methods: ['psi', 'ks', 'wasserstein', 'mean_shift', 'chi_square'],
    sample: 0.1,
    key: 'customer_id',
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    await emulator.duckdb.run(
      `CREATE TABLE t AS SELECT range AS customer_id, range >= ${ROWS} AS is_current,
       CAST(range * 7919 % 1000 AS DOUBLE) + CASE WHEN range >= ${ROWS} THEN 50 ELSE 0 END AS x,
       CASE range % 3 WHEN 0 THEN 'north' WHEN 1 THEN 'south' ELSE 'east' END AS region FROM range(${2 * ROWS})`,
    );
    connection = await emulatorTarget(emulator).target.connect();
  });
  afterAll(async () => {
    await connection.close();
    await emulator.close();
  });

  it('draws the rows the DuckDB text draws, and gives the same statistics', async () => {
    const snowflake = (await connection.query(driftSql(spec))).rows;
    const duckdb = (await emulator.duckdb.runAndReadAll(driftSql({ ...spec, dialect: 'duckdb' }))).getRowObjectsJS();
    expect(snowflake.map((r) => `${String(r.feature)} ${String(r.method)}`)).toEqual(duckdb.map((r) => `${String(r.feature)} ${String(r.method)}`));
    snowflake.forEach((row, i) => expect(Number(row.value)).toBeCloseTo(Number(duckdb[i]!.value), 9));
    // A sample, not every row: the exact KS differs.
    const exact = (await connection.query(driftSql({ ...spec, sample: undefined }))).rows;
    const ks = (rows: readonly Record<string, unknown>[]): number => Number(rows.find((r) => r.method === 'ks')!.value);
    expect(ks(snowflake)).not.toBe(ks(exact));
  });
});
