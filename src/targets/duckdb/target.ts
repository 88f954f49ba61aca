/**
 * The embedded target: a DuckDB database file. One instance per process; connections
 * share it, so nodes build concurrently up to --threads.
 */

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBScalarFunction, DuckDBValue } from '@duckdb/node-api';
import { DUCKDB_PRELUDE } from '../../sql/translate/index.js';
import { DatabaseLockedError } from '../errors.js';
import type { Connection, QueryOptions, QueryResult, Row, Target } from '../target.js';
import { columnKey, toBind, toRow } from './values.js';

/**
 * Required, not imported: the package is CommonJS, and importing it from ESM makes Node
 * scan each of its files for export names, over 100 ms of every run's start-up.
 */
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

export interface DuckDbTargetOptions {
  name: string;
  /** Database file, absolute; ':memory:' for an in-memory database. */
  file: string;
  /** Folder that relative data file paths in SQL resolve against. */
  projectRoot: string;
  threads?: number;
  /** How long to wait for another process to release the database file. */
  lockTimeoutMs?: number;
  /** Called once when the file is locked by another process and the target starts waiting. */
  onLockWait?: (holder: string) => void;
}

export class DuckDbConnection implements Connection {
  readonly dialect = 'duckdb' as const;
  constructor(private readonly connection: DuckDBConnection) {}

  /** A JS function callable from SQL (batch scoring's fast path); DuckDB makes it visible to every connection. */
  registerScalarFunction(fn: DuckDBScalarFunction): void {
    this.connection.registerScalarFunction(fn);
  }

  async query(sql: string, binds: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const abort = (): void => this.connection.interrupt();
    options.signal?.addEventListener('abort', abort);
    try {
      const values = binds.map(toBind) as DuckDBValue[];
      const result = await this.connection.run(sql, values.length > 0 ? values : undefined);
      const names = result.columnNames().map(columnKey);
      const types = result.columnTypes();
      // `run` returns the result materialized, so its chunks are read synchronously: a reader
      // would make a round trip through the thread pool per chunk, and one more to find the end.
      const rows: Row[] = [];
      for (let c = 0; c < result.chunkCount; c++) {
        const chunk = result.getChunk(c);
        for (let r = 0; r < chunk.rowCount; r++) rows.push(toRow(names, chunk.convertRowValues(r, duckdb.JSDuckDBValueConverter)));
      }
      return { columns: names.map((name, i) => ({ name, type: String(types[i]) })), rows, changes: result.rowsChanged };
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  }

  async *stream(sql: string, binds: readonly unknown[] = []): AsyncIterable<Row[]> {
    const values = binds.map(toBind) as DuckDBValue[];
    const result = await this.connection.stream(sql, values.length > 0 ? values : undefined);
    const names = result.columnNames().map(columnKey);
    for await (const batch of result.yieldRowsJs()) yield batch.map((values) => toRow(names, values));
  }

  async close(): Promise<void> {
    this.connection.closeSync();
  }
}

export class DuckDbTarget implements Target {
  readonly dialect = 'duckdb' as const;
  readonly name: string;
  private instance?: Promise<DuckDBInstance>;

  constructor(private readonly options: DuckDbTargetOptions) {
    this.name = options.name;
  }

  private open(): Promise<DuckDBInstance> {
    this.instance ??= this.openWithRetry();
    return this.instance;
  }

  private async openWithRetry(): Promise<DuckDBInstance> {
    const { file, threads, lockTimeoutMs = 10_000 } = this.options;
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const settings: Record<string, string> = threads ? { threads: String(threads) } : {};
    const deadline = Date.now() + lockTimeoutMs;
    let waiting = false;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      try {
        const instance = await duckdb.DuckDBInstance.create(file, settings);
        await this.prepare(instance);
        return instance;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!/Could not set lock|Conflicting lock/i.test(message)) throw error;
        if (Date.now() + wait > deadline) throw new DatabaseLockedError(path.relative(this.options.projectRoot, file) || file, lockHolder(message));
        if (!waiting) this.options.onLockWait?.(lockHolder(message));
        waiting = true;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Opening a connection proves the file lock is ours before any run starts. */
  private async prepare(instance: DuckDBInstance): Promise<void> {
    (await instance.connect()).closeSync();
  }

  /** Each connection gets the Snowflake-compatibility macros (temporary, per connection) and the data folder. */
  async connect(): Promise<Connection> {
    const instance = await this.open();
    const connection = await instance.connect();
    await connection.run(`SET file_search_path = '${this.options.projectRoot.replace(/'/g, "''")}'`);
    for (const statement of DUCKDB_PRELUDE) await connection.run(statement);
    return new DuckDbConnection(connection);
  }

  async dispose(): Promise<void> {
    if (!this.instance) return;
    const instance = await this.instance.catch(() => undefined);
    instance?.closeSync();
    this.instance = undefined;
  }
}

function lockHolder(message: string): string {
  const pid = /PID (\d+)/.exec(message)?.[1];
  return pid ? `held by process ${pid}` : 'locked';
}
