/**
 * Registry writes as one step: the status updates, the new rows and the replacement of
 * the scoring function run in one transaction, so the real-time function always serves
 * the version the registry calls champion. DuckDB's DDL is transactional; on Snowflake
 * a DDL statement commits the open transaction, so the function is replaced last, after
 * every registry write has succeeded.
 */

import type { Connection, QueryOptions } from '../targets/target.js';

export interface Write {
  sql: string;
  binds: unknown[];
}

export async function writeRegistry(connection: Connection, writes: readonly Write[], functionDdl: string | null, options: QueryOptions = {}): Promise<void> {
  try {
    await connection.query('BEGIN TRANSACTION', [], options);
    for (const write of writes) await connection.query(write.sql, write.binds, options);
    if (functionDdl) await connection.query(functionDdl, [], options);
    await connection.query('COMMIT', [], options);
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
