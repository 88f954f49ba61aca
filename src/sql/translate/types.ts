/** The result of translating Snowflake SQL to DuckDB SQL. */
export interface TranslateResult {
  /** DuckDB SQL; statements that could not be translated are passed through unchanged. */
  sql: string;
  /** One entry per construct that has no faithful DuckDB translation. */
  diagnostics: TranslateDiagnostic[];
}

export interface TranslateDiagnostic {
  /** What cannot be translated, in one line. */
  message: string;
  /** What to do instead. */
  hint: string;
  /** 1-based position of the construct in the input. */
  line: number;
  col: number;
  /** The construct's name as Snowflake spells it, e.g. `CREATE TASK`, `!PREDICT`, `HASH`. */
  construct: string;
}
