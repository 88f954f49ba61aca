import { significantTokens } from './significant-tokens.js';
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
  let tokens: readonly Token[];
  let rest: number | undefined;
  if ('error' in tokenized) {
    // The tokenizer reads left to right, so everything before the error tokenizes alone.
    tokens = tokenize(sql.slice(0, tokenized.error.offset), false);
    rest = tokenized.error.offset;
  } else tokens = tokenized.tokens;
  const statements: Statement[] = [];
  let first: Token | undefined;
  let last: Token | undefined;
  const flush = (): void => {
    if (!first || !last) return;
    statements.push({ text: sql.slice(first.start, last.start + last.text.length), line: first.line, col: first.col, offset: first.start });
    first = undefined;
    last = undefined;
  };
  for (const token of tokens) {
    if (token.kind === 'op' && token.text === ';') {
      flush();
      continue;
    }
    first ??= token;
    last = token;
  }
  if (rest !== undefined) {
    const start = first ?? locate(sql, rest);
    statements.push({ text: sql.slice(start.start).trimEnd(), line: start.line, col: start.col, offset: start.start });
  } else flush();
  return statements;
}

/** Line and column of an offset, for a statement that starts at the tokenizer error. */
function locate(sql: string, offset: number): Pick<Token, 'start' | 'line' | 'col'> {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    if (sql.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { start: offset, line, col: offset - lineStart + 1 };
}
