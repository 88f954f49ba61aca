/**
 * A local Snowflake for tests: an HTTP server speaking the protocol snowflake-sdk uses,
 * executing statements on DuckDB through mlc's own Snowflake→DuckDB translation.
 */

import { DUCKDB_PRELUDE, translateToDuckDb } from '../../../src/sql/translate/index.js';
import { tokenize } from '../../../src/sql/tokenize.js';
import type { Token } from '../../../src/sql/tokenize.js';
import { launch } from './start.js';
import type { Emulator, EmulatorOptions } from './start.js';

export type { Emulator, EmulatorOptions } from './start.js';
export type { RecordedStatement } from './server.js';
export { Faults } from './faults.js';

/**
 * DuckDB 1.5 has a VARIANT type of its own that stores JSON text as structs; Snowflake's
 * VARIANT and OBJECT columns hold JSON, so table DDL declares them JSON.
 */
function jsonColumns(sql: string): string {
  if (!/^\s*(CREATE|ALTER)\b[^(]*\bTABLE\b/i.test(sql)) return sql;
  const tokens = tokenize(sql);
  const significantAt = (i: number, step: number): Token | undefined => {
    for (let j = i + step; j >= 0 && j < tokens.length; j += step) if (tokens[j]!.kind !== 'space' && tokens[j]!.kind !== 'comment') return tokens[j];
    return undefined;
  };
  // A type sits after a column name and before `,` or `)`: `payload VARIANT,`, never `AS variant`.
  const isType = (i: number): boolean => {
    const before = significantAt(i, -1);
    const after = significantAt(i, 1);
    return (before?.kind === 'word' || before?.kind === 'quoted') && !/^AS$/i.test(before.text) && (!after || after.text === ',' || after.text === ')');
  };
  return tokens.map((t, i) => (t.kind === 'word' && /^(VARIANT|OBJECT)$/i.test(t.text) && isType(i) ? 'JSON' : t.text)).join('');
}

export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return launch(options, { translate: (sql) => jsonColumns(translateToDuckDb(sql).sql), prelude: DUCKDB_PRELUDE });
}
