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
  readonly kind: TokenKind;
  readonly text: string;
  /** The text in upper case for an unquoted word, '' for any other token: keyword tests compare it without re-casing. */
  readonly upper: string;
  /**
   * For an unquoted word, the first character code and the length (up to 63) of its upper
   * case, as shapeOf() gives them; 0 for any other token. Keyword tests compare it first, so
   * most words, which are identifiers, never need their upper case made.
   */
  readonly shape: number;
  /** Offset of the first character in the input. */
  readonly start: number;
  /** 1-based line and column of the first character. */
  readonly line: number;
  readonly col: number;
}

/** The shape (see Token) of a word whose upper case starts with char code `first` and is `length` long. */
function wordShape(first: number, length: number): number {
  return first * 64 + Math.min(length, 63);
}

/** The shape (see Token) of an upper-case word. */
export function shapeOf(upper: string): number {
  return wordShape(upper.charCodeAt(0), upper.length);
}

/** The char code of the upper-case first character a shape holds. */
export function shapeFirst(shape: number): number {
  return shape >> 6;
}

/** The length a shape holds (63 for any longer word). */
export function shapeLength(shape: number): number {
  return shape & 63;
}

/** True for an unquoted word equal, case-insensitively, to the given upper-case word. */
export function isWordToken(token: Token, upper: string): boolean {
  return token.kind === 'word' && token.shape === shapeOf(upper) && token.upper === upper;
}

/**
 * A token whose upper case is made when first asked for. Upper-casing every lower-case word
 * as it was read took two fifths of tokenizing, and most words are only ever compared by shape.
 */
class SqlToken implements Token {
  constructor(
    readonly kind: TokenKind,
    readonly text: string,
    private cased: string | undefined,
    readonly shape: number,
    readonly start: number,
    readonly line: number,
    readonly col: number,
  ) {}

  get upper(): string {
    return (this.cased ??= this.text.toUpperCase());
  }
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

/** One-character operators, by char code. */
const SINGLE = new Uint8Array(128);
for (const c of '(),;.=<>+-*/%:[]{}!|&^~@?') SINGLE[c.charCodeAt(0)] = 1;

// Character classes by char code: a table look-up per character, not a chain of range tests
// (most characters are scanned before the JIT has optimized anything).
const LETTER = 1;
const DIGIT = 2;
const DOLLAR = 4;
const CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95) CLASS[code] = LETTER;
  else if (code >= 48 && code <= 57) CLASS[code] = DIGIT;
}
CLASS[36] = DOLLAR;

/** Letters, `_` and any non-ASCII character start a word. */
function isLetter(code: number): boolean {
  return code >= 128 || CLASS[code] === LETTER;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isVariablePart(code: number): boolean {
  return code < 128 && (CLASS[code]! & (LETTER | DIGIT)) !== 0;
}

/**
 * The length of the operator starting with these three char codes, 0 for no operator.
 * Two- and three-character ones: ->> :: => <= >= <> != || -> **.
 */
function operatorLength(code: number, next: number, third: number): number {
  switch (code) {
    case 45: // -
      return next === 62 ? (third === 62 ? 3 : 2) : 1;
    case 58: // :
      return next === 58 ? 2 : 1;
    case 61: // =
      return next === 62 ? 2 : 1;
    case 62: // >
      return next === 61 ? 2 : 1;
    case 60: // <
      return next === 61 || next === 62 ? 2 : 1;
    case 33: // !
      return next === 61 ? 2 : 1;
    case 124: // |
    case 42: // *
      return next === code ? 2 : 1;
    default:
      return code < 128 ? SINGLE[code]! : 0;
  }
}

function syntaxError(message: string, hint: string, offset: number, line: number, lineStart: number): SqlSyntaxError {
  return new SqlSyntaxError(message, offset, line, offset - lineStart + 1, hint);
}

/**
 * The char code at `k`, 0 past the end. Reading past the end gives NaN, but the first such
 * read deoptimizes the compiled tokenizer, which then has to be compiled again.
 */
function codeAt(sql: string, k: number): number {
  return k < sql.length ? sql.charCodeAt(k) : 0;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The end of the (nested) block comment starting at `i`, -1 when it is not closed. */
function blockCommentEnd(sql: string, i: number): number {
  let depth = 0;
  let end = i;
  do {
    if (sql.startsWith('/*', end)) {
      depth++;
      end += 2;
    } else if (sql.startsWith('*/', end)) {
      depth--;
      end += 2;
    } else end++;
  } while (depth > 0 && end < sql.length);
  return depth > 0 ? -1 : end;
}

/** The end of the string literal starting at `i` ('' and backslash escapes inside), -1 when it is not closed. */
function stringEnd(sql: string, i: number): number {
  let j = i + 1;
  for (;;) {
    if (j >= sql.length) return -1;
    const ch = sql.charCodeAt(j);
    if (ch === 92) j += 2;
    else if (ch === 39 && codeAt(sql, j + 1) === 39) j += 2;
    else if (ch === 39) return j + 1;
    else j++;
  }
}

/** The end of the quoted identifier starting at `i` ("" inside), -1 when it is not closed. */
function quotedEnd(sql: string, i: number): number {
  let j = i + 1;
  for (;;) {
    if (j >= sql.length) return -1;
    if (sql.charCodeAt(j) === 34 && codeAt(sql, j + 1) === 34) j += 2;
    else if (sql.charCodeAt(j) === 34) return j + 1;
    else j++;
  }
}

/** The end of the number starting at `i`: digits, a fraction, an exponent. */
function numberEnd(sql: string, i: number): number {
  const length = sql.length;
  let end = i;
  while (end < length && isDigit(sql.charCodeAt(end))) end++;
  if (codeAt(sql, end) === 46 && codeAt(sql, end + 1) !== 46) {
    end++;
    while (end < length && isDigit(sql.charCodeAt(end))) end++;
  }
  const e = codeAt(sql, end);
  const sign = codeAt(sql, end + 1);
  if ((e === 101 || e === 69) && (isDigit(sign) || sign === 43 || sign === 45)) {
    end += 2;
    while (end < length && isDigit(sql.charCodeAt(end))) end++;
  }
  return end;
}

/** The tokens of `sql`, whitespace and comments included. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const length = sql.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // Each branch only finds where its token ends (the rarer kinds in functions of their own, which
  // keeps this loop small to compile); the one push below keeps the token objects of one shape.
  // No closure captures the loop's variables: that would slow every access.
  while (i < length) {
    const code = sql.charCodeAt(i);
    const nextCode = codeAt(sql, i + 1);
    const startLine = line;
    const col = i - lineStart + 1;
    let kind: TokenKind;
    let end: number;
    // Set when a word may hold lower-case letters: an upper-case word is its own upper case.
    let lower = false;
    // Cleared for a word with a non-ASCII character, whose upper case may be longer or start otherwise.
    let ascii = true;
    // Set for the tokens that can hold a line break (whitespace counts its own lines).
    let multiline = false;
    if (isSpace(code)) {
      kind = 'space';
      // Lines are counted during the scan: whitespace is a third of all tokens.
      for (end = i; end < length; end++) {
        const c = sql.charCodeAt(end);
        if (c === 10) {
          line++;
          lineStart = end + 1;
        } else if (c !== 32 && c !== 9 && c !== 13) break;
      }
    } else if (isLetter(code)) {
      kind = 'word';
      lower = code >= 97;
      ascii = code < 128;
      // Letters, digits, `$` and non-ASCII continue a word.
      for (end = i + 1; end < length; end++) {
        const c = sql.charCodeAt(end);
        if (c < 128 && CLASS[c] === 0) break;
        if (c >= 97) {
          lower = true;
          if (c >= 128) ascii = false;
        }
      }
    } else if ((code === 45 && nextCode === 45) || (code === 47 && nextCode === 47)) {
      kind = 'comment';
      end = sql.indexOf('\n', i);
      if (end < 0) end = length;
    } else if (code === 47 && nextCode === 42) {
      kind = 'comment';
      multiline = true;
      end = blockCommentEnd(sql, i);
      if (end < 0) throw syntaxError('unterminated block comment', 'close the comment with */', i, line, lineStart);
    } else if (code === 39) {
      kind = 'string';
      multiline = true;
      end = stringEnd(sql, i);
      if (end < 0) throw syntaxError('unterminated string literal', "close the string with a single quote (write '' for a quote inside it)", i, line, lineStart);
    } else if (code === 34) {
      kind = 'quoted';
      multiline = true;
      end = quotedEnd(sql, i);
      if (end < 0) throw syntaxError('unterminated quoted identifier', 'close the identifier with a double quote', i, line, lineStart);
    } else if (code === 36 && nextCode === 36) {
      kind = 'dollar';
      multiline = true;
      end = sql.indexOf('$$', i + 2);
      if (end < 0) throw syntaxError('unterminated $$ string', 'close the string with $$', i, line, lineStart);
      end += 2;
    } else if (code === 36 && isVariablePart(nextCode)) {
      kind = 'variable';
      end = i + 1;
      while (end < length && isVariablePart(sql.charCodeAt(end))) end++;
    } else if (isDigit(code) || (code === 46 && isDigit(nextCode))) {
      kind = 'number';
      end = numberEnd(sql, i);
    } else if (code === 63) {
      kind = 'variable';
      end = i + 1;
    } else {
      kind = 'op';
      const n = operatorLength(code, nextCode, codeAt(sql, i + 2));
      if (n === 0) throw syntaxError(`unexpected character '${sql[i]}'`, 'remove the character or quote it inside a string', i, line, lineStart);
      end = i + n;
    }
    const text = sql.slice(i, end);
    let cased: string | undefined = '';
    let shape = 0;
    if (kind === 'word') {
      if (ascii) {
        // ASCII upper-casing keeps the length and maps a-z to A-Z.
        cased = lower ? undefined : text;
        shape = wordShape(code >= 97 ? code - 32 : code, end - i);
      } else {
        cased = text.toUpperCase();
        shape = shapeOf(cased);
      }
    }
    tokens.push(new SqlToken(kind, text, cased, shape, i, startLine, col));
    // Skipping the scan for the other tokens (a line comment stops before its line break) halves tokenizing time.
    if (multiline) {
      for (let k = i; k < end; k++) {
        if (sql.charCodeAt(k) === 10) {
          line++;
          lineStart = k + 1;
        }
      }
    }
    i = end;
  }
  return tokens;
}

/** Tokens without whitespace and comments. */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** True for an unquoted word equal (case-insensitively) to one of the given keywords. */
export function isKeyword(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === 'word' && words.includes(token.upper);
}

/**
 * The canonical name of an identifier token, following Snowflake's rules. Unquoted
 * identifiers are case-insensitive and resolve to upper case; we spell them in lower
 * case, which DuckDB also accepts. A quoted identifier that Snowflake would resolve the
 * same way ("CUSTOMER_ID") gets the same spelling; any other quoted identifier keeps its
 * quotes ("Customer Id"), so two different identifiers never share a name.
 */
export function identifierName(token: Pick<Token, 'kind' | 'text'>): string {
  if (token.kind !== 'quoted') return token.text.toLowerCase();
  return quotedIdentifierName(token.text.slice(1, -1).replace(/""/g, '"'));
}

/** The canonical name of a quoted identifier given its unquoted content (see identifierName). */
export function quotedIdentifierName(inner: string): string {
  if (/^[A-Z_][A-Z0-9_$]*$/.test(inner)) return inner.toLowerCase();
  return `"${inner.replace(/"/g, '""')}"`;
}
