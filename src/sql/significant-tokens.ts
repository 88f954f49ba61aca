import { SqlSyntaxError, tokenize, type Token } from './tokenize.js';

export type Tokenized = { tokens: Token[] } | { error: SqlSyntaxError };

let lastSql: string | undefined;
let lastResult: Tokenized | undefined;

/**
 * The significant tokens of `sql`, or the tokenizer's error. Compiling a file splits it,
 * analyzes it and fingerprints it: the one-entry memo lets the three share one
 * tokenization. Callers must not mutate the returned array.
 */
export function significantTokens(sql: string): Tokenized {
  if (lastResult && sql === lastSql) return lastResult;
  let result: Tokenized;
  try {
    result = { tokens: tokenize(sql, false) };
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    result = { error };
  }
  lastSql = sql;
  lastResult = result;
  return result;
}
