import type { Relation } from '../graph/node.js';
import { AT_CLAUSE, AT_COMMA, AT_JOIN, findBoundary, isClauseStart, isJoinStart } from './boundary.js';
import type { Cursor } from './cursor.js';
import { scanExpression, startsQuery, type SubqueryParser } from './expression.js';
import { NON_ALIAS_WORDS } from './keywords.js';
import type { Expr, FromSource } from './model.js';
import { parsePivot, parseUnpivot } from './pivot.js';

/**
 * Parses a FROM clause from `c.pos` (relations, joins, table functions, VALUES) onto `sources`:
 * appending, not returning a list to spread, keeps the not-yet-optimized code lean.
 */
export function parseFrom(c: Cursor, end: number, subquery: SubqueryParser, clauses: Expr[], sources: FromSource[]): void {
  parseSource(c, end, subquery, sources, clauses);
  while (c.pos < end) {
    let natural = false;
    if (c.isOp(c.pos, ',')) {
      c.pos++;
    } else if (isJoinStart(c, c.pos)) {
      natural = c.word(c.pos) === 'NATURAL';
      while (c.pos < end && c.word(c.pos) !== 'JOIN' && isJoinStart(c, c.pos)) c.pos++;
      if (c.word(c.pos) !== 'JOIN') {
        c.report(c.pos, 'sql-parse', `expected JOIN, found ${c.describe(c.pos)}`, 'write e.g. LEFT JOIN table ON condition');
        return;
      }
      c.pos++;
    } else {
      return;
    }
    const count = sources.length;
    parseSource(c, end, subquery, sources, clauses);
    const joined = sources.length === count + 1 ? sources[count] : undefined;
    if (joined && natural) joined.mergedColumns = 'natural';
    parseJoinCondition(c, end, subquery, clauses, joined);
  }
}

function parseJoinCondition(c: Cursor, end: number, subquery: SubqueryParser, clauses: Expr[], joined: FromSource | undefined): void {
  for (;;) {
    const word = c.word(c.pos);
    if (word === 'MATCH_CONDITION' && c.isOp(c.pos + 1, '(')) {
      clauses.push(scanExpression(c, c.pos + 2, c.partner[c.pos + 1]!, subquery));
      c.pos = c.after(c.pos + 1);
    } else if (word === 'ON') {
      const stop = findBoundary(c, c.pos + 1, end, AT_COMMA | AT_CLAUSE | AT_JOIN);
      clauses.push(scanExpression(c, c.pos + 1, stop, subquery));
      c.pos = stop;
    } else if (word === 'USING' && c.isOp(c.pos + 1, '(')) {
      const close = c.partner[c.pos + 1]!;
      const names: string[] = [];
      for (let k = c.pos + 2; k < close; k++) if (c.isIdentifier(k)) names.push(c.name(k));
      if (joined) joined.mergedColumns = names;
      c.pos = close + 1;
    } else {
      return;
    }
  }
}

function parseSource(c: Cursor, end: number, subquery: SubqueryParser, sources: FromSource[], clauses: Expr[]): void {
  if (c.word(c.pos) === 'LATERAL') c.pos++;
  const i = c.pos;
  // Literal objects rather than spreading shared defaults: a spread is slow in not-yet-optimized code.
  let source: FromSource;
  if (c.isOp(i, '(')) {
    const close = c.partner[i]!;
    let first = i + 1;
    while (c.isOp(first, '(')) first++;
    if (startsQuery(c, first) || c.word(first) === 'VALUES') {
      source = { kind: 'query', query: subquery(i + 1, close), alias: undefined, columnAliases: undefined, pivot: undefined, mergedColumns: undefined };
      c.pos = close + 1;
    } else {
      // A parenthesized join: its relations belong to this FROM clause.
      c.pos = i + 1;
      parseFrom(c, close, subquery, clauses, sources);
      if (c.pos < close) c.report(c.pos, 'sql-parse', `unexpected ${c.describe(c.pos)}`, 'check the joins inside the parentheses');
      c.pos = close + 1;
      return;
    }
  } else if (c.isOp(i, '@')) {
    // A stage (`@db.s.stage/path/`) holds files, not a relation the graph can depend on.
    c.pos = skipStagePath(c, i + 1, end);
    const args: Expr = { refs: [], subqueries: [] };
    source = { kind: 'function', name: 'STAGE', args, alias: undefined, columnAliases: undefined, pivot: undefined, mergedColumns: undefined };
    if (c.isOp(c.pos, '(')) c.pos = c.after(c.pos);
  } else if (c.word(i) === 'TABLE' && c.isOp(i + 1, '(')) {
    const args = scanExpression(c, i + 2, c.partner[i + 1]!, subquery);
    source = { kind: 'function', name: c.word(i + 2), args, alias: undefined, columnAliases: undefined, pivot: undefined, mergedColumns: undefined };
    c.pos = c.after(i + 1);
  } else if (c.word(i) === 'VALUES') {
    c.pos = i;
    source = { kind: 'values', rows: parseValues(c, subquery), alias: undefined, columnAliases: undefined, pivot: undefined, mergedColumns: undefined };
  } else if (c.isIdentifier(i) && c.isOp(i + 1, '(')) {
    const args = scanExpression(c, i + 2, c.partner[i + 1]!, subquery);
    source = { kind: 'function', name: c.word(i), args, alias: undefined, columnAliases: undefined, pivot: undefined, mergedColumns: undefined };
    c.pos = c.after(i + 1);
  } else if (c.isIdentifier(i)) {
    const relation = readRelation(c, i);
    if (!relation) return;
    source = { kind: 'table', relation, token: c.tokens[i]!, alias: undefined, columnAliases: undefined, pivot: undefined, mergedColumns: undefined };
  } else {
    c.report(i, 'sql-parse', `expected a table, subquery or table function, found ${c.describe(i)}`, 'name the table to read after FROM or JOIN');
    return;
  }
  parseSourceModifiers(c, end, subquery, source);
  sources.push(source);
}

/** The tokens of a stage path after `@`: names, dots, slashes, `~` and `%`. */
function skipStagePath(c: Cursor, i: number, end: number): number {
  let j = i;
  while (j < end) {
    const token = c.tokens[j]!;
    const pathOp = token.kind === 'op' && (token.text === '.' || token.text === '/' || token.text === '~' || token.text === '%');
    const adjacent = token.start === c.tokens[j - 1]!.start + c.tokens[j - 1]!.text.length;
    if (!adjacent || !(pathOp || token.kind === 'word' || token.kind === 'quoted' || token.kind === 'number')) break;
    j++;
  }
  return j;
}

/** `name`, `schema.name`, `db.schema.name` or `db..name` (the PUBLIC schema). */
function readRelation(c: Cursor, i: number): Relation | undefined {
  const parts = [c.name(i)];
  let j = i + 1;
  for (;;) {
    if (c.isOp(j, '.') && c.isIdentifier(j + 1)) {
      parts.push(c.name(j + 1));
      j += 2;
    } else if (parts.length === 1 && c.isOp(j, '.') && c.isOp(j + 1, '.') && c.isIdentifier(j + 2)) {
      parts.push('public', c.name(j + 2));
      j += 3;
    } else break;
  }
  c.pos = j;
  // Indexing, not destructuring: destructuring runs the array iterator.
  if (parts.length === 1) return { name: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, name: parts[1]! };
  if (parts.length === 3) return { database: parts[0]!, schema: parts[1]!, name: parts[2]! };
  c.report(i, 'sql-parse', `'${c.text(i, j)}' has more than three parts`, 'write database.schema.table at most');
  return undefined;
}

/** Time travel, SAMPLE, PIVOT/UNPIVOT, MATCH_RECOGNIZE and the alias, in any order. */
function parseSourceModifiers(c: Cursor, end: number, subquery: SubqueryParser, source: FromSource): void {
  while (c.pos < end) {
    const i = c.pos;
    const word = c.word(i);
    const call = c.isOp(i + 1, '(');
    if (call && (word === 'AT' || word === 'BEFORE' || word === 'CHANGES' || word === 'END' || word === 'MATCH_RECOGNIZE')) {
      c.pos = c.after(i + 1);
    } else if (word === 'SAMPLE' || word === 'TABLESAMPLE') {
      c.pos++;
      if (c.tokens[c.pos]?.kind === 'word' && c.isOp(c.pos + 1, '(')) c.pos++;
      if (c.isOp(c.pos, '(')) c.pos = c.after(c.pos);
      if ((c.word(c.pos) === 'REPEATABLE' || c.word(c.pos) === 'SEED') && c.isOp(c.pos + 1, '(')) c.pos = c.after(c.pos + 1);
    } else if (word === 'PIVOT' && call) {
      source.pivot = parsePivot(c, i + 1, subquery);
      c.pos = c.after(i + 1);
    } else if (word === 'UNPIVOT') {
      let open = i + 1;
      if ((c.word(open) === 'INCLUDE' || c.word(open) === 'EXCLUDE') && c.word(open + 1) === 'NULLS') open += 2;
      if (!c.isOp(open, '(')) return;
      source.pivot = parseUnpivot(c, open);
      c.pos = c.after(open);
    } else if (word === 'AS' && c.isIdentifier(i + 1) && source.alias === undefined) {
      c.pos = i + 1;
      readAlias(c, source);
    } else if (source.alias === undefined && c.isIdentifier(i) && isAliasWord(c, i)) {
      readAlias(c, source);
    } else {
      return;
    }
  }
}

function isAliasWord(c: Cursor, i: number): boolean {
  return !c.is(i, NON_ALIAS_WORDS) && !isClauseStart(c, i) && !isJoinStart(c, i) && c.word(i) !== 'VALUES';
}

function readAlias(c: Cursor, source: FromSource): void {
  source.alias = c.name(c.pos);
  c.pos++;
  if (!c.isOp(c.pos, '(')) return;
  const close = c.partner[c.pos]!;
  const names: string[] = [];
  for (let k = c.pos + 1; k < close; k++) if (c.isIdentifier(k)) names.push(c.name(k));
  source.columnAliases = names;
  c.pos = close + 1;
}

/** `VALUES (a, b), (c, d)` from `c.pos`: the expressions of each row. */
export function parseValues(c: Cursor, subquery: SubqueryParser): Expr[][] {
  c.pos++;
  const rows: Expr[][] = [];
  while (c.isOp(c.pos, '(')) {
    const close = c.partner[c.pos]!;
    const row: Expr[] = [];
    let from = c.pos + 1;
    while (from < close) {
      const to = findBoundary(c, from, close, AT_COMMA);
      row.push(scanExpression(c, from, to, subquery));
      from = to + 1;
    }
    rows.push(row);
    c.pos = close + 1;
    if (!(c.isOp(c.pos, ',') && c.isOp(c.pos + 1, '('))) break;
    c.pos++;
  }
  return rows;
}
