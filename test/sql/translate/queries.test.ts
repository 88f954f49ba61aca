import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateToDuckDb } from '../../../src/sql/translate/index.js';
import { preludeConnection } from './support.js';

let db: DuckDBConnection;

/** Translates Snowflake SQL, requires no diagnostics, runs it and returns the rows as JSON objects. */
async function rows(snowflake: string): Promise<Record<string, unknown>[]> {
  const { sql, diagnostics } = translateToDuckDb(snowflake);
  expect(diagnostics).toEqual([]);
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

beforeAll(async () => {
  db = await preludeConnection();
  await rows(`CREATE OR REPLACE TRANSIENT TABLE events (Customer_ID NUMBER(38,0), TS TIMESTAMP_NTZ, Amount NUMBER(10,2), Payload VARIANT, Tag STRING)`);
  await rows(`INSERT INTO events VALUES
    (1, '2024-01-01 10:00', 10.00, PARSE_JSON('{"items":[{"sku":"a","qty":2},{"sku":"b","qty":1}],"channel":"web"}'), 'x'),
    (1, '2024-01-03 10:00', NULL, PARSE_JSON('{"items":[],"channel":"app"}'), NULL),
    (2, '2024-01-02 09:00', 5.50, PARSE_JSON('{"items":[{"sku":"c","qty":4}]}'), 'y')`);
  await rows(`CREATE OR REPLACE TABLE prices AS
    SELECT 1 AS customer_id, '2024-01-01 00:00'::TIMESTAMP_NTZ AS ts, 100 AS price
    UNION ALL SELECT 1, '2024-01-02 00:00'::TIMESTAMP_NTZ, 110`);
});

describe('Snowflake queries executed on DuckDB', () => {
  it('LATERAL FLATTEN exposes INDEX, KEY, PATH, VALUE and THIS, and VALUE paths read unquoted', async () => {
    const result = await rows(`
      SELECT e.customer_id, f.index, f.path, f.value:sku::string AS sku, f.value:qty::int AS qty, f.key, f.this IS NOT NULL AS has_this
      FROM events e, LATERAL FLATTEN(input => e.payload:items) f
      ORDER BY sku`);
    expect(result).toEqual([
      { customer_id: '1', index: '0', path: '[0]', sku: 'a', qty: '2', key: null, has_this: true },
      { customer_id: '1', index: '1', path: '[1]', sku: 'b', qty: '1', key: null, has_this: true },
      { customer_id: '2', index: '0', path: '[0]', sku: 'c', qty: '4', key: null, has_this: true },
    ]);
  });

  it('TABLE(FLATTEN(…)) over an object yields its keys', async () => {
    const result = await rows(`SELECT f.key, f.value::string AS v FROM TABLE(FLATTEN(input => PARSE_JSON('{"a":"x","b":"y"}'))) f ORDER BY f.key`);
    expect(result).toEqual([
      { key: 'a', v: 'x' },
      { key: 'b', v: 'y' },
    ]);
  });

  it('FLATTEN with OUTER => TRUE keeps rows with an empty array', async () => {
    const result = await rows(`
      SELECT e.customer_id, COUNT(f.value) AS n FROM events e, LATERAL FLATTEN(input => e.payload:items, outer => true) f
      GROUP BY e.customer_id ORDER BY e.customer_id`);
    expect(result).toEqual([
      { customer_id: '1', n: '2' },
      { customer_id: '2', n: '1' },
    ]);
    const all = await rows(`SELECT COUNT(*) AS n FROM events e, LATERAL FLATTEN(input => e.payload:items, outer => true) f`);
    expect(all).toEqual([{ n: '4' }]);
  });

  it('ASOF JOIN … MATCH_CONDITION … ON finds the latest earlier row and null-pads misses', async () => {
    const result = await rows(`
      SELECT e.customer_id, e.ts, p.price FROM events e
      ASOF JOIN prices p MATCH_CONDITION (e.ts >= p.ts) ON e.customer_id = p.customer_id
      ORDER BY e.customer_id, e.ts`);
    expect(result.map((r) => r.price)).toEqual([100, 110, null]);
  });

  it('QUALIFY, COUNT_IF, MEDIAN, MODE, BOOLOR_AGG, MAX_BY, APPROX_COUNT_DISTINCT', async () => {
    const latest = await rows(`SELECT customer_id, ts FROM events QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ts DESC) = 1 ORDER BY 1`);
    expect(latest.map((r) => r.ts)).toEqual(['2024-01-03 10:00:00', '2024-01-02 09:00:00']);
    const [agg] = await rows(`
      SELECT COUNT_IF(amount > 6) AS big, MEDIAN(amount) AS med, MODE(customer_id) AS mode,
             BOOLOR_AGG(amount > 6) AS any_big, BOOLAND_AGG(amount > 6) AS all_big,
             MAX_BY(tag, ts) AS last_tag, MIN_BY(tag, ts) AS first_tag, APPROX_COUNT_DISTINCT(customer_id) AS custs
      FROM events`);
    expect(agg).toEqual({ big: '1', med: '7.75', mode: '1', any_big: true, all_big: false, last_tag: null, first_tag: 'x', custs: '2' });
  });

  it('STDDEV and VARIANCE are sample statistics; CORR matches', async () => {
    const [r] = await rows(`SELECT STDDEV(x) AS sd, VARIANCE(x) AS v, VARIANCE_POP(x) AS vp, CORR(x, 2 * x) AS c FROM (SELECT 1 AS x UNION ALL SELECT 3)`);
    expect(r).toEqual({ sd: Math.SQRT2, v: 2, vp: 1, c: 1 });
  });

  it('LISTAGG and ARRAY_AGG WITHIN GROUP order their output; ARRAY_AGG skips NULL; OBJECT_AGG builds an object', async () => {
    const [r] = await rows(`
      SELECT LISTAGG(tag, ',') WITHIN GROUP (ORDER BY tag DESC) AS l, ARRAY_AGG(tag) WITHIN GROUP (ORDER BY tag) AS a,
             OBJECT_AGG(tag, customer_id) AS o, LISTAGG(DISTINCT customer_id, '-') WITHIN GROUP (ORDER BY customer_id) AS d
      FROM events`);
    expect(r).toEqual({ l: 'y,x', a: '["x","y"]', o: '{"x":1,"y":2}', d: '1-2' });
  });

  it('LAG … IGNORE NULLS, RATIO_TO_REPORT and window frames', async () => {
    const result = await rows(`
      SELECT ts, LAG(amount) IGNORE NULLS OVER (ORDER BY ts) AS prev,
             RATIO_TO_REPORT(amount) OVER () AS share,
             SUM(amount) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS running
      FROM events ORDER BY ts`);
    expect(result.map((r) => r.prev)).toEqual([null, '10.00', '5.50']);
    expect(result.map((r) => (r.share === null ? null : Number(r.share).toFixed(4)))).toEqual(['0.6452', '0.3548', null]);
    expect(result.map((r) => r.running)).toEqual(['10.00', '15.50', '5.50']);
  });

  it('OBJECT_CONSTRUCT(*) keys are upper-case column names and NULL values are dropped', async () => {
    const result = await rows(`SELECT OBJECT_CONSTRUCT(*) AS o FROM (SELECT customer_id, tag FROM events WHERE amount IS NULL) t`);
    expect(result).toEqual([{ o: '{"CUSTOMER_ID":1}' }]);
  });

  it('SAMPLE (n ROWS) and SAMPLE (p) return a sample of the rows', async () => {
    expect(await rows(`SELECT COUNT(*) AS n FROM range(1000) SAMPLE (10 ROWS)`)).toEqual([{ n: '10' }]);
    const [r] = await rows(`SELECT COUNT(*) AS n FROM range(10000) TABLESAMPLE BERNOULLI (50) SEED (7)`);
    expect(Number(r!.n)).toBeGreaterThan(4000);
    expect(Number(r!.n)).toBeLessThan(6000);
  });

  it('unquoted and upper-case quoted identifiers come out lower case; other quoted names keep their case', async () => {
    const [r] = await rows(`SELECT Customer_ID, "TAG", TS AS Event_Time, 1 AS "Mixed Name" FROM events LIMIT 1`);
    expect(Object.keys(r!)).toEqual(['customer_id', 'tag', 'event_time', 'Mixed Name']);
  });

  it('runs the DDL and DML mlc emits: CTAS, views, INSERT, MERGE, DELETE, schemas', async () => {
    await rows(`CREATE SCHEMA IF NOT EXISTS feature_store`);
    await rows(`CREATE OR REPLACE TABLE feature_store.spend AS SELECT customer_id, SUM(amount) AS total FROM events GROUP BY customer_id`);
    await rows(`CREATE OR REPLACE VIEW feature_store.spend_v AS SELECT * FROM feature_store.spend WHERE total > 0`);
    await rows(`
      MERGE INTO feature_store.spend t USING (SELECT 2 AS customer_id, 99 AS total UNION ALL SELECT 3, 7) s
      ON t.customer_id = s.customer_id
      WHEN MATCHED THEN UPDATE SET total = s.total
      WHEN NOT MATCHED THEN INSERT (customer_id, total) VALUES (s.customer_id, s.total)`);
    await rows(`DELETE FROM feature_store.spend WHERE customer_id = 3`);
    expect(await rows(`SELECT customer_id, total FROM feature_store.spend_v ORDER BY 1`)).toEqual([
      { customer_id: '1', total: '10.00' },
      { customer_id: '2', total: '99.00' },
    ]);
  });

  it('ORDER BY puts NULL last ascending and first descending, as Snowflake does', async () => {
    const result = await rows(`SELECT amount FROM events ORDER BY amount DESC`);
    expect(result.map((r) => r.amount)).toEqual([null, '10.00', '5.50']);
  });
});
