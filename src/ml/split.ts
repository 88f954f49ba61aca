/**
 * Deterministic train/validation/test assignment by entity key: u = first 8 hex digits of
 * MD5("<seed>:<key>") / 2^32; u < test -> test, u < test + validation -> validation,
 * else train. The same rule as TypeScript, SQL (DuckDB, Snowflake) and Python, so an
 * entity lands in the same split wherever the model trains.
 */

import { createHash } from 'node:crypto';
import type { Dialect } from '../targets/target.js';
import { doubleSql, stringSql } from './sql-text.js';

export type SplitName = 'train' | 'validation' | 'test';

/** Snowflake's TO_NUMBER format for 8 hex digits: one X per digit. */
const HEX_FORMAT = 'X'.repeat(8);

/** A text's position in [0, 1): its MD5's first 8 hex digits / 2^32. Splits and A/B routing both use it. */
export function md5Unit(text: string): number {
  const hex = createHash('md5').update(text).digest('hex').slice(0, 8);
  return parseInt(hex, 16) / 4294967296;
}

/** md5Unit as a SQL DOUBLE expression over a VARCHAR expression, identical on DuckDB and Snowflake. */
export function md5UnitSql(textExpr: string, dialect: Dialect): string {
  const digest = `MD5(${textExpr})`;
  const int = dialect === 'duckdb' ? `CAST('0x' || SUBSTR(${digest}, 1, 8) AS BIGINT)` : `TO_NUMBER(SUBSTR(${digest}, 1, 8), '${HEX_FORMAT}')`;
  return `(CAST(${int} AS DOUBLE) / 4294967296e0)`;
}

/** The key's position in [0, 1). */
export function splitUnit(key: string, seed: number): number {
  return md5Unit(`${seed}:${key}`);
}

export function splitOf(key: string, seed: number, test: number, validation: number): SplitName {
  checkFractions(test, validation);
  const u = splitUnit(key, seed);
  return u < test ? 'test' : u < test + validation ? 'validation' : 'train';
}

/** The same rule as a SQL expression over `keyExpr` (cast to text, as String(key) in JS). */
export function splitSql(keyExpr: string, seed: number, test: number, validation: number, dialect: Dialect): string {
  checkFractions(test, validation);
  const u = md5UnitSql(`${stringSql(`${seed}:`, dialect)} || CAST(${keyExpr} AS VARCHAR)`, dialect);
  return `CASE WHEN ${u} < ${doubleSql(test)} THEN 'test' WHEN ${u} < ${doubleSql(test + validation)} THEN 'validation' ELSE 'train' END`;
}

/** The same rule as a Python expression over `keyExpr`; it needs `import hashlib`. */
export function splitPython(keyExpr: string, seed: number, test: number, validation: number): string {
  checkFractions(test, validation);
  const u = `int(hashlib.md5((${JSON.stringify(`${seed}:`)} + str(${keyExpr})).encode()).hexdigest()[:8], 16) / 4294967296`;
  return `(lambda u: 'test' if u < ${pythonFloat(test)} else ('validation' if u < ${pythonFloat(test + validation)} else 'train'))(${u})`;
}

function pythonFloat(x: number): string {
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function checkFractions(test: number, validation: number): void {
  if (!(test >= 0 && validation >= 0 && test + validation < 1)) {
    throw new Error(`split fractions must be >= 0 and leave rows to train on: test ${test}, validation ${validation}`);
  }
}
