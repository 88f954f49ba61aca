import type { Cursor } from './cursor.js';
import { DATE_PARTS, DATE_PART_FUNCTIONS, EXPRESSION_KEYWORDS, TYPED_LITERALS } from './keywords.js';
import type { Expr, QueryModel } from './model.js';
import { isWordToken } from './tokenize.js';

/** Parses the query inside the brackets [from, to) of a subquery. */
export type SubqueryParser = (from: number, to: number) => QueryModel;

/** True when token `i` starts a query: SELECT or WITH. */
export function startsQuery(c: Cursor, i: number): boolean {
  const word = c.word(i);
  return word === 'SELECT' || word === 'WITH';
}

/**
 * Collects the column references and subqueries of the expression tokens [from, to).
 * Function names, keywords, named arguments, lambda parameters, date parts, cast types
 * and semi-structured paths (`v:a.b[0]::string`) are not column references.
 */
export function scanExpression(c: Cursor, from: number, to: number, subquery: SubqueryParser): Expr {
  const expr: Expr = { refs: [], subqueries: [] };
  // Lambda parameters are rare and few: an array is cheaper to make than a set.
  const lambdas: string[] = [];
  scanRange(c, from, to, -1, expr, lambdas, subquery);
  return expr;
}

function scanRange(
  c: Cursor,
  from: number,
  to: number,
  /** Index of the name of the function whose arguments these are, -1 outside a call. */
  fn: number,
  expr: Expr,
  lambdas: string[],
  subquery: SubqueryParser,
): void {
  let i = from;
  while (i < to) {
    const token = c.tokens[i]!;
    if (token.kind === 'op') {
      const op = token.text;
      if (op === '(' || op === '[' || op === '{') {
        const close = c.partner[i]!;
        if (op === '(' && startsQuery(c, i + 1)) expr.subqueries.push(subquery(i + 1, close));
        else scanRange(c, i + 1, close, op === '(' ? i - 1 : -1, expr, lambdas, subquery);
        i = close + 1;
      } else if (op === '::') {
        i = skipType(c, i + 1);
      } else if (op === ':') {
        i = skipColon(c, i);
      } else {
        i++;
      }
      continue;
    }
    if (token.kind === 'word') {
      const next = c.tokens[i + 1];
      const nextOp = next?.kind === 'op' ? next.text : '';
      if (nextOp === '(' || nextOp === '=>') {
        i++;
        continue;
      }
      if (nextOp === '->') {
        lambdas.push(c.name(i));
        i++;
        continue;
      }
      if (isWordToken(token, 'AS')) {
        i = skipType(c, i + 1);
        continue;
      }
      if (isWordToken(token, 'NULLS')) {
        i += c.word(i + 1) === 'FIRST' || c.word(i + 1) === 'LAST' ? 2 : 1;
        continue;
      }
      if (
        c.is(i, EXPRESSION_KEYWORDS) ||
        (c.is(i, TYPED_LITERALS) && next?.kind === 'string') ||
        (c.is(fn, DATE_PART_FUNCTIONS) && c.is(i, DATE_PARTS) && isWholeArgument(c, i))
      ) {
        i++;
        continue;
      }
    } else if (token.kind !== 'quoted') {
      i++;
      continue;
    }
    i = readReference(c, i, expr, lambdas);
  }
}

/** Reads an identifier chain at `i` (a word or quoted identifier) as a column reference. */
function readReference(c: Cursor, i: number, expr: Expr, lambdas: readonly string[]): number {
  let j = i + 1;
  while (c.isOp(j, '.') && c.isIdentifier(j + 1)) j += 2;
  if (c.isOp(j, '.') && c.isOp(j + 1, '*')) return j + 2;
  // The names are at i, i + 2, ..., j - 1: the last is the column, the others qualify it.
  // Sized up front: pushing onto an empty array allocates room for 17 names.
  const qualifier = new Array<string>((j - 1 - i) / 2);
  for (let k = 0; k < qualifier.length; k++) qualifier[k] = c.name(i + 2 * k);
  const name = c.name(j - 1);
  if (qualifier.length > 0 || !lambdas.includes(name)) expr.refs.push({ qualifier, name, token: c.tokens[i]! });
  return j;
}

function isWholeArgument(c: Cursor, i: number): boolean {
  return (c.isOp(i - 1, '(') || c.isOp(i - 1, ',')) && (c.isOp(i + 1, ',') || c.isOp(i + 1, ')'));
}

/** Skips a type name after `::` or CAST's AS: `string`, `number(10, 2)`, `double precision`. */
function skipType(c: Cursor, i: number): number {
  if (!c.isIdentifier(i)) return i;
  let j = i + 1;
  while (c.word(j) === 'PRECISION' || c.word(j) === 'VARYING') j++;
  if (c.isOp(j, '(')) j = c.after(j);
  return j;
}

/**
 * `:` after a value is a semi-structured path (`v:a.b[0]`), whose elements are keys, not
 * columns. Otherwise it is a bind variable (`:name`), or a key separator in `{'k': v}`.
 */
function skipColon(c: Cursor, i: number): number {
  const previous = c.tokens[i - 1];
  const isPath =
    previous !== undefined &&
    (previous.kind === 'word' || previous.kind === 'quoted' || previous.text === ']' || previous.text === ')');
  if (!isPath) return previous?.kind === 'string' ? i + 1 : i + (c.tokens[i + 1]?.kind === 'word' ? 2 : 1);
  let j = i + 1;
  if (c.isIdentifier(j) || c.tokens[j]?.kind === 'number') j++;
  for (;;) {
    if (c.isOp(j, '.') && c.isIdentifier(j + 1)) j += 2;
    else if (c.isOp(j, '[')) j = c.after(j);
    else return j;
  }
}
