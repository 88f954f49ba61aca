import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StatementRunner } from './execute.js';
import type { Translate } from './execute.js';
import type { PythonProcedure } from './procedures.js';

/** A logged-in driver session: its own DuckDB connection and its session parameters. */
export class Session {
  readonly id = Math.floor(Math.random() * 1e12);
  token = randomUUID();
  readonly masterToken = randomUUID();
  readonly runner: StatementRunner;
  queryTag: string;

  constructor(
    readonly duckdb: DuckDBConnection,
    translate: Translate,
    readonly user: string,
    queryTag: string,
    procedures: Map<string, PythonProcedure>,
  ) {
    this.runner = new StatementRunner(duckdb, translate, procedures);
    this.queryTag = queryTag;
  }

  close(): void {
    this.duckdb.closeSync();
  }
}
