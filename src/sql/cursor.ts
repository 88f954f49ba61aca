import { keywordClasses } from './keywords.js';
import { problemAt, type SqlProblem } from './problem.js';
import { identifierName, type Token } from './tokenize.js';

/**
 * Significant tokens of one statement with precomputed helpers: keyword classes and
 * bracket partners, so parsing is one pass with constant-time look-ahead.
 */
export class Cursor {
  /** The keyword classes (keywords.ts) of each token, 0 for a token that is no keyword. */
  readonly classes: number[];
  readonly problems: SqlProblem[] = [];
  pos = 0;

  constructor(
    readonly source: string,
    readonly tokens: readonly Token[],
    readonly partner: readonly number[],
  ) {
    this.classes = new Array<number>(tokens.length).fill(0);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.kind === 'word') this.classes[i] = keywordClasses(token);
    }
  }

  /** Upper-case text of the unquoted word at `i`, '' for any other token. */
  word(i: number): string {
    return this.tokens[i]?.upper ?? '';
  }

  /** True when token `i` is a keyword of the given class (a bit from keywords.ts). */
  is(i: number, keywordClass: number): boolean {
    return ((this.classes[i] ?? 0) & keywordClass) !== 0;
  }

  isOp(i: number, text: string): boolean {
    const token = this.tokens[i];
    return token !== undefined && token.kind === 'op' && token.text === text;
  }

  isIdentifier(i: number): boolean {
    const kind = this.tokens[i]?.kind;
    return kind === 'word' || kind === 'quoted';
  }

  name(i: number): string {
    return identifierName(this.tokens[i]!);
  }

  /** Index just past the bracket group opening at `i`. */
  after(i: number): number {
    return this.partner[i]! + 1;
  }

  /** Source text of tokens [from, to). */
  text(from: number, to: number): string {
    const last = this.tokens[to - 1]!;
    return this.source.slice(this.tokens[from]!.start, last.start + last.text.length);
  }

  /** A token to point at: token `i`, or the last one when `i` is past the end. */
  at(i: number): Token {
    return this.tokens[Math.min(i, this.tokens.length - 1)]!;
  }

  report(i: number, code: string, message: string, hint: string): void {
    this.problems.push(problemAt(this.at(i), code, message, hint));
  }

  /** A human description of token `i` for messages. */
  describe(i: number): string {
    const token = this.tokens[i];
    return token ? `'${token.text.length > 30 ? `${token.text.slice(0, 30)}…` : token.text}'` : 'the end of the query';
  }
}
