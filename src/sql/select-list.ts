import { AT_CLAUSE, AT_COMMA, findBoundary } from './boundary.js';
import type { Cursor } from './cursor.js';
import { scanExpression, type SubqueryParser } from './expression.js';
import { EXPRESSION_KEYWORDS, VALUE_KEYWORDS } from './keywords.js';
import type { ExprItem, SelectItem, StarItem } from './model.js';

/** Parses the select list from `c.pos` up to the first clause keyword. */
export function parseSelectList(c: Cursor, end: number, subquery: SubqueryParser): SelectItem[] {
  const items: SelectItem[] = [];
  for (;;) {
    const start = c.pos;
    const stop = findBoundary(c, start, end, AT_COMMA | AT_CLAUSE);
    if (stop <= start) {
      c.report(start, 'sql-parse', `expected a column or expression, found ${c.describe(start)}`, 'list the columns to select, separated by commas');
      return items;
    }
    items.push(isStar(c, start) ? parseStar(c, start, stop, subquery) : parseExpressionItem(c, start, stop, subquery));
    c.pos = stop;
    if (!c.isOp(stop, ',')) return items;
    c.pos++;
  }
}

function isStar(c: Cursor, start: number): boolean {
  let i = start;
  while (c.isIdentifier(i) && c.isOp(i + 1, '.')) i += 2;
  return c.isOp(i, '*');
}

function parseExpressionItem(c: Cursor, start: number, stop: number, subquery: SubqueryParser): ExprItem {
  let exprEnd = stop;
  let alias: string | undefined;
  if (stop - start >= 3 && c.word(stop - 2) === 'AS' && c.isIdentifier(stop - 1)) {
    alias = c.name(stop - 1);
    exprEnd = stop - 2;
  } else if (stop - start >= 2 && isImplicitAlias(c, stop - 1)) {
    alias = c.name(stop - 1);
    exprEnd = stop - 1;
  }
  // `a b c`: after taking `c` as the alias, `a b` is still two values side by side.
  if (alias !== undefined && exprEnd - start >= 2 && isImplicitAlias(c, exprEnd - 1)) {
    c.report(exprEnd - 1, 'sql-parse', `unexpected ${c.describe(exprEnd - 1)} after an expression`, 'separate columns with commas; an expression takes one alias');
  }
  return {
    kind: 'expr',
    expr: scanExpression(c, start, exprEnd, subquery),
    name: alias ?? plainColumnName(c, start, exprEnd),
    token: c.tokens[start]!,
    text: c.text(start, exprEnd),
  };
}

/** `expr alias` without AS: an identifier right after a complete value. */
function isImplicitAlias(c: Cursor, i: number): boolean {
  const token = c.tokens[i]!;
  if (c.is(i, EXPRESSION_KEYWORDS)) return false;
  if (token.kind !== 'word' && token.kind !== 'quoted') return false;
  const previous = c.tokens[i - 1]!;
  switch (previous.kind) {
    case 'quoted':
    case 'string':
    case 'number':
    case 'dollar':
    case 'variable':
      return true;
    case 'word':
      return !c.is(i - 1, EXPRESSION_KEYWORDS) || c.is(i - 1, VALUE_KEYWORDS);
    case 'op':
      return previous.text === ')' || previous.text === ']' || previous.text === '}';
    default:
      return false;
  }
}

/** Snowflake names an unaliased plain column reference after the column; other expressions get no usable name. */
function plainColumnName(c: Cursor, start: number, end: number): string | undefined {
  if (!c.isIdentifier(start) || c.is(start, EXPRESSION_KEYWORDS)) return undefined;
  let i = start + 1;
  while (i < end && c.isOp(i, '.') && c.isIdentifier(i + 1)) i += 2;
  return i === end ? c.name(end - 1) : undefined;
}

/** `*`, `t.*`, with ILIKE, EXCLUDE, REPLACE and RENAME in Snowflake's order. */
function parseStar(c: Cursor, start: number, stop: number, subquery: SubqueryParser): StarItem {
  const item: StarItem = { kind: 'star', qualifier: [], ilike: undefined, exclude: [], replace: [], rename: [], token: c.tokens[start]! };
  let i = start;
  while (!c.isOp(i, '*')) {
    item.qualifier.push(c.name(i));
    i += 2;
  }
  i++;
  while (i < stop) {
    const word = c.word(i);
    if (word === 'ILIKE' && c.tokens[i + 1]?.kind === 'string') {
      item.ilike = c.tokens[i + 1]!.text.slice(1, -1).replace(/''/g, "'");
      i += 2;
    } else if (word === 'EXCLUDE') {
      i = readList(c, i + 1, (from, to) => {
        if (to - from === 1 && c.isIdentifier(from)) item.exclude.push(c.name(from));
        else c.report(from, 'sql-parse', 'expected a column name in EXCLUDE', 'write EXCLUDE (col1, col2)');
      });
    } else if (word === 'RENAME') {
      i = readList(c, i + 1, (from, to) => {
        if (to - from === 3 && c.isIdentifier(from) && c.word(from + 1) === 'AS' && c.isIdentifier(from + 2)) {
          item.rename.push({ from: c.name(from), to: c.name(from + 2) });
        } else c.report(from, 'sql-parse', 'expected `column AS new_name` in RENAME', 'write RENAME (old AS new)');
      });
    } else if (word === 'REPLACE') {
      i = readList(c, i + 1, (from, to) => {
        if (to - from >= 3 && c.word(to - 2) === 'AS' && c.isIdentifier(to - 1)) {
          item.replace.push({ name: c.name(to - 1), expr: scanExpression(c, from, to - 2, subquery) });
        } else c.report(from, 'sql-parse', 'expected `expression AS column` in REPLACE', 'write REPLACE (expr AS col)');
      });
    } else {
      c.report(i, 'sql-parse', `unexpected ${c.describe(i)} after *`, 'use EXCLUDE, REPLACE, RENAME or ILIKE after *, or a comma before the next column');
      return item;
    }
  }
  return item;
}

/**
 * Reads `(a, b, ...)` or a single unparenthesized element starting at `i`, calling
 * `element` with each element's token range. Returns the index after the list.
 */
function readList(c: Cursor, i: number, element: (from: number, to: number) => void): number {
  if (!c.isOp(i, '(')) {
    const to = c.word(i + 1) === 'AS' ? i + 3 : i + 1;
    element(i, to);
    return to;
  }
  const close = c.partner[i]!;
  let from = i + 1;
  while (from < close) {
    const to = findBoundary(c, from, close, AT_COMMA);
    element(from, to);
    from = to + 1;
  }
  return close + 1;
}
