/**
 * A Snowflake-SQL tokenizer. It keeps every character: concatenating the `text` of all
 * tokens gives back the input, so rewrites can preserve the author's layout.
 */

export type TokenKind =
  | 'word' // unquoted identifier or keyword
  | 'quoted' // "double-quoted identifier"
  | 'string' // 'single-quoted' string literal
  | 'dollar' // $$ dollar-quoted $$ string
  | 'number'
  | 'variable' // $1, $name, :name bind, ? placeholder
  | 'op' // punctuation and operators
  | 'space'
  | 'comment';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the first character in the input. */
  start: number;
  /** 1-based line and column of the first character. */
  line: number;
  col: number;
}

export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly col: number,
    readonly hint: string,
  ) {
    super(message);
  }
}

const OPERATORS = ['->>', '::', '=>', '<=', '>=', '<>', '!=', '||', '->', '**'];
const SINGLE = new Set('(),;.=<>+-*/%:[]{}!|&^~@?'.split(''));

function isWordStart(c: string): boolean {
  return /[A-Za-z_\u0080-\uffff]/.test(c);
}

function isWordPart(c: string): boolean {
  return /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const push = (kind: TokenKind, end: number): void => {
    const text = sql.slice(i, end);
    tokens.push({ kind, text, start: i, line, col: i - lineStart + 1 });
    for (let k = i; k < end; k++) {
      if (sql.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    i = end;
  };
  const fail = (message: string, hint: string): never => {
    throw new SqlSyntaxError(message, i, line, i - lineStart + 1, hint);
  };

  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      let j = i + 1;
      while (j < sql.length && /[ \t\r\n]/.test(sql[j]!)) j++;
      push('space', j);
    } else if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      let j = sql.indexOf('\n', i);
      if (j < 0) j = sql.length;
      push('comment', j);
    } else if (c === '/' && next === '*') {
      let depth = 0;
      let j = i;
      do {
        if (sql.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (sql.startsWith('*/', j)) {
          depth--;
          j += 2;
        } else j++;
      } while (depth > 0 && j < sql.length);
      if (depth > 0) fail('unterminated block comment', 'close the comment with */');
      push('comment', j);
    } else if (c === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) fail('unterminated string literal', "close the string with a single quote (write '' for a quote inside it)");
        const ch = sql[j]!;
        if (ch === '\\') j += 2;
        else if (ch === "'" && sql[j + 1] === "'") j += 2;
        else if (ch === "'") break;
        else j++;
      }
      push('string', j + 1);
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) fail('unterminated quoted identifier', 'close the identifier with a double quote');
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      push('quoted', j + 1);
    } else if (c === '$' && next === '$') {
      const j = sql.indexOf('$$', i + 2);
      if (j < 0) fail('unterminated $$ string', 'close the string with $$');
      push('dollar', j + 2);
    } else if (c === '$' && /[A-Za-z0-9_]/.test(next)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j]!)) j++;
      push('variable', j);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next))) {
      let j = i;
      while (j < sql.length && /[0-9]/.test(sql[j]!)) j++;
      if (sql[j] === '.' && sql[j + 1] !== '.') {
        j++;
        while (j < sql.length && /[0-9]/.test(sql[j]!)) j++;
      }
      if ((sql[j] === 'e' || sql[j] === 'E') && /[0-9+-]/.test(sql[j + 1] ?? '')) {
        j += 2;
        while (j < sql.length && /[0-9]/.test(sql[j]!)) j++;
      }
      push('number', j);
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < sql.length && isWordPart(sql[j]!)) j++;
      push('word', j);
    } else if (c === '?') {
      push('variable', i + 1);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      if (op) push('op', i + op.length);
      else if (SINGLE.has(c)) push('op', i + 1);
      else fail(`unexpected character '${c}'`, 'remove the character or quote it inside a string');
    }
  }
  return tokens;
}

/** Tokens without whitespace and comments. */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** True for an unquoted word equal (case-insensitively) to one of the given keywords. */
export function isKeyword(token: Token | undefined, ...words: string[]): boolean {
  if (!token || token.kind !== 'word') return false;
  const upper = token.text.toUpperCase();
  return words.includes(upper);
}

/**
 * The canonical name of an identifier token, following Snowflake's rules. Unquoted
 * identifiers are case-insensitive and resolve to upper case; we spell them in lower
 * case, which DuckDB also accepts. A quoted identifier that Snowflake would resolve the
 * same way ("CUSTOMER_ID") gets the same spelling; any other quoted identifier keeps its
 * quotes ("Customer Id"), so two different identifiers never share a name.
 */
export function identifierName(token: Token): string {
  if (token.kind !== 'quoted') return token.text.toLowerCase();
  const inner = token.text.slice(1, -1).replace(/""/g, '"');
  if (/^[A-Z_][A-Z0-9_$]*$/.test(inner)) return inner.toLowerCase();
  return `"${inner.replace(/"/g, '""')}"`;
}
