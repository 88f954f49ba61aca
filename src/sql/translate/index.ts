/**
 * Snowflake SQL → DuckDB SQL for the embedded target. Run DUCKDB_PRELUDE once per
 * DuckDB connection, then the translated statements.
 */
import { Translator } from './translator.js';
import type { TranslateResult } from './types.js';

export { DUCKDB_PRELUDE } from './prelude.js';
export type { TranslateDiagnostic, TranslateResult } from './types.js';

export function translateToDuckDb(sql: string): TranslateResult {
  return new Translator().translate(sql);
}
