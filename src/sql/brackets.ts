import { problemAt, type SqlProblem } from './problem.js';
import type { Token } from './tokenize.js';

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export type BracketMatch = { partner: number[] } | { problem: SqlProblem };

/**
 * Pairs every opening bracket with its closing one in a single pass, so parsers can
 * jump over a group in constant time. `partner[i]` is the index of the other bracket
 * of the pair, or -1 for tokens that are not brackets.
 */
export function matchBrackets(tokens: readonly Token[]): BracketMatch {
  // A plain array: a typed array keeps its memory outside the heap, which costs more to get
  // for a statement's few hundred tokens.
  const partner = new Array<number>(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'op') continue;
    const text = token.text;
    if (text === '(' || text === '[' || text === '{') {
      open.push(i);
    } else if (text === ')' || text === ']' || text === '}') {
      const opener = open.pop();
      if (opener === undefined) {
        return { problem: problemAt(token, 'sql-unbalanced', `unmatched '${text}'`, `remove it or add the opening bracket before it`) };
      }
      const expected = CLOSER[tokens[opener]!.text]!;
      if (expected !== text) {
        const at = tokens[opener]!;
        return {
          problem: problemAt(at, 'sql-unbalanced', `'${at.text}' at ${at.line}:${at.col} is closed by '${text}' at ${token.line}:${token.col}`, `close it with '${expected}'`),
        };
      }
      partner[opener] = i;
      partner[i] = opener;
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    const token = tokens[unclosed]!;
    return { problem: problemAt(token, 'sql-unbalanced', `unclosed '${token.text}'`, `add the matching '${CLOSER[token.text]!}'`) };
  }
  return { partner };
}
