import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Bind, Connection as SdkConnection, RowStatement, SnowflakeError, StatementOption } from 'snowflake-sdk';
import type { Connection, QueryOptions, QueryResult, Row } from '../target.js';
import { rowConverter } from './convert.js';
import type { RowConverter } from './convert.js';
import { SnowflakeConnectionError, SnowflakeQueryError } from './errors.js';
import type { ResolvedSnowflakeSettings } from './resolve.js';
import { backoffMs, isTransient, sleep } from './retry.js';

const STREAM_BATCH = 1000;
/** Snowflake's own code and SQLSTATE for a statement cancelled by its timeout. */
const TIMEOUT_CODE = '000630';

export interface ConnectionContext {
  settings: ResolvedSnowflakeSettings;
  redact: (text: string) => string;
  log: (line: string) => void;
}

interface Executed {
  statement: RowStatement;
  rows: unknown[][] | undefined;
}

function toBind(value: unknown): Bind {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return JSON.stringify(value);
}

/** One Snowflake session. Statements run one at a time, in the order they were issued. */
export class SnowflakeConnection implements Connection {
  readonly dialect = 'snowflake' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly sdk: SdkConnection,
    private readonly context: ConnectionContext,
  ) {}

  query(sql: string, binds: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.serial(async () => {
      const { statement, rows } = await this.executeWithRetry(sql, binds, options, false);
      const converter = rowConverter(statement.getColumns() ?? []);
      const result: QueryResult = { columns: converter.columns, rows: (rows ?? []).map((r) => converter.convert(r)) };
      const changed = statement.getNumUpdatedRows();
      if (typeof changed === 'number' && changed >= 0) result.changes = changed;
      return result;
    });
  }

  async *stream(sql: string, binds: readonly unknown[] = [], options: QueryOptions = {}): AsyncIterable<Row[]> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const started = this.serial(async () => {
      const { statement } = await this.executeWithRetry(sql, binds, options, true);
      return statement;
    });
    // Hold the connection until the stream is drained, so the next statement waits.
    const held = started.then(() => done, () => undefined);
    this.queue = held;
    let readable: Readable | undefined;
    try {
      const statement = await started;
      const converter: RowConverter = rowConverter(statement.getColumns() ?? []);
      readable = statement.streamRows();
      let batch: Row[] = [];
      try {
        for await (const raw of readable) {
          batch.push(converter.convert(raw as unknown[]));
          if (batch.length >= STREAM_BATCH) {
            yield batch;
            batch = [];
          }
        }
      } catch (error) {
        throw this.translate(error, sql);
      }
      if (batch.length > 0) yield batch;
    } finally {
      readable?.destroy();
      release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await new Promise<void>((resolve) => this.sdk.destroy(() => resolve()));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new SnowflakeConnectionError('the Snowflake connection is closed'));
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async executeWithRetry(sql: string, binds: readonly unknown[], options: QueryOptions, stream: boolean): Promise<Executed> {
    // One request id for every attempt: Snowflake answers a resubmitted id with the first
    // execution's result, so a retry after a lost response never runs the statement twice.
    const requestId = randomUUID();
    const { retries } = this.context.settings;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.execute(sql, binds, options, stream, requestId);
      } catch (error) {
        if (!isTransient(error) || attempt >= retries || options.signal?.aborted) throw this.translate(error, sql);
        const wait = backoffMs(attempt);
        this.context.log(`snowflake: transient failure (${this.context.redact(String((error as Error).message))}); retry ${attempt + 1}/${retries} in ${Math.round(wait)} ms`);
        await sleep(wait);
      }
    }
  }

  private execute(sql: string, binds: readonly unknown[], options: QueryOptions, stream: boolean, requestId: string): Promise<Executed> {
    const { settings } = this.context;
    const signal = options.signal;
    return new Promise<Executed>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let settled = false;
      let statement: RowStatement | undefined;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const cancel = (): void => statement?.cancel(() => undefined);
      const onAbort = (): void => finish(() => {
        cancel();
        reject(signal?.reason);
      });
      const timer = settings.queryTimeoutMs === undefined ? undefined : setTimeout(() => finish(() => {
        cancel();
        reject(new SnowflakeQueryError(`statement exceeded query_timeout of ${settings.queryTimeoutMs! / 1000}s and was cancelled`, TIMEOUT_CODE, '57014'));
      }), settings.queryTimeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      const statementOptions: StatementOption = {
        sqlText: sql,
        requestId,
        rowMode: 'array',
        fetchAsString: ['Number'],
        parameters: { QUERY_TAG: options.tag ?? settings.queryTag },
        complete: (error: SnowflakeError | undefined, stmt, rows) => finish(() => {
          if (error) reject(error);
          else resolve({ statement: stmt as RowStatement, rows: rows as unknown[][] | undefined });
        }),
      };
      if (binds.length > 0) statementOptions.binds = binds.map(toBind);
      if (stream) statementOptions.streamResult = true;
      try {
        statement = this.sdk.execute(statementOptions) as RowStatement;
      } catch (error) {
        finish(() => reject(error));
      }
    });
  }

  /** A driver error → this target's error, one line, secrets removed. */
  private translate(error: unknown, sql: string): Error {
    if (error instanceof SnowflakeQueryError || error instanceof SnowflakeConnectionError) return error;
    if (error instanceof Error && error.name === 'AbortError') return error;
    const e = (error ?? {}) as SnowflakeError & { code?: unknown; data?: { queryId?: string } };
    const message = this.context.redact(String(e.message ?? error));
    if (e.name === 'OperationFailedError' && typeof e.code === 'string') {
      // Snowflake puts the reason on the lines after "SQL compilation error:"; one line keeps it in every report.
      return new SnowflakeQueryError(message.replace(/\s*\n\s*/g, ' '), e.code, e.sqlState, e.data?.queryId);
    }
    if (isTransient(error)) {
      return new SnowflakeConnectionError(`lost the connection to Snowflake while running a statement (${message}); gave up after ${this.context.settings.retries} retries`);
    }
    const excerpt = sql.length > 80 ? `${sql.slice(0, 77)}...` : sql;
    return new SnowflakeQueryError(`${message} (statement: ${this.context.redact(excerpt.replace(/\s+/g, ' '))})`, String(e.code ?? 'unknown'), e.sqlState);
  }
}
