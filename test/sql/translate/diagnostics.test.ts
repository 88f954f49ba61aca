import { describe, expect, it } from 'vitest';
import { translateToDuckDb } from '../../../src/sql/translate/index.js';

function only(sql: string): { construct: string; line: number; col: number; message: string; hint: string } {
  const { diagnostics } = translateToDuckDb(sql);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
}

describe('constructs without a faithful DuckDB translation', () => {
  it.each([
    ["CREATE OR REPLACE TASK t WAREHOUSE = wh SCHEDULE = 'USING CRON 0 3 * * * UTC' AS SELECT 1", 'CREATE TASK', 1, 19],
    ["CREATE ALERT a WAREHOUSE = wh SCHEDULE = '1 minute' IF (EXISTS (SELECT 1)) THEN SELECT 1", 'CREATE ALERT', 1, 8],
    ['CREATE STAGE IF NOT EXISTS s', 'CREATE STAGE', 1, 8],
    ["CREATE OR REPLACE DYNAMIC TABLE d TARGET_LAG = '1 hour' WAREHOUSE = wh AS SELECT 1", 'CREATE DYNAMIC TABLE', 1, 19],
    ['CREATE MODEL m WITH VERSION v1 FROM @s/m/', 'CREATE MODEL', 1, 8],
    ["CREATE OR REPLACE SNOWFLAKE.ML.CLASSIFICATION c(INPUT_DATA => 1, TARGET_COLNAME => 'Y')", 'CREATE SNOWFLAKE.ML.CLASSIFICATION', 1, 19],
    ['ALTER TASK t RESUME', 'ALTER TASK', 1, 7],
    ['SELECT 1;\nSELECT m!PREDICT(a, b) AS p FROM t', '!PREDICT', 2, 9],
    ["SELECT SYSTEM$TASK_DEPENDENTS_ENABLE('t')", 'SYSTEM$TASK_DEPENDENTS_ENABLE', 1, 8],
    ["CREATE VIEW v TAG (fs.obj = 'x') AS SELECT 1", 'TAG', 1, 15],
    ['PUT file:///tmp/a.py @s', 'PUT', 1, 1],
    ['CALL db.sch.train()', 'CALL', 1, 1],
  ])('%s → %s', (sql, construct, line, col) => {
    const d = only(sql);
    expect(d).toMatchObject({ construct, line, col });
    expect(d.message).toContain(construct);
    expect(d.hint).not.toBe('');
  });

  it('passes a Snowflake-only statement through unchanged and still translates the others', () => {
    const { sql } = translateToDuckDb('SELECT NVL(a, 0) FROM t;\nALTER TASK t RESUME;\n');
    expect(sql).toBe('SELECT coalesce(a, 0) FROM t;\nALTER TASK t RESUME;\n');
  });

  it.each([
    ['SELECT\n  DATEADD(nanosecond, 1, ts) FROM t', 'DATEADD', 2, 3],
    ["SELECT TO_CHAR(amount, '999.99') FROM t", 'TO_CHAR', 1, 8],
    ["SELECT TO_NUMBER('1,000', '9,999') FROM t", 'TO_NUMBER', 1, 8],
    ['SELECT OBJECT_CONSTRUCT(*) FROM a JOIN b ON a.id = b.id', 'OBJECT_CONSTRUCT(*)', 1, 8],
    ['SELECT f.seq FROM t, LATERAL FLATTEN(input => t.v) f', 'FLATTEN SEQ', 1, 10],
    ["SELECT * FROM t, LATERAL FLATTEN(input => t.v, recursive => true) f", 'FLATTEN RECURSIVE', 1, 26],
    ["SELECT REGEXP_REPLACE(s, 'a', 'b', 1, 2) FROM t", 'REGEXP_REPLACE', 1, 8],
    ["SELECT SHA2(s, 512) FROM t", 'SHA2', 1, 8],
    ['SELECT IFF(a, b) FROM t', 'IFF', 1, 8],
    ['SELECT x::GEOGRAPHY FROM t', 'GEOGRAPHY', 1, 11],
    ['SELECT TOP 5 * FROM t', 'TOP', 1, 8],
    ["SELECT 'unterminated", 'syntax', 1, 8],
  ])('%s → %s', (sql, construct, line, col) => {
    expect(only(sql)).toMatchObject({ construct, line, col });
  });
});

describe('layout', () => {
  it('keeps whitespace, comments and the case of keywords; rewrites only what differs', () => {
    const input = 'SELECT  Customer_ID, -- the key\n       IFF(x > 0, 1, 0) AS Flag // why\nFROM   Raw.Orders\nWHERE  ts >= DATEADD(day, -7, CURRENT_DATE())';
    expect(translateToDuckDb(input).sql).toBe(
      'SELECT  customer_id, -- the key\n       if(x > 0, 1, 0) AS flag -- why\nFROM   raw.orders\nWHERE  ts >= mlc_dateadd(current_date, to_days(CAST(-7 AS INTEGER)))',
    );
  });
});
