import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_PRELUDE } from '../../../src/sql/translate/index.js';

/** A fresh in-memory DuckDB with the translation prelude applied. */
export async function preludeConnection(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of DUCKDB_PRELUDE) await connection.run(statement);
  return connection;
}
