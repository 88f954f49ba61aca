/**
 * SQL text shared by the scorer and the split rule. DuckDB and Snowflake differ here in
 * one place: Snowflake reads backslashes in string literals as escapes.
 */

import type { Dialect } from '../targets/target.js';
import type { Label } from './dataset.js';

const RESERVED = new Set(['all', 'and', 'as', 'between', 'by', 'case', 'cast', 'column', 'create', 'cross', 'current', 'default', 'distinct', 'else', 'end', 'exists', 'false', 'from', 'full', 'group', 'having', 'in', 'inner', 'is', 'join', 'left', 'like', 'limit', 'natural', 'not', 'null', 'of', 'on', 'or', 'order', 'qualify', 'right', 'row', 'rows', 'select', 'set', 'table', 'then', 'to', 'true', 'union', 'using', 'values', 'when', 'where', 'with']);

/**
 * A column reference. Plain lower-case names stay unquoted so Snowflake resolves them
 * case-insensitively (its columns are stored upper-case); anything else is quoted.
 */
export function identifierSql(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

export function stringSql(text: string, dialect: Dialect): string {
  const escaped = dialect === 'snowflake' ? text.replace(/\\/g, '\\\\') : text;
  return `'${escaped.replace(/'/g, "''")}'`;
}

/**
 * A DOUBLE literal that parses back to exactly the same double: shortest round-trip digits
 * in exponent form (an exponent makes both engines read DOUBLE, not DECIMAL).
 */
export function doubleSql(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a SQL number`);
  const text = (x === 0 ? 0 : x).toExponential().replace('e+', 'e');
  return x < 0 ? `(${text})` : text;
}

export function labelSql(label: Label, dialect: Dialect): string {
  if (typeof label === 'boolean') return label ? 'TRUE' : 'FALSE';
  if (typeof label === 'number') return Number.isInteger(label) ? String(label) : doubleSql(label);
  return stringSql(label, dialect);
}

/** Sums terms left to right in short chains joined pairwise, bounding the expression depth. */
export function sumSql(terms: readonly string[]): string {
  if (terms.length === 0) return '0e0';
  if (terms.length <= 16) return terms.length === 1 ? terms[0]! : `(${terms.join(' + ')})`;
  const half = Math.ceil(terms.length / 2);
  return `(${sumSql(terms.slice(0, half))} + ${sumSql(terms.slice(half))})`;
}
