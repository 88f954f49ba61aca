import { isWordToken, type Token } from '../tokenize.js';

/** A bracketed run of tokens: `( … )`, `[ … ]` or `{ … }`. */
export interface Group {
  kind: 'group';
  open: Token;
  items: Node[];
  /** Missing when the input ends before the bracket is closed. */
  close: Token | undefined;
}

export type Node = Token | Group;

export function isGroup(node: Node | undefined): node is Group {
  return node !== undefined && node.kind === 'group';
}

export function isToken(node: Node | undefined): node is Token {
  return node !== undefined && node.kind !== 'group';
}

/** The bracket that closes an opening one, or '' for any other text. */
function closerOf(text: string): string {
  return text === '(' ? ')' : text === '[' ? ']' : text === '{' ? '}' : '';
}

/**
 * Nests tokens by brackets in one pass; a stray closer stays a plain token. An indexed loop
 * and no bookkeeping object per group: this runs once per token, mostly in unoptimized code.
 */
export function buildTree(tokens: readonly Token[]): Node[] {
  const root: Node[] = [];
  const open: Group[] = [];
  let current = root;
  let closer = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'op') {
      const text = token.text;
      if (text === closer) {
        open.pop()!.close = token;
        const parent = open[open.length - 1];
        current = parent === undefined ? root : parent.items;
        closer = parent === undefined ? '' : closerOf(parent.open.text);
        continue;
      }
      const closing = closerOf(text);
      if (closing !== '') {
        const group: Group = { kind: 'group', open: token, items: [], close: undefined };
        current.push(group);
        open.push(group);
        current = group.items;
        closer = closing;
        continue;
      }
    }
    current.push(token);
  }
  return root;
}

// No rest parameter: these run for every node of a statement, and a rest array per call was
// most of what translating allocated.
/** True for an unquoted word equal, case-insensitively, to the given upper-case word. */
export function isWord(node: Node | undefined, word: string): boolean {
  return node !== undefined && node.kind !== 'group' && isWordToken(node, word);
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
  // The kind test written out, not isTrivia: this runs several times per node.
  while (i < nodes.length && (nodes[i]!.kind === 'space' || nodes[i]!.kind === 'comment')) i++;
  return i;
}

/** Index of the last non-trivia node before `before`, or -1. */
export function previousSignificant(nodes: readonly Node[], before: number): number {
  let i = before - 1;
  while (i >= 0 && isTrivia(nodes[i])) i--;
  return i;
}

/**
 * Splits a group's items on top-level commas. Each argument is sliced at its final size:
 * an array grown by push starts with room for 17 nodes, most of it unused.
 */
export function splitArgs(items: readonly Node[]): Node[][] {
  const args: Node[][] = [];
  let from = 0;
  for (let i = 0; i < items.length; i++) {
    const node = items[i]!;
    if (node.kind === 'op' && node.text === ',') {
      args.push(items.slice(from, i));
      from = i + 1;
    }
  }
  if (from === 0 && items.every(isTrivia)) return [];
  args.push(items.slice(from));
  return args;
}
