import type { Cursor } from './cursor.js';
import { CLAUSE_KEYWORDS, JOIN_KEYWORDS } from './keywords.js';

/** What ends a findBoundary search: bits, combined with `|`. */
export const AT_COMMA = 1;
export const AT_CLAUSE = 2;
export const AT_JOIN = 4;
export const AT_FOR = 8;

/**
 * The first index in [from, end) at the top level (outside brackets) where one of the
 * `stops` is, or `end`. Bracket groups are skipped in one step. Stops are bits rather than
 * a callback: a closure per search, called for every token, costs more than the tests.
 */
export function findBoundary(c: Cursor, from: number, end: number, stops: number): number {
  let i = from;
  while (i < end) {
    const partner = c.partner[i]!;
    if (partner > i) i = partner + 1;
    else if (isStop(c, i, stops)) return i;
    else i++;
  }
  return end;
}

/** True when token `i` is one of the `stops`. */
function isStop(c: Cursor, i: number, stops: number): boolean {
  return (
    ((stops & AT_COMMA) !== 0 && c.isOp(i, ',')) ||
    ((stops & AT_CLAUSE) !== 0 && isClauseStart(c, i)) ||
    ((stops & AT_JOIN) !== 0 && isJoinStart(c, i)) ||
    ((stops & AT_FOR) !== 0 && c.word(i) === 'FOR')
  );
}

/** A keyword that starts the next clause (FROM, WHERE, UNION, ...) at token `i`. */
export function isClauseStart(c: Cursor, i: number): boolean {
  if (!c.is(i, CLAUSE_KEYWORDS)) return false;
  const word = c.word(i);
  // `a IS DISTINCT FROM b` and `LISTAGG(x) WITHIN GROUP (...)` keep going.
  if (word === 'FROM' && c.word(i - 1) === 'DISTINCT') return false;
  if (word === 'GROUP' && c.word(i - 1) === 'WITHIN') return false;
  return true;
}

/** A word that starts a join (`LEFT JOIN`, `NATURAL JOIN`, `ASOF JOIN`...) at token `i`. */
export function isJoinStart(c: Cursor, i: number): boolean {
  if (!c.is(i, JOIN_KEYWORDS)) return false;
  const word = c.word(i);
  // LEFT(s, n) and RIGHT(s, n) are string functions.
  return !((word === 'LEFT' || word === 'RIGHT') && c.isOp(i + 1, '('));
}
