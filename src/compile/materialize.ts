/**
 * Atomic replacement of a table from a query, per dialect. DuckDB has transactional
 * DDL, so the replace runs in one transaction; Snowflake auto-commits DDL, so the table
 * is built aside and swapped in with ALTER TABLE … SWAP WITH. Data tests run on the new
 * rows before they replace the old ones, so a failing test leaves the old table in place.
 */

import type { Relation } from '../graph/node.js';
import type { Dialect } from '../targets/target.js';
import { buildName, qualified } from './names.js';

/** The test statements for the table that holds the new rows. */
export type TestsOf = (table: Relation) => string[];

const noTests: TestsOf = () => [];

export function createSchema(relation: Relation): string[] {
  return relation.schema ? [`CREATE SCHEMA IF NOT EXISTS ${relation.schema}`] : [];
}

export function replaceTable(dialect: Dialect, relation: Relation, query: string, tests: TestsOf = noTests, after: string[] = []): string[] {
  const target = qualified(relation);
  if (dialect === 'duckdb') {
    return [...createSchema(relation), 'BEGIN TRANSACTION', `CREATE OR REPLACE TABLE ${target} AS\n${query}`, ...tests(relation), ...after, 'COMMIT'];
  }
  const aside = buildName(relation);
  const built = qualified(aside);
  return [
    ...createSchema(relation),
    `CREATE OR REPLACE TABLE ${built} AS\n${query}`,
    ...tests(aside),
    `CREATE TABLE IF NOT EXISTS ${target} LIKE ${built}`,
    `ALTER TABLE ${target} SWAP WITH ${built}`,
    `DROP TABLE ${built}`,
    ...after,
  ];
}

export function replaceView(dialect: Dialect, relation: Relation, query: string, tests: TestsOf = noTests): string[] {
  const create = `CREATE OR REPLACE VIEW ${qualified(relation)} AS\n${query}`;
  if (dialect === 'duckdb') return [...createSchema(relation), 'BEGIN TRANSACTION', create, ...tests(relation), 'COMMIT'];
  return [...createSchema(relation), create, ...tests(relation)];
}

/** The stable name of a versioned feature: a view on the version's table. */
export function latestView(relation: Relation, physical: Relation): string {
  return `CREATE OR REPLACE VIEW ${qualified(relation)} AS\nSELECT * FROM ${qualified(physical)}`;
}

export interface Incremental {
  /** Rows newer than the table's latest value of this column are appended. */
  timestamp?: string;
  /** Rows are merged by these columns (update when present, insert when not). */
  uniqueKey?: string[];
  /** The output columns, which a merge names one by one. */
  columns: string[];
}

/** The INSERT or MERGE that brings the new rows of `query` into `table`. */
function incrementalWrite(table: string, query: string, how: Incremental): string {
  // A merge also takes rows at the latest time, which may have been revised since.
  const since = (op: string): string => `mlc_new.${how.timestamp} ${op} (SELECT MAX(${how.timestamp}) FROM ${table}) OR NOT EXISTS (SELECT 1 FROM ${table})`;
  if (!how.uniqueKey) return `INSERT INTO ${table}\nSELECT * FROM (\n${query}\n) mlc_new\nWHERE ${how.timestamp ? since('>') : 'TRUE'}`;
  const source = how.timestamp ? `(SELECT * FROM (\n${query}\n) mlc_new WHERE ${since('>=')})` : `(\n${query}\n)`;
  const on = how.uniqueKey.map((k) => `${table}.${k} = mlc_new.${k}`).join(' AND ');
  const others = how.columns.filter((c) => !how.uniqueKey!.includes(c));
  const update = others.length > 0 ? `\nWHEN MATCHED THEN UPDATE SET ${others.map((c) => `${c} = mlc_new.${c}`).join(', ')}` : '';
  return `MERGE INTO ${table} USING ${source} mlc_new\nON ${on}${update}\nWHEN NOT MATCHED THEN INSERT (${how.columns.join(', ')}) VALUES (${how.columns.map((c) => `mlc_new.${c}`).join(', ')})`;
}

/** The marker of the statement that creates an incremental table when it does not exist yet. */
export const INCREMENTAL_CREATE = /^CREATE TABLE IF NOT EXISTS (\S+) AS\n/;

/**
 * Adds the query's new rows to the table in one transaction, tests included. The first
 * run creates the table empty, then the same write fills it.
 */
export function incrementalTable(dialect: Dialect, relation: Relation, query: string, how: Incremental, tests: TestsOf = noTests, after: string[] = []): string[] {
  const target = qualified(relation);
  const create = `CREATE TABLE IF NOT EXISTS ${target} AS\nSELECT * FROM (\n${query}\n) mlc_new\nLIMIT 0`;
  // Snowflake commits a transaction at any DDL, so its table is created before the transaction begins.
  const opening = dialect === 'duckdb' ? ['BEGIN TRANSACTION', create] : [create, 'BEGIN TRANSACTION'];
  return [
    ...createSchema(relation),
    ...opening,
    incrementalWrite(target, query, how),
    ...tests(relation),
    ...(dialect === 'duckdb' ? [...after, 'COMMIT'] : ['COMMIT', ...after]),
  ];
}

/** `--full-refresh` of an incremental table: drop it first, inside the same transaction. */
export function fullRefresh(statements: readonly string[]): string[] {
  return statements.flatMap((sql) => {
    const create = INCREMENTAL_CREATE.exec(sql);
    return create ? [`DROP TABLE IF EXISTS ${create[1]!}`, sql] : [sql];
  });
}

/** A Snowflake dynamic table: Snowflake keeps it fresh within `lag` of its inputs. */
export function dynamicTable(relation: Relation, query: string, lag: string, warehouse: string | undefined, tests: TestsOf = noTests, after: string[] = []): string[] {
  const clauses = [`TARGET_LAG = ${/^downstream$/i.test(lag) ? 'DOWNSTREAM' : `'${lag}'`}`, ...(warehouse ? [`WAREHOUSE = ${warehouse}`] : []), 'REFRESH_MODE = AUTO', 'INITIALIZE = ON_CREATE'];
  return [...createSchema(relation), `CREATE OR REPLACE DYNAMIC TABLE ${qualified(relation)}\n  ${clauses.join('\n  ')}\nAS\n${query}`, ...tests(relation), ...after];
}
