import { randomBytes } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Translate } from './execute.js';
import type { Faults } from './faults.js';
import { EmulatorServer } from './server.js';
import type { RecordedStatement } from './server.js';

export interface EmulatorOptions {
  account?: string;
  user?: string;
  password?: string;
  /** PEM public keys accepted for SNOWFLAKE_JWT logins of `user`. */
  publicKeys?: string[];
  /** Tokens accepted for OAUTH / PROGRAMMATIC_ACCESS_TOKEN logins. */
  tokens?: string[];
  database?: string;
  schema?: string;
  /** A DuckDB file to keep the data in; in memory by default. */
  path?: string;
  /** Rows sent inline with a result; larger results are split into chunks of this size. */
  chunkRows?: number;
}

export interface Emulator {
  url: string;
  port: number;
  account: string;
  user: string;
  password: string;
  database: string;
  schema: string;
  /** Every statement received, in order, with its query tag and outcome. */
  statements: RecordedStatement[];
  faults: Faults;
  /** A connection to the emulator's DuckDB, for arranging and checking data directly. */
  duckdb: DuckDBConnection;
  /** Query requests received so far, retries included. */
  readonly queries: number;
  readonly openSessions: number;
  close(): Promise<void>;
}

export interface Translation {
  translate: Translate;
  prelude: readonly string[];
}

/** Snowflake column types DuckDB lacks, as type aliases, so DDL the translation leaves alone still runs. VARIANT is DuckDB's own type: see index.ts. */
const SNOWFLAKE_TYPES: Record<string, string> = {
  timestamp_ntz: 'TIMESTAMP',
  timestamp_ltz: 'TIMESTAMPTZ',
  timestamp_tz: 'TIMESTAMPTZ',
  number: 'DECIMAL(38, 0)',
};

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Starts an emulator that runs statements through the given Snowflake→DuckDB translation. */
export async function launch(options: EmulatorOptions, translation: Translation): Promise<Emulator> {
  const account = options.account ?? 'mlc_emulator';
  const user = options.user ?? 'MLC_TEST';
  const password = options.password ?? randomBytes(12).toString('hex');
  const database = (options.database ?? 'MLC_DB').toLowerCase();
  const schema = (options.schema ?? 'PUBLIC').toLowerCase();
  const instance = await DuckDBInstance.create(':memory:');
  const duckdb = await instance.connect();
  await duckdb.run(`ATTACH ${options.path ? `'${options.path.replace(/'/g, "''")}'` : "':memory:'"} AS ${quote(database)}`);
  await duckdb.run(`CREATE SCHEMA IF NOT EXISTS ${quote(database)}.${quote(schema)}`);
  await duckdb.run(`USE ${quote(database)}.${quote(schema)}`);
  for (const statement of translation.prelude) await duckdb.run(statement);
  for (const [name, type] of Object.entries(SNOWFLAKE_TYPES)) await duckdb.run(`CREATE TYPE IF NOT EXISTS ${name} AS ${type}`);

  const server = new EmulatorServer({
    credentials: { account, user, password, publicKeys: options.publicKeys ?? [], tokens: options.tokens ?? [] },
    database,
    schema,
    chunkRows: options.chunkRows ?? 1000,
    translate: translation.translate,
    openConnection: async (db, sch) => {
      const connection = await instance.connect();
      try {
        await connection.run(`USE ${quote(db.toLowerCase())}.${quote(sch.toLowerCase())}`);
        for (const statement of translation.prelude) await connection.run(statement);
      } catch (error) {
        connection.closeSync();
        throw error;
      }
      return connection;
    },
  });
  const port = await server.listen();
  return {
    url: server.url,
    port,
    account,
    user,
    password,
    database,
    schema,
    statements: server.statements,
    faults: server.faults,
    duckdb,
    get queries() {
      return server.queries;
    },
    get openSessions() {
      return server.openSessions;
    },
    async close() {
      await server.close();
      duckdb.closeSync();
      instance.closeSync();
    },
  };
}
