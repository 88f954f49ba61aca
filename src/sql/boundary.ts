import type { Cursor } from './cursor.js';
import { CLAUSE_KEYWORDS, JOIN_KEYWORDS } from './keywords.js';

/**
 * The first index in [from, end) at the top level (outside brackets) where `stop`
 * holds, or `end`. Bracket groups are skipped in one step.
 */
export function findBoundary(c: Cursor, from: number, end: number, stop: (i: number) => boolean): number {
  let i = from;
  while (i < end) {
    const partner = c.partner[i]!;
    if (partner > i) i = partner + 1;
    else if (stop(i)) return i;
    else i++;
  }
  return end;
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
