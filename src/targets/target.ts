/**
 * Everything engine-specific sits behind this interface: the embedded DuckDB target and
 * Snowflake implement it, and nothing outside src/targets/ knows which one it talks to.
 */

export type Dialect = 'duckdb' | 'snowflake';

/** A result row. Column keys use canonical identifier spelling (see sql/tokenize identifierName): lower case unless quoted. */
export type Row = Record<string, unknown>;

export interface Column {
  name: string;
  type: string;
}

export interface QueryResult {
  columns: Column[];
  rows: Row[];
  /** Rows inserted, updated or deleted by a DML statement. */
  changes?: number;
}

export interface QueryOptions {
  /** Attached to the statement where the engine supports it (Snowflake QUERY_TAG). */
  tag?: string;
  signal?: AbortSignal;
}

export interface Connection {
  readonly dialect: Dialect;
  /** Executes one statement; `?` placeholders are bound positionally. */
  query(sql: string, binds?: readonly unknown[], options?: QueryOptions): Promise<QueryResult>;
  /** Streams the rows of a query in batches, for results too large to hold at once. */
  stream(sql: string, binds?: readonly unknown[], options?: QueryOptions): AsyncIterable<Row[]>;
  close(): Promise<void>;
}

export interface Target {
  /** The target's name in mlc.yml. */
  readonly name: string;
  readonly dialect: Dialect;
  /** Opens a connection. Connections may be used concurrently, one statement at a time each. */
  connect(): Promise<Connection>;
  /** Releases everything the target holds (database handles, sessions). */
  dispose(): Promise<void>;
}
