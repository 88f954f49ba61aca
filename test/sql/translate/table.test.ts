import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateToDuckDb } from '../../../src/sql/translate/index.js';
import { ANY, CASES } from './cases.js';
import { preludeConnection } from './support.js';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await preludeConnection();
});

describe('Snowflake expressions executed on DuckDB', () => {
  it('has a table of at least 120 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(120);
  });

  it.each(CASES)('%s', async (snowflake, expected, type) => {
    const translated = translateToDuckDb(`SELECT ${snowflake} AS v`);
    expect(translated.diagnostics).toEqual([]);
    const reader = await db.runAndReadAll(`SELECT v, typeof(v) AS t FROM (${translated.sql}) AS q`);
    const [value, actualType] = reader.getRowsJson()[0]!;
    expect({ type: actualType }).toEqual({ type });
    if (expected === ANY) expect(value).not.toBeNull();
    else expect(value === null ? null : String(value)).toBe(expected);
  });
});
