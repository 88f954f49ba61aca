import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SnowflakeQueryError } from '../../src/targets/snowflake/index.js';
import type { Connection, Target } from '../../src/targets/target.js';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { emulatorTarget } from './helpers.js';

let emulator: Emulator;
let target: Target;
let connection: Connection;

beforeAll(async () => {
  emulator = await startEmulator({ chunkRows: 500 });
  target = emulatorTarget(emulator).target;
  connection = await target.connect();
});

afterAll(async () => {
  await target.dispose();
  await emulator.close();
});

describe('snowflake target against the emulator (real snowflake-sdk)', () => {
  test('rows come back with canonical keys and converted values', async () => {
    const result = await connection.query(
      `select 42 as customer_id, 9007199254740993::number(38,0) as big, 1.25::number(10,2) as amount,
              'x' as "Display Name", true as active, '2024-03-05'::date as day,
              '2024-03-05 10:11:12.5'::timestamp_ntz as seen_at, null as nothing, '07:08:09'::time as at_time`,
    );
    expect(result.columns.map((c) => c.name)).toEqual(['customer_id', 'big', 'amount', '"Display Name"', 'active', 'day', 'seen_at', 'nothing', 'at_time']);
    const row = result.rows[0]!;
    expect(row.customer_id).toBe(42);
    expect(row.big).toBe(9007199254740993n);
    expect(row.amount).toBe(1.25);
    expect(row['"Display Name"']).toBe('x');
    expect(row.active).toBe(true);
    expect(row.day).toBe('2024-03-05');
    expect(row.seen_at).toEqual(new Date('2024-03-05T10:11:12.500Z'));
    expect(row.nothing).toBeNull();
    expect(row.at_time).toBe('07:08:09');
  });

  test('binds are positional and DML reports the rows changed', async () => {
    await connection.query('create or replace table customers (id int, name varchar, score double)');
    const inserted = await connection.query('insert into customers values (?, ?, ?), (?, ?, ?)', [1, 'ada', 0.5, 2, "o'brien", null]);
    expect(inserted.changes).toBe(2);
    const found = await connection.query('select name, score from customers where id = ?', [2]);
    expect(found.rows).toEqual([{ name: "o'brien", score: null }]);
    const updated = await connection.query('update customers set score = ? where id >= ?', [1.5, 1]);
    expect(updated.changes).toBe(2);
  });

  test('an SQL error carries Snowflake code, SQLSTATE and message', async () => {
    const error = await connection.query('select * from no_such_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnowflakeQueryError);
    expect(error).toMatchObject({ code: '002003', sqlState: '42S02' });
    expect((error as Error).message).toMatch(/NO_SUCH_TABLE' does not exist or not authorized/);
    // The connection stays usable after a failed statement.
    expect((await connection.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  test('a large result streams in batches across result chunks', async () => {
    let rows = 0;
    let batches = 0;
    let sum = 0;
    for await (const batch of connection.stream('select i as n from range(5000) as t(i)')) {
      batches++;
      rows += batch.length;
      for (const row of batch) sum += row.n as number;
    }
    expect(rows).toBe(5000);
    expect(batches).toBe(5);
    expect(sum).toBe((4999 * 5000) / 2);
    const next = await connection.query('select 2 as two');
    expect(next.rows).toEqual([{ two: 2 }]);
  });

  test('every statement carries its query tag; Snowflake-only DDL is recorded as a no-op', async () => {
    const before = emulator.statements.length;
    await connection.query('create or replace table tagged (x int)', [], { tag: 'mlc:churn:customer_features' });
    await connection.query(
      "create or replace task retrain warehouse = ml_wh schedule = 'USING CRON 0 3 * * * UTC' as call train()",
      [],
      { tag: 'mlc:churn:customer_classification' },
    );
    await connection.query('select 1 as x');
    const recorded = emulator.statements.slice(before);
    expect(recorded.map((s) => [s.tag, s.outcome])).toEqual([
      ['mlc:churn:customer_features', 'ok'],
      ['mlc:churn:customer_classification', 'noop'],
      ['mlc', 'ok'],
    ]);
    expect(recorded[1]!.sql).toMatch(/^create or replace task retrain/);
  });

  test('ALTER TABLE … SWAP WITH exchanges the two tables', async () => {
    await connection.query('create or replace table live as select 1 as version');
    await connection.query('create or replace table live__next as select 2 as version');
    await connection.query('alter table live swap with live__next');
    expect((await connection.query('select version from live')).rows).toEqual([{ version: 2 }]);
    expect((await connection.query('select version from live__next')).rows).toEqual([{ version: 1 }]);
  });

  test('concurrent queries on one connection run one at a time and all succeed', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((n) => connection.query('select ? as n', [n])));
    expect(results.map((r) => r.rows[0]!.n)).toEqual([1, 2, 3, 4]);
  });
});
