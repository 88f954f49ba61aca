/**
 * A local Snowflake for tests: an HTTP server speaking the protocol snowflake-sdk uses,
 * executing statements on DuckDB through mlc's own Snowflake→DuckDB translation.
 */

import { DUCKDB_PRELUDE, translateToDuckDb } from '../../../src/sql/translate/index.js';
import { launch } from './start.js';
import type { Emulator, EmulatorOptions } from './start.js';

export type { Emulator, EmulatorOptions } from './start.js';
export type { RecordedStatement } from './server.js';
export { Faults } from './faults.js';

export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return launch(options, { translate: (sql) => translateToDuckDb(sql).sql, prelude: DUCKDB_PRELUDE });
}
