/**
 * Snowflake SQL → DuckDB SQL for the embedded target. Run DUCKDB_PRELUDE once per
 * DuckDB connection, then the translated statements.
 *
 * Known, deliberate differences (everything else either matches or is a diagnostic):
 * - RANDOM, UNIFORM, HASH and UUID_STRING give other values, with Snowflake's type and range.
 * - Integer types are BIGINT (Snowflake NUMBER(38,0)); NUMBER/DECIMAL keep their precision.
 *   `/` returns DOUBLE; x/0 is NULL where Snowflake raises an error.
 * - A VARIANT is DuckDB JSON. Casting it to a string drops the JSON quotes when the
 *   translator can see it is a VARIANT (paths, GET, PARSE_JSON, FLATTEN's VALUE, …);
 *   a plain column of VARIANT type cast with ::STRING keeps them.
 * - TIMESTAMP_TZ is an instant (TIMESTAMPTZ): the original offset is not kept.
 * - FLATTEN's SEQ column is NULL; referencing it is a diagnostic.
 */
import { Translator } from './translator.js';
import type { TranslateResult } from './types.js';

export { DUCKDB_PRELUDE } from './prelude.js';
export type { TranslateDiagnostic, TranslateResult } from './types.js';

export function translateToDuckDb(sql: string): TranslateResult {
  return new Translator().translate(sql);
}
