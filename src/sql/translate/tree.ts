import type { Token } from '../tokenize.js';

/** A bracketed run of tokens: `( … )`, `[ … ]` or `{ … }`. */
export interface Group {
  kind: 'group';
  open: Token;
  items: Node[];
  /** Missing when the input ends before the bracket is closed. */
  close: Token | undefined;
}

export type Node = Token | Group;

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function isGroup(node: Node | undefined): node is Group {
  return node !== undefined && node.kind === 'group';
}

export function isToken(node: Node | undefined): node is Token {
  return node !== undefined && node.kind !== 'group';
}

/** Nests tokens by brackets in one pass; a stray closer stays a plain token. */
export function buildTree(tokens: readonly Token[]): Node[] {
  const root: Node[] = [];
  const stack: { group: Group; closer: string }[] = [];
  let current = root;
  for (const token of tokens) {
    if (token.kind === 'op' && CLOSERS[token.text] !== undefined) {
      const group: Group = { kind: 'group', open: token, items: [], close: undefined };
      current.push(group);
      stack.push({ group, closer: CLOSERS[token.text]! });
      current = group.items;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top && token.kind === 'op' && token.text === top.closer) {
      top.group.close = token;
      stack.pop();
      current = stack[stack.length - 1]?.group.items ?? root;
      continue;
    }
    current.push(token);
  }
  return root;
}

// No rest parameter: these run for every node of a statement, and a rest array per call was
// most of what translating allocated.
/** True for an unquoted word equal, case-insensitively, to the given upper-case word. */
export function isWord(node: Node | undefined, word: string): boolean {
  return node !== undefined && node.kind === 'word' && node.upper === word;
}

/** True for an unquoted word equal, case-insensitively, to one of the given upper-case words. */
export function isWordIn(node: Node | undefined, words: ReadonlySet<string>): boolean {
  return node !== undefined && node.kind === 'word' && words.has(node.upper);
}

/** True for whitespace and comments. */
export function isTrivia(node: Node | undefined): boolean {
  return node !== undefined && (node.kind === 'space' || node.kind === 'comment');
}

/** Index of the first non-trivia node at or after `from`, or `nodes.length`. */
export function nextSignificant(nodes: readonly Node[], from: number): number {
  let i = from;
  while (i < nodes.length && isTrivia(nodes[i])) i++;
  return i;
}

/** Index of the last non-trivia node before `before`, or -1. */
export function previousSignificant(nodes: readonly Node[], before: number): number {
  let i = before - 1;
  while (i >= 0 && isTrivia(nodes[i])) i--;
  return i;
}

/** Splits a group's items on top-level commas. */
export function splitArgs(items: readonly Node[]): Node[][] {
  const args: Node[][] = [[]];
  for (const node of items) {
    if (isToken(node) && node.kind === 'op' && node.text === ',') args.push([]);
    else args[args.length - 1]!.push(node);
  }
  return args.length === 1 && args[0]!.every(isTrivia) ? [] : args;
}
