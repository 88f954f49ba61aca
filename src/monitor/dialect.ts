import type { Dialect } from '../targets/target.js';

/*
 * Every difference between the DuckDB and the Snowflake text of a monitoring query lives
 * here. The rest of the module writes SQL that both engines read alike.
 */

/** A string literal. Snowflake also treats backslash as an escape inside single quotes. */
export function stringLiteral(dialect: Dialect, value: string): string {
  const quoted = value.replace(/'/g, "''");
  return `'${dialect === 'snowflake' ? quoted.replace(/\\/g, '\\\\') : quoted}'`;
}

/**
 * How DuckDB should evaluate a common table expression read more than once. `inline`
 * suits a sample: each feature's GROUP BY then scans just its column of the base table and
 * keeps the column statistics that let DuckDB use its perfect-hash aggregate. `once` suits
 * the small count tables: inlined, every reference would repeat the whole aggregation.
 */
export type CteEvaluation = 'inline' | 'once';

/** Opens a common table expression. Snowflake evaluates a CTE once and has no such hint. */
export function cteHead(dialect: Dialect, name: string, evaluation: CteEvaluation | undefined): string {
  if (dialect !== 'duckdb' || evaluation === undefined) return `${name} AS`;
  return `${name} AS ${evaluation === 'once' ? 'MATERIALIZED' : 'NOT MATERIALIZED'}`;
}

function checkShare(fraction: number): void {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`sample must be a share between 0 and 1, got ${fraction}`);
}

/**
 * Keeps each row with probability `fraction`, after the subquery it follows. Row by row,
 * not block sampling (DuckDB `system`, Snowflake `SYSTEM`/`BLOCK`), though blocks skip most
 * of the scan: a block holds neighbouring rows, which in a table kept in time order were
 * written at nearly the same time. On such a table with a daily cycle and no drift, 2% of
 * 2,048-row blocks gave PSI up to 0.25, above the alert threshold; rows gave 0.0003.
 */
export function bernoulliSample(dialect: Dialect, fraction: number): string {
  checkShare(fraction);
  const percent = String(Number((fraction * 100).toPrecision(12)));
  return dialect === 'duckdb' ? `USING SAMPLE ${percent} PERCENT (bernoulli)` : `SAMPLE BERNOULLI (${percent})`;
}

/**
 * A condition keeping the rows whose `key` hashes into the first `fraction` of the 64-bit
 * hash range: the same keys every run and on every side that carries them, at the cost of
 * a hash per row during the scan (a random draw over a subquery costs several times more).
 * DuckDB's `hash` is unsigned, Snowflake's `HASH` signed, so the bound is shifted by 2^63.
 * A hash h is below fraction · 2^64 exactly when it is below that number rounded up.
 */
export function keySample(dialect: Dialect, key: string, fraction: number): string {
  checkShare(fraction);
  const bound = BigInt(Math.ceil(fraction * 2 ** 64));
  return dialect === 'duckdb' ? `hash(${key}) < ${bound}` : `HASH(${key}) < ${bound - 2n ** 63n}`;
}
