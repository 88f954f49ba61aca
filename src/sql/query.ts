import { AT_CLAUSE, findBoundary } from './boundary.js';
import type { Cursor } from './cursor.js';
import { scanExpression, type SubqueryParser } from './expression.js';
import { parseFrom, parseValues } from './from-clause.js';
import { SET_OPERATORS } from './keywords.js';
import type { Cte, Expr, QueryModel, SelectModel, ValuesModel } from './model.js';
import { parseSelectList } from './select-list.js';

const TAIL_KEYWORDS = new Set(['ORDER', 'LIMIT', 'OFFSET', 'FETCH']);

/**
 * Parses the tokens [from, to) as one query (WITH, set operations, parenthesized
 * queries, VALUES). Tokens it cannot place are reported, never thrown.
 */
export function parseQuery(c: Cursor, from: number, to: number): QueryModel {
  const saved = c.pos;
  c.pos = from;
  const query = readQuery(c, to);
  if (c.pos < to) {
    c.report(c.pos, 'sql-parse', `unexpected ${c.describe(c.pos)}`, 'check for a missing comma, operator or parenthesis before it');
  }
  c.pos = saved;
  return query;
}

function readQuery(c: Cursor, end: number): QueryModel {
  const subquery: SubqueryParser = (from, to) => parseQuery(c, from, to);
  const query: QueryModel = { kind: 'query', ctes: [], branches: [], clauses: [] };
  if (c.word(c.pos) === 'WITH') {
    c.pos++;
    if (c.word(c.pos) === 'RECURSIVE') c.pos++;
    for (;;) {
      const cte = readCte(c, subquery);
      if (!cte) return query;
      query.ctes.push(cte);
      if (!c.isOp(c.pos, ',')) break;
      c.pos++;
    }
  }
  const first = readBranch(c, end, subquery);
  if (!first) return query;
  query.branches.push(first);
  while (c.is(c.pos, SET_OPERATORS)) {
    c.pos++;
    if (c.word(c.pos) === 'ALL' || c.word(c.pos) === 'DISTINCT') c.pos++;
    if (c.word(c.pos) === 'BY' && c.word(c.pos + 1) === 'NAME') c.pos += 2;
    const branch = readBranch(c, end, subquery);
    if (!branch) return query;
    query.branches.push(branch);
  }
  readTail(c, end, subquery, query.clauses);
  return query;
}

function readCte(c: Cursor, subquery: SubqueryParser): Cte | undefined {
  if (!c.isIdentifier(c.pos)) {
    c.report(c.pos, 'sql-parse', `expected a name for the WITH query, found ${c.describe(c.pos)}`, 'write WITH name AS (SELECT ...)');
    return undefined;
  }
  const name = c.name(c.pos);
  c.pos++;
  let columnAliases: string[] | undefined;
  if (c.isOp(c.pos, '(')) {
    columnAliases = [];
    for (let k = c.pos + 1; k < c.partner[c.pos]!; k++) if (c.isIdentifier(k)) columnAliases.push(c.name(k));
    c.pos = c.after(c.pos);
  }
  if (c.word(c.pos) !== 'AS' || !c.isOp(c.pos + 1, '(')) {
    c.report(c.pos, 'sql-parse', `expected AS ( after the WITH query name '${name}', found ${c.describe(c.pos)}`, `write WITH ${name} AS (SELECT ...)`);
    return undefined;
  }
  const open = c.pos + 1;
  const query = subquery(open + 1, c.partner[open]!);
  c.pos = c.after(open);
  return { name, columnAliases, query };
}

function readBranch(c: Cursor, end: number, subquery: SubqueryParser): SelectModel | ValuesModel | QueryModel | undefined {
  const i = c.pos;
  if (c.isOp(i, '(')) {
    c.pos = c.after(i);
    return subquery(i + 1, c.partner[i]!);
  }
  const word = c.word(i);
  if (word === 'SELECT') return readSelect(c, end, subquery);
  if (word === 'VALUES') return { kind: 'values', rows: parseValues(c, subquery) };
  c.report(i, 'sql-parse', `expected SELECT, found ${c.describe(i)}`, 'a query starts with SELECT, WITH, VALUES or a parenthesis');
  return undefined;
}

function readSelect(c: Cursor, end: number, subquery: SubqueryParser): SelectModel {
  const select: SelectModel = { kind: 'select', items: [], from: [], clauses: [] };
  c.pos++;
  if (c.word(c.pos) === 'DISTINCT' || c.word(c.pos) === 'ALL') c.pos++;
  if (c.word(c.pos) === 'TOP' && c.pos + 1 < end) c.pos = c.isOp(c.pos + 1, '(') ? c.after(c.pos + 1) : c.pos + 2;
  select.items = parseSelectList(c, end, subquery);
  for (;;) {
    const word = c.word(c.pos);
    if (word === 'FROM') {
      c.pos++;
      parseFrom(c, end, subquery, select.clauses, select.from);
    } else if (word === 'WHERE' || word === 'HAVING' || word === 'QUALIFY' || word === 'GROUP' || word === 'WINDOW') {
      select.clauses.push(readClause(c, clauseStart(c), end, subquery));
    } else if ((word === 'START' && c.word(c.pos + 1) === 'WITH') || (word === 'CONNECT' && c.word(c.pos + 1) === 'BY')) {
      select.clauses.push(readClause(c, c.pos + 2, end, subquery));
    } else {
      return select;
    }
  }
}

function readTail(c: Cursor, end: number, subquery: SubqueryParser, clauses: Expr[]): void {
  while (TAIL_KEYWORDS.has(c.word(c.pos))) clauses.push(readClause(c, clauseStart(c), end, subquery));
}

/** Where the expression of the clause keyword at `c.pos` starts: after `GROUP BY`, `ORDER BY`, `WHERE`... */
function clauseStart(c: Cursor): number {
  return c.word(c.pos + 1) === 'BY' ? c.pos + 2 : c.pos + 1;
}

/** The expression of a clause starting at `from`, up to the next clause keyword. */
function readClause(c: Cursor, from: number, end: number, subquery: SubqueryParser): Expr {
  const stop = findBoundary(c, from, end, AT_CLAUSE);
  if (stop <= from) {
    const keyword = c.tokens[from - 1]!.text;
    c.report(from, 'sql-parse', `expected an expression after ${keyword}, found ${c.describe(from)}`, `complete the ${keyword} clause or remove it`);
  }
  c.pos = Math.max(stop, from);
  return scanExpression(c, from, stop, subquery);
}
