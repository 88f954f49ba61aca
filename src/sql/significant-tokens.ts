import { SqlSyntaxError, tokenize, type Token } from './tokenize.js';

/** Significant tokens with the indexes of their `;` tokens: splitting and the one-query check need only those. */
export interface SignificantTokens {
  tokens: Token[];
  semicolons: number[];
  /** Every token, whitespace and comments included. */
  all: Token[];
}

export type Tokenized = SignificantTokens | { error: SqlSyntaxError };

let lastSql = '';
let lastResult: Tokenized | undefined;

/**
 * The significant tokens of `sql`, or the tokenizer's error. Compiling a file splits it,
 * analyzes it, fingerprints it and translates its statement: the one-entry memo lets the
 * four share one tokenization. Callers must not mutate the returned arrays.
 */
export function significantTokens(sql: string): Tokenized {
  if (lastResult && sql === lastSql) return lastResult;
  let result: Tokenized;
  try {
    result = indexSemicolons(tokenize(sql));
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    result = { error };
  }
  lastSql = sql;
  lastResult = result;
  return result;
}

/** Picks the significant tokens out of all the tokens of a text and indexes their `;` tokens. */
export function indexSemicolons(all: Token[]): SignificantTokens {
  const tokens: Token[] = [];
  const semicolons: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const token = all[i]!;
    if (token.kind === 'space' || token.kind === 'comment') continue;
    if (token.kind === 'op' && token.text === ';') semicolons.push(tokens.length);
    tokens.push(token);
  }
  return { tokens, semicolons, all };
}

/**
 * The tokens, whitespace and comments included, of `statement` when the text tokenized
 * last starts with it (after whitespace and comments) and goes on with whitespace, a
 * comment, `;` or nothing, as a file's first statement does; else undefined. They are
 * located in that text, not in `statement`.
 */
export function memoizedStatementTokens(statement: string): Token[] | undefined {
  if (!lastResult || 'error' in lastResult || statement === '') return undefined;
  const { all, tokens } = lastResult;
  const first = tokens[0];
  if (first === undefined) return undefined;
  const end = first.start + statement.length;
  // Comparing a slice is several times faster than startsWith at an offset.
  if (lastSql.slice(first.start, end) !== statement) return undefined;
  let from = 0;
  while (all[from] !== first) from++;
  let to = all.length;
  while (all[to - 1]!.start >= end) to--;
  const last = all[to - 1]!;
  const after = all[to];
  // Cut inside a token, or before one its last token's end depends on, the statement would tokenize differently on its own.
  if (last.start + last.text.length !== end || (after !== undefined && after.kind !== 'space' && after.kind !== 'comment' && after.text !== ';')) return undefined;
  return all.slice(from, to);
}
