import { SqlSyntaxError, tokenize, type Token } from './tokenize.js';

/** Significant tokens with the indexes of their `;` tokens: splitting and the one-query check need only those. */
export interface SignificantTokens {
  tokens: Token[];
  semicolons: number[];
}

export type Tokenized = SignificantTokens | { error: SqlSyntaxError };

let lastSql: string | undefined;
let lastResult: Tokenized | undefined;

/**
 * The significant tokens of `sql`, or the tokenizer's error. Compiling a file splits it,
 * analyzes it and fingerprints it: the one-entry memo lets the three share one
 * tokenization. Callers must not mutate the returned arrays.
 */
export function significantTokens(sql: string): Tokenized {
  if (lastResult && sql === lastSql) return lastResult;
  let result: Tokenized;
  try {
    result = indexSemicolons(tokenize(sql, false));
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    result = { error };
  }
  lastSql = sql;
  lastResult = result;
  return result;
}

/** Pairs significant tokens with the indexes of their `;` tokens. */
export function indexSemicolons(tokens: Token[]): SignificantTokens {
  const semicolons: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'op' && token.text === ';') semicolons.push(i);
  }
  return { tokens, semicolons };
}
