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
const OPERATOR_STARTS = new Set(OPERATORS.map((o) => o[0]!));

// Character classes by char code: a regex test per character dominates tokenizing time.
function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 0x80;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWordPartCode(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 36;
}

function isVariablePart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || isDigit(code);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const push = (kind: TokenKind, end: number): void => {
    const text = sql.slice(i, end);
    tokens.push({ kind, text, start: i, line, col: i - lineStart + 1 });
    // Only these kinds can span lines; skipping the scan for the rest halves tokenizing time.
    const multiline = kind === 'space' || kind === 'comment' || kind === 'string' || kind === 'quoted' || kind === 'dollar';
    for (let k = i; multiline && k < end; k++) {
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
    const code = sql.charCodeAt(i);
    const nextCode = sql.charCodeAt(i + 1);
    if (isSpace(code)) {
      let j = i + 1;
      while (j < sql.length && isSpace(sql.charCodeAt(j))) j++;
      push('space', j);
    } else if ((code === 45 && nextCode === 45) || (code === 47 && nextCode === 47)) {
      let j = sql.indexOf('\n', i);
      if (j < 0) j = sql.length;
      push('comment', j);
    } else if (code === 47 && nextCode === 42) {
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
    } else if (code === 39) {
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
    } else if (code === 34) {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) fail('unterminated quoted identifier', 'close the identifier with a double quote');
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      push('quoted', j + 1);
    } else if (code === 36 && nextCode === 36) {
      const j = sql.indexOf('$$', i + 2);
      if (j < 0) fail('unterminated $$ string', 'close the string with $$');
      push('dollar', j + 2);
    } else if (code === 36 && isVariablePart(nextCode)) {
      let j = i + 1;
      while (j < sql.length && isVariablePart(sql.charCodeAt(j))) j++;
      push('variable', j);
    } else if (isDigit(code) || (code === 46 && isDigit(nextCode))) {
      let j = i;
      while (j < sql.length && isDigit(sql.charCodeAt(j))) j++;
      if (sql[j] === '.' && sql[j + 1] !== '.') {
        j++;
        while (j < sql.length && isDigit(sql.charCodeAt(j))) j++;
      }
      if ((sql[j] === 'e' || sql[j] === 'E') && /[0-9+-]/.test(sql[j + 1] ?? '')) {
        j += 2;
        while (j < sql.length && isDigit(sql.charCodeAt(j))) j++;
      }
      push('number', j);
    } else if (isLetter(code)) {
      let j = i + 1;
      while (j < sql.length && isWordPartCode(sql.charCodeAt(j))) j++;
      push('word', j);
    } else if (code === 63) {
      push('variable', i + 1);
    } else {
      const c = sql[i]!;
      const op = OPERATOR_STARTS.has(c) ? OPERATORS.find((o) => sql.startsWith(o, i)) : undefined;
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
  return quotedIdentifierName(token.text.slice(1, -1).replace(/""/g, '"'));
}

/** The canonical name of a quoted identifier given its unquoted content (see identifierName). */
export function quotedIdentifierName(inner: string): string {
  if (/^[A-Z_][A-Z0-9_$]*$/.test(inner)) return inner.toLowerCase();
  return `"${inner.replace(/"/g, '""')}"`;
}
