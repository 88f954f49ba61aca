import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Connection, RowStatement } from 'snowflake-sdk';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import './helpers.js';

let emulator: Emulator;
let connection: Connection;

beforeAll(async () => {
  process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = 'true';
  const sdk = (await import('snowflake-sdk')).default;
  sdk.configure({ logLevel: 'OFF' });
  emulator = await startEmulator();
  connection = sdk.createConnection({ account: emulator.account, username: emulator.user, password: emulator.password, accessUrl: emulator.url });
  await new Promise((resolve, reject) => connection.connect((error, conn) => (error ? reject(error) : resolve(conn))));
});

afterAll(async () => {
  await new Promise((resolve) => connection.destroy(resolve));
  await emulator.close();
});

test('multi-statement requests run in order and each result is fetched by the driver', async () => {
  const results: unknown[] = [];
  await new Promise<void>((resolve, reject) => {
    connection.execute({
      sqlText: 'create or replace table m (x int); insert into m values (1), (2); select sum(x) as total from m',
      parameters: { MULTI_STATEMENT_COUNT: 3 },
      complete: (error, statement, rows) => {
        if (error) return reject(error);
        results.push(rows);
        const s = statement as RowStatement & { hasNext(): boolean; NextResult(): void };
        if (s.hasNext()) s.NextResult();
        else resolve();
      },
    });
  });
  expect(results).toHaveLength(3);
  expect(results[2]).toEqual([{ TOTAL: 3 }]);
});

test('a wrong statement count is refused with Snowflake code 000008', async () => {
  const error = await new Promise<unknown>((resolve) =>
    connection.execute({ sqlText: 'select 1; select 2', parameters: { MULTI_STATEMENT_COUNT: 1 }, complete: (e) => resolve(e) }),
  );
  expect(error).toMatchObject({ code: '000008' });
});

test('heartbeat keeps the session valid', async () => {
  expect(await connection.isValidAsync()).toBe(true);
});
