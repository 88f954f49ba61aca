/** How a Snowflake type is spelled in DuckDB, and what kind of value it holds. */
export interface DuckType {
  sql: string;
  /** `json` for VARIANT/OBJECT/ARRAY, `string` for character types. */
  family: 'json' | 'string' | 'other';
}

const SIMPLE: Record<string, DuckType> = {};
const add = (names: string, sql: string, family: DuckType['family'] = 'other'): void => {
  for (const name of names.split(' ')) SIMPLE[name] = { sql, family };
};
// Snowflake integers are NUMBER(38,0); BIGINT keeps integer arithmetic fast and exact to ±9.2e18.
add('INT INTEGER BIGINT SMALLINT TINYINT BYTEINT', 'BIGINT');
add('FLOAT FLOAT4 FLOAT8 DOUBLE REAL', 'DOUBLE');
add('VARCHAR STRING TEXT CHAR CHARACTER NCHAR NVARCHAR NVARCHAR2 CHAR_VARYING NCHAR_VARYING', 'VARCHAR', 'string');
add('BINARY VARBINARY', 'BLOB');
add('BOOLEAN BOOL', 'BOOLEAN');
add('DATE', 'DATE');
add('TIME', 'TIME');
add('DATETIME TIMESTAMP TIMESTAMP_NTZ TIMESTAMPNTZ', 'TIMESTAMP');
add('TIMESTAMP_LTZ TIMESTAMPLTZ TIMESTAMP_TZ TIMESTAMPTZ', 'TIMESTAMPTZ');
add('VARIANT OBJECT ARRAY', 'JSON', 'json');

const DECIMALS = new Set(['NUMBER', 'NUMERIC', 'DECIMAL', 'DEC']);

/** Names that start a type; used to recognise typed literals such as DATE '2024-01-01'. */
export function isTypeName(word: string): boolean {
  const upper = word.toUpperCase();
  return SIMPLE[upper] !== undefined || DECIMALS.has(upper);
}

/**
 * The DuckDB type for a Snowflake type name and its parenthesised arguments
 * (already split, as written), or undefined for a type DuckDB cannot hold.
 */
export function duckType(name: string, args: readonly string[]): DuckType | undefined {
  const upper = name.toUpperCase();
  if (DECIMALS.has(upper)) {
    const precision = args[0]?.trim() ?? '38';
    const scale = args[1]?.trim() ?? '0';
    return { sql: `DECIMAL(${precision},${scale})`, family: 'other' };
  }
  return SIMPLE[upper];
}
