import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Writes a project into a fresh temporary folder: relative path → content. */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-features-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** Rows of a query against the project's embedded warehouse, opened after the CLI exited. */
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

export const SNOWFLAKE_TARGET = `  snowflake:
    type: snowflake
    connection: default
    database: ML
    schema: PUBLIC
    warehouse: ML_WH
`;
