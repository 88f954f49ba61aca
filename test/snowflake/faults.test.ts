import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SnowflakeConnectionError, SnowflakeQueryError } from '../../src/targets/snowflake/index.js';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { emulatorTarget } from './helpers.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('transient failures', () => {
  test('HTTP 503 answers are retried and the statement succeeds', async () => {
    const { target } = emulatorTarget(emulator);
    const connection = await target.connect();
    const before = emulator.queries;
    emulator.faults.failNext(1, 503);
    expect((await connection.query('select 42 as answer')).rows).toEqual([{ answer: 42 }]);
    expect(emulator.queries - before).toBe(2);
    await target.dispose();
  });

  test('a connection dropped after the statement ran is retried without running it twice', async () => {
    const { target } = emulatorTarget(emulator);
    const connection = await target.connect();
    await connection.query('create or replace table events (id int)');
    emulator.faults.dropQuery(emulator.queries + 1);
    const inserted = await connection.query('insert into events values (1), (2)');
    expect(inserted.changes).toBe(2);
    expect((await connection.query('select count(*) as n from events')).rows).toEqual([{ n: 2 }]);
    await target.dispose();
  });

  test('a statement slower than query_timeout is cancelled with a clear error', async () => {
    const { target } = emulatorTarget(emulator, { query_timeout: 0.3 });
    const connection = await target.connect();
    emulator.faults.delayMs = 2000;
    try {
      const error = await connection.query('select 1 as slow').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnowflakeQueryError);
      expect(error).toMatchObject({ code: '000630', message: 'statement exceeded query_timeout of 0.3s and was cancelled' });
    } finally {
      emulator.faults.delayMs = 0;
    }
    await target.dispose();
  });

  test('an unreachable account fails after bounded retries, in one line, logging each retry', async () => {
    const port = await closedPort();
    const { target, lines } = emulatorTarget(emulator, { access_url: `http://127.0.0.1:${port}`, retries: 2 });
    const error = await target.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnowflakeConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot reach Snowflake for user ${emulator.user} on account ${emulator.account}: .*ECONNREFUSED`));
    expect((error as Error).message).not.toContain('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^snowflake: login failed \(.*\); retry 1\/2 in \d+ ms$/);
    for (const line of lines) expect(line).not.toContain(emulator.password);
  });

  test('a login slower than login_timeout fails with a clear error', async () => {
    const { target } = emulatorTarget(emulator, { login_timeout: 0.3 });
    emulator.faults.loginDelayMs = 1500;
    try {
      const error = await target.connect().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnowflakeConnectionError);
      expect((error as Error).message).toMatch(/timed out after 0.3s \(login_timeout\)$/);
    } finally {
      emulator.faults.loginDelayMs = 0;
    }
  });
});
