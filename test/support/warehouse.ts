import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Rows of a query against a project's embedded warehouse, opened after the CLI exited. */
export async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path.join(dir, '.mlc/warehouse.duckdb'));
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
