import { AT_COMMA, AT_FOR, findBoundary } from './boundary.js';
import type { Cursor } from './cursor.js';
import { scanExpression, startsQuery, type SubqueryParser } from './expression.js';
import type { PivotClause, UnpivotClause } from './model.js';
import { quotedIdentifierName } from './tokenize.js';

/** `PIVOT (agg(value) FOR column IN (v1 [AS a], ... | ANY | subquery) ...)`, opening bracket at `open`. */
export function parsePivot(c: Cursor, open: number, subquery: SubqueryParser): PivotClause {
  const close = c.partner[open]!;
  const forAt = findBoundary(c, open + 1, close, AT_FOR);
  const clause: PivotClause = {
    kind: 'pivot',
    valueRefs: scanExpression(c, open + 1, forAt, subquery).refs,
    pivotColumn: c.isIdentifier(forAt + 1) ? c.name(forAt + 1) : '',
    valueColumns: undefined,
    subqueries: [],
  };
  const list = forAt + 3;
  if (c.word(forAt + 2) !== 'IN' || !c.isOp(list, '(')) {
    c.report(forAt, 'sql-parse', 'expected `FOR column IN (values)` in PIVOT', 'write PIVOT (SUM(x) FOR col IN (\'a\', \'b\'))');
    return clause;
  }
  const listEnd = c.partner[list]!;
  if (startsQuery(c, list + 1)) {
    clause.subqueries.push(subquery(list + 1, listEnd));
    return clause;
  }
  if (c.word(list + 1) === 'ANY') return clause;
  const names: string[] = [];
  let from = list + 1;
  while (from < listEnd) {
    const to = findBoundary(c, from, listEnd, AT_COMMA);
    // Snowflake names a pivoted column after the value as written: 'JAN' gives "'JAN'".
    names.push(c.word(to - 2) === 'AS' ? c.name(to - 1) : quotedIdentifierName(c.text(from, to)));
    from = to + 1;
  }
  clause.valueColumns = names;
  return clause;
}

/** `UNPIVOT (value FOR name IN (c1, c2, ...))`, opening bracket at `open`. */
export function parseUnpivot(c: Cursor, open: number): UnpivotClause {
  const close = c.partner[open]!;
  const clause: UnpivotClause = { kind: 'unpivot', valueColumn: '', nameColumn: '', columns: [] };
  if (!(c.isIdentifier(open + 1) && c.word(open + 2) === 'FOR' && c.isIdentifier(open + 3) && c.word(open + 4) === 'IN' && c.isOp(open + 5, '('))) {
    c.report(open, 'sql-parse', 'expected `value FOR name IN (columns)` in UNPIVOT', 'write UNPIVOT (amount FOR month IN (jan, feb))');
    return clause;
  }
  clause.valueColumn = c.name(open + 1);
  clause.nameColumn = c.name(open + 3);
  const listEnd = Math.min(c.partner[open + 5]!, close);
  let from = open + 6;
  while (from < listEnd) {
    const to = findBoundary(c, from, listEnd, AT_COMMA);
    if (c.isIdentifier(from)) clause.columns.push(c.name(from));
    from = to + 1;
  }
  return clause;
}
