import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

/** An in-memory DuckDB database for one test file. */
export interface TestDb {
  rows(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
  /** Creates a table and fills it through the appender; null cells become NULL. */
  load(table: string, columns: Record<string, 'DOUBLE' | 'VARCHAR' | 'INTEGER'>, data: readonly (readonly (number | string | null)[])[]): Promise<void>;
  close(): void;
}

export async function openDb(): Promise<TestDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  return {
    async rows(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS();
    },
    async run(sql) {
      await connection.run(sql);
    },
    async load(table, columns, data) {
      const names = Object.keys(columns);
      await connection.run(`CREATE TABLE ${table} (${names.map((n) => `${n} ${columns[n]}`).join(', ')})`);
      const appender = await connection.createAppender(table);
      for (const row of data) {
        names.forEach((name, i) => {
          const value = row[i];
          if (value === null || value === undefined) appender.appendNull();
          else if (columns[name] === 'VARCHAR') appender.appendVarchar(String(value));
          else if (columns[name] === 'INTEGER') appender.appendInteger(Number(value));
          else appender.appendDouble(Number(value));
        });
        appender.endRow();
      }
      appender.closeSync();
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
