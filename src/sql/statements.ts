import { positionAt } from '../project/diagnostic.js';
import { indexSemicolons, significantTokens, type SignificantTokens } from './significant-tokens.js';
import { tokenize, type Token } from './tokenize.js';

/** One top-level statement of a SQL text. */
export interface Statement {
  /** From its first significant token through its last, without the `;`. */
  text: string;
  /** 1-based line and column, and 0-based offset, of its first character. */
  line: number;
  col: number;
  offset: number;
}

/**
 * Splits SQL into its statements at top-level `;` (never inside strings, quoted
 * identifiers, `$$` bodies or comments). Empty statements and comment-only ones are
 * dropped, so an empty file gives []. Text the tokenizer rejects (an unclosed string)
 * stays in the last statement, where analyzing it reports the error.
 */
export function splitStatements(sql: string): Statement[] {
  const tokenized = significantTokens(sql);
  let rest: number | undefined;
  let significant: SignificantTokens;
  if ('error' in tokenized) {
    // The tokenizer reads left to right, so everything before the error tokenizes alone.
    significant = indexSemicolons(tokenize(sql.slice(0, tokenized.error.offset)));
    rest = tokenized.error.offset;
  } else significant = tokenized;
  const { tokens, semicolons } = significant;
  const statements: Statement[] = [];
  let first = 0;
  for (const semicolon of semicolons) {
    if (semicolon > first) statements.push(statement(sql, tokens[first]!, tokens[semicolon - 1]!));
    first = semicolon + 1;
  }
  const start = tokens[first];
  if (rest !== undefined) {
    const at = start ?? locate(sql, rest);
    statements.push({ text: sql.slice(at.start).trimEnd(), line: at.line, col: at.col, offset: at.start });
  } else if (start) statements.push(statement(sql, start, tokens.at(-1)!));
  return statements;
}

/** The statement from token `first` through token `last`. */
function statement(sql: string, first: Token, last: Token): Statement {
  return { text: sql.slice(first.start, last.start + last.text.length), line: first.line, col: first.col, offset: first.start };
}

/** Line and column of an offset, for a statement that starts at the tokenizer error. */
function locate(sql: string, offset: number): Pick<Token, 'start' | 'line' | 'col'> {
  return { start: offset, ...positionAt(sql, offset) };
}
