/**
 * Atomic replacement of a table from a query, per dialect. DuckDB has transactional
 * DDL, so the replace runs in one transaction; Snowflake auto-commits DDL, so the table
 * is built aside and swapped in with ALTER TABLE … SWAP WITH.
 */

import type { Relation } from '../graph/node.js';
import type { Dialect } from '../targets/target.js';
import { buildName, qualified } from './names.js';

export function createSchema(relation: Relation): string[] {
  return relation.schema ? [`CREATE SCHEMA IF NOT EXISTS ${relation.schema}`] : [];
}

export function replaceTable(dialect: Dialect, relation: Relation, query: string): string[] {
  const target = qualified(relation);
  if (dialect === 'duckdb') {
    return [...createSchema(relation), 'BEGIN TRANSACTION', `CREATE OR REPLACE TABLE ${target} AS\n${query}`, 'COMMIT'];
  }
  const aside = qualified(buildName(relation));
  return [
    ...createSchema(relation),
    `CREATE OR REPLACE TABLE ${aside} AS\n${query}`,
    `CREATE TABLE IF NOT EXISTS ${target} LIKE ${aside}`,
    `ALTER TABLE ${target} SWAP WITH ${aside}`,
    `DROP TABLE ${aside}`,
  ];
}

export function replaceView(relation: Relation, query: string): string[] {
  return [...createSchema(relation), `CREATE OR REPLACE VIEW ${qualified(relation)} AS\n${query}`];
}
