import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mlc } from '../support/cli.js';
import { query, SNOWFLAKE_TARGET, writeProject } from './project.js';

const EVENTS = 'id,customer_id,ts,amount\n1,1,2025-01-01 10:00:00,10\n2,2,2025-01-01 11:00:00,20\n3,1,2025-01-02 09:00:00,5\n';

describe('incremental features', () => {
  const dir = writeProject({
    'mlc.yml': `name: inc\ntargets:\n  embedded:\n    type: duckdb\n${SNOWFLAKE_TARGET}entities:\n  customer:\n    join_keys: [customer_id]\nsources:\n  events:\n    file: data/events.csv\n    columns: [id, customer_id, ts, amount]\n`,
    'data/events.csv': EVENTS,
    'features/event_amounts.sql': '-- materialized: incremental\n-- timestamp: ts\n\nSELECT id, customer_id, ts, amount * 2 AS doubled FROM events\n',
    'features/customer_totals.sql':
      '-- materialized: incremental\n-- entity: customer\n-- unique_key: customer_id\n\nSELECT customer_id, MAX(ts) AS last_ts, SUM(amount) AS total FROM events GROUP BY customer_id\n',
    'features/customer_lagged.sql': '-- materialized: dynamic\n-- target_lag: 10 minutes\n-- entity: customer\n\nSELECT customer_id, total FROM feature_store.customer_totals\n',
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const table = (name: string, order: string): Promise<Record<string, unknown>[]> => query(dir, `SELECT * FROM feature_store.${name} ORDER BY ${order}`);

  test('appending source rows adds exactly the new rows, the same as a full rebuild; --full-refresh rebuilds', async () => {
    expect(mlc(['run'], dir).status).toBe(0);
    expect(await table('event_amounts', 'id')).toHaveLength(3);
    appendFileSync(path.join(dir, 'data/events.csv'), '4,3,2025-01-03 08:00:00,7\n5,2,2025-01-03 09:00:00,1\n');
    const second = mlc(['run'], dir);
    expect(second.status).toBe(0);
    const appended = await table('event_amounts', 'id');
    expect(appended.map((r) => [Number(r.id), Number(r.doubled)])).toEqual([
      [1, 20],
      [2, 40],
      [3, 10],
      [4, 14],
      [5, 2],
    ]);
    const merged = await table('customer_totals', 'customer_id');
    expect(merged.map((r) => [Number(r.customer_id), Number(r.total)])).toEqual([
      [1, 15],
      [2, 21],
      [3, 7],
    ]);
    expect((await table('customer_lagged', 'customer_id')).map((r) => Number(r.total))).toEqual([15, 21, 7]);
    expect(mlc(['run', '--full-refresh', '--select', 'event_amounts customer_totals'], dir).status).toBe(0);
    expect(await table('event_amounts', 'id')).toEqual(appended);
    expect(await table('customer_totals', 'customer_id')).toEqual(merged);

    // Rows at or before the latest time are not appended again: the table keeps what it had.
    writeFileSync(path.join(dir, 'data/events.csv'), EVENTS.replace('2,2,2025-01-01 11:00:00,20\n', ''));
    appendFileSync(path.join(dir, 'data/events.csv'), '4,3,2025-01-03 08:00:00,7\n5,2,2025-01-03 09:00:00,1\n');
    expect(mlc(['run'], dir).status).toBe(0);
    expect(await table('event_amounts', 'id')).toEqual(appended);

    const refresh = mlc(['run', '--full-refresh'], dir);
    expect(refresh.status).toBe(0);
    const rebuilt = await table('event_amounts', 'id');
    expect(rebuilt.map((r) => Number(r.id))).toEqual([1, 3, 4, 5]);
    expect(rebuilt).toEqual(appended.filter((r) => Number(r.id) !== 2));
    expect((await table('customer_totals', 'customer_id')).map((r) => [Number(r.customer_id), Number(r.total)])).toEqual([
      [1, 15],
      [2, 1],
      [3, 7],
    ]);
  });

  test('compiled: an incremental merge and a Snowflake dynamic table with its lag; the version table under a stable view', () => {
    expect(mlc(['compile'], dir).status).toBe(0);
    const compiled = (target: string, name: string): string => readFileSync(path.join(dir, `compiled/${target}/feature/${name}.sql`), 'utf8');
    expect(compiled('snowflake', 'customer_totals')).toContain('MERGE INTO feature_store.customer_totals__v1 USING');
    expect(compiled('snowflake', 'customer_lagged')).toContain("CREATE OR REPLACE DYNAMIC TABLE feature_store.customer_lagged__v1\n  TARGET_LAG = '10 minutes'\n  WAREHOUSE = ML_WH");
    expect(compiled('snowflake', 'customer_lagged')).toContain('CREATE OR REPLACE VIEW feature_store.customer_lagged AS\nSELECT * FROM feature_store.customer_lagged__v1');
    expect(compiled('embedded', 'customer_lagged')).toContain('CREATE OR REPLACE TABLE feature_store.customer_lagged__v1 AS');
  });
});
