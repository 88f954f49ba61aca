import type { Dialect } from '../targets/target.js';
import { cteHead } from './dialect.js';
import type { CteEvaluation } from './dialect.js';
import type { Grain, Sample } from './types.js';

const BARE = /^[a-z_][a-z0-9_$]*$/;
const QUOTED = /^"(?:[^"]|"")+"$/;

/** A column in canonical spelling (bare lower case, or double-quoted), checked and returned as SQL. */
export function column(name: string): string {
  if (BARE.test(name) || QUOTED.test(name)) return name;
  throw new Error(`'${name}' is not a column name in canonical spelling (lower case, or double-quoted)`);
}

export function selectFrom(sample: Sample, columns: string): string {
  const where = sample.where ? ` WHERE ${sample.where}` : '';
  return `SELECT ${columns} FROM ${sample.from}${where}`;
}

/** The sample narrowed by one more condition. */
export function restrict(sample: Sample, condition: string): Sample {
  return { ...sample, where: sample.where ? `(${sample.where}) AND ${condition}` : condition };
}

export function periodExpression(timeColumn: string, grain: Grain = 'day'): string {
  return `CAST(DATE_TRUNC('${grain}', ${column(timeColumn)}) AS DATE)`;
}

export const NULL_PERIOD = 'CAST(NULL AS DATE)';

export function double(expression: string): string {
  return `CAST(${expression} AS DOUBLE)`;
}

/** A ratio that is NULL rather than an error when the denominator is zero. */
export function ratio(numerator: string, denominator: string): string {
  return `${double(numerator)} / NULLIF(${denominator}, 0)`;
}

/** A number literal that both engines read as exactly this double. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  return `CAST(${String(value)} AS DOUBLE)`;
}

export interface Cte {
  name: string;
  sql: string;
  /** For a CTE read more than once (see dialect.ts). */
  evaluation?: CteEvaluation;
}

export function withClause(dialect: Dialect, ctes: readonly Cte[], body: string): string {
  const parts = ctes.map((c) => `${cteHead(dialect, c.name, c.evaluation)} (\n${c.sql}\n)`);
  return `WITH\n${parts.join(',\n')}\n${body}`;
}

export function unionAll(selects: readonly string[]): string {
  return selects.join('\nUNION ALL\n');
}
