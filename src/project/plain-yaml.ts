/**
 * A fast reader for the YAML that project files are written in: block mappings and
 * sequences of `key: value` lines, one-line flow collections (`[a, b]`, `{ k: v }`), one-line
 * plain and quoted scalars, and `#` comments. Anything else (anchors, tags, block or
 * multi-line scalars, escapes, tabs, duplicate keys, YAML's rarer number forms) returns
 * undefined and goes through the `yaml` library, so values and positions are always what
 * that library gives. The library takes ~20 ms for its first document, while its code is
 * cold, and ~1 ms for each later one; this reader reads a 50-line mlc.yml and 20 model files
 * in ~2 ms.
 */

/**
 * A value and where it starts (as the `yaml` library places it): a block mapping at its
 * first key, a block sequence at its first `-`, a flow collection at its bracket, a scalar
 * at its first character (a quoted one at its quote).
 */
export interface PlainNode {
  offset: number;
  value: unknown;
  /** A mapping's values by key, or a sequence's items. */
  children?: Map<string, PlainNode> | PlainNode[];
}

interface Line {
  /** Offset of the line's first character after its indentation. */
  start: number;
  /** Offset of the line's end (its `\n`, or the end of the text). */
  end: number;
  indent: number;
}

const KEY = /[A-Za-z_][A-Za-z0-9_-]*/y;
/** Plain scalars the core schema reads as something other than a string. */
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Integers and decimals whose value Number() gives exactly as the library does. */
const NUMBER = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/;
/** The core schema's number forms (octal, hex, exponents, `+`, leading zeros, .inf, .nan), left to the library. */
const CORE_NUMBERS = [
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** What ends a plain scalar inside a flow collection. */
const FLOW_END = /[,[\]{}]/g;
/** Characters that start something other than a plain scalar. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`']);

export function readPlainYaml(text: string): PlainNode | undefined {
  if (/[\t\r]/.test(text)) return undefined;
  const lines = contentLines(text);
  if (lines === undefined || lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  const reader = new Reader(text, lines);
  const root = reader.mapping(0);
  return root && reader.next === lines.length ? root : undefined;
}

/** The lines that hold more than spaces or a comment; undefined for a document marker or directive. */
function contentLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  for (let from = 0; from < text.length; ) {
    const newline = text.indexOf('\n', from);
    const end = newline < 0 ? text.length : newline;
    let start = from;
    while (start < end && text.charCodeAt(start) === 32) start++;
    if (start < end && text[start] !== '#') {
      if (start === from && (text.startsWith('---', start) || text.startsWith('...', start) || text[start] === '%')) return undefined;
      lines.push({ start, end, indent: start - from });
    }
    from = end + 1;
  }
  return lines;
}

class Reader {
  /** The index of the next line to read. */
  next = 0;

  constructor(
    private readonly text: string,
    private readonly lines: Line[],
  ) {}

  /** The block mapping whose keys start the lines at `indent` from the next line on. */
  mapping(indent: number): PlainNode | undefined {
    const children = new Map<string, PlainNode>();
    const value: Record<string, unknown> = {};
    const offset = this.lines[this.next]!.start;
    while (this.next < this.lines.length && this.lines[this.next]!.indent === indent) {
      const line = this.lines[this.next]!;
      const key = readKey(this.text, line.start, line.end);
      if (key === undefined || children.has(key)) return undefined;
      this.next++;
      const after = skipSpaces(this.text, line.start + key.length + 1, line.end);
      const node = after === line.end || this.text[after] === '#' ? this.nested(indent) : this.inline(after, line.end, indent);
      if (!node) return undefined;
      children.set(key, node);
      value[key] = node.value;
    }
    return this.next < this.lines.length && this.lines[this.next]!.indent > indent ? undefined : { offset, value, children };
  }

  /** The block sequence whose `-` start the lines at `indent` from the next line on. */
  private sequence(indent: number): PlainNode | undefined {
    const children: PlainNode[] = [];
    const offset = this.lines[this.next]!.start;
    while (this.next < this.lines.length && this.lines[this.next]!.indent === indent) {
      const line = this.lines[this.next]!;
      if (!this.text.startsWith('- ', line.start)) return undefined;
      const start = skipSpaces(this.text, line.start + 2, line.end);
      if (start === line.end || this.text[start] === '#' || this.text.startsWith('- ', start)) return undefined;
      let item: PlainNode | undefined;
      if (readKey(this.text, start, line.end) !== undefined) {
        // `- key: value`: a mapping whose keys line up with this first one.
        const column = line.indent + start - line.start;
        this.lines[this.next] = { start, end: line.end, indent: column };
        item = this.mapping(column);
      } else {
        this.next++;
        item = this.inline(start, line.end, indent);
      }
      if (!item) return undefined;
      children.push(item);
    }
    return { offset, value: children.map((c) => c.value), children };
  }

  /** The block collection under a key that has no value on its own line. */
  private nested(indent: number): PlainNode | undefined {
    const line = this.lines[this.next];
    if (!line || line.indent <= indent) return undefined;
    return this.text.startsWith('- ', line.start) ? this.sequence(line.indent) : this.mapping(line.indent);
  }

  /** A value that starts at `start` and ends its line; the line after must not be indented past `indent`. */
  private inline(start: number, end: number, indent: number): PlainNode | undefined {
    const flow = new FlowReader(this.text, end);
    const node = flow.value(start, false);
    if (!node || !endsLine(this.text, flow.at, end)) return undefined;
    const following = this.lines[this.next];
    return following && following.indent > indent ? undefined : node;
  }
}

/** Reads a value inside one line; `at` is where reading stopped. */
class FlowReader {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly end: number,
  ) {}

  value(start: number, inFlow: boolean): PlainNode | undefined {
    const c = this.text[start];
    if (c === '[') return this.collection(start, ']');
    if (c === '{') return this.collection(start, '}');
    if (c === '"' || c === "'") return this.quoted(start, c);
    return this.plain(start, inFlow);
  }

  /** `[a, b]` or `{ k: v, … }`, without a trailing comma. */
  private collection(start: number, close: string): PlainNode | undefined {
    const isMap = close === '}';
    const items: PlainNode[] = [];
    const entries = new Map<string, PlainNode>();
    let at = skipSpaces(this.text, start + 1, this.end);
    while (this.text[at] !== close) {
      if (items.length + entries.size > 0) {
        if (this.text[at] !== ',') return undefined;
        at = skipSpaces(this.text, at + 1, this.end);
      }
      let key: string | undefined;
      if (isMap) {
        key = readKey(this.text, at, this.end);
        if (key === undefined || entries.has(key)) return undefined;
        at = skipSpaces(this.text, at + key.length + 1, this.end);
      }
      const node = this.value(at, true);
      if (!node) return undefined;
      if (key === undefined) items.push(node);
      else entries.set(key, node);
      at = skipSpaces(this.text, this.at, this.end);
    }
    this.at = at + 1;
    if (!isMap) return { offset: start, value: items.map((n) => n.value), children: items };
    const value: Record<string, unknown> = {};
    for (const [key, node] of entries) value[key] = node.value;
    return { offset: start, value, children: entries };
  }

  /** A one-line quoted string: `'…'` with `''` for a quote, or `"…"` without escapes. */
  private quoted(start: number, quote: string): PlainNode | undefined {
    let value = '';
    let from = start + 1;
    for (;;) {
      const close = this.text.indexOf(quote, from);
      if (close < 0 || close >= this.end) return undefined;
      value += this.text.slice(from, close);
      if (quote === "'" && this.text[close + 1] === "'") {
        value += "'";
        from = close + 2;
        continue;
      }
      if (quote === '"' && value.includes('\\')) return undefined;
      this.at = close + 1;
      return { offset: start, value };
    }
  }

  /** A plain scalar up to the line's end or comment, or in a flow collection up to `,` `]` `}`. */
  private plain(start: number, inFlow: boolean): PlainNode | undefined {
    const first = this.text[start];
    if (first === undefined || start >= this.end || (INDICATORS.has(first) && !(first === '-' && /[0-9]/.test(this.text[start + 1] ?? '')))) return undefined;
    const comment = this.text.indexOf(' #', start);
    let stop = comment >= 0 && comment < this.end ? comment : this.end;
    if (inFlow) {
      FLOW_END.lastIndex = start;
      const match = FLOW_END.exec(this.text);
      if (match && match.index < stop) stop = match.index;
    }
    const source = this.text.slice(start, stop).trimEnd();
    // A colon can make the text a key; within a flow collection, `#` a comment.
    if (source.includes(':') || (inFlow && source.includes('#'))) return undefined;
    this.at = start + source.length;
    const value = scalarValue(source);
    return value === undefined ? undefined : { offset: start, value: value.value };
  }
}

/** A plain scalar's value under YAML's core schema; undefined for the forms this reader leaves to the library. */
function scalarValue(source: string): { value: unknown } | undefined {
  // Only these first characters can make a plain scalar anything but a string.
  if (!/^[-+.0-9~nNtTfF]/.test(source)) return { value: source };
  if (NULL.test(source)) return { value: null };
  if (BOOLEAN.test(source)) return { value: source[0] === 't' || source[0] === 'T' };
  if (NUMBER.test(source)) return { value: Number(source) };
  return CORE_NUMBERS.some((form) => form.test(source)) ? undefined : { value: source };
}

function skipSpaces(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && text.charCodeAt(at) === 32) at++;
  return at;
}

/** Whether only spaces or a comment follow `at` on its line. */
function endsLine(text: string, at: number, end: number): boolean {
  const next = skipSpaces(text, at, end);
  return next === end || (next > at && text[next] === '#');
}

/**
 * The key of a `key: value` entry at `start` (its colon followed by a space or the line's
 * end), or undefined for anything else, a key the core schema would read as null or a
 * boolean, and `__proto__`.
 */
function readKey(text: string, start: number, end: number): string | undefined {
  KEY.lastIndex = start;
  if (!KEY.test(text)) return undefined;
  const colon = KEY.lastIndex;
  if (text[colon] !== ':' || (colon + 1 < end && text[colon + 1] !== ' ')) return undefined;
  const key = text.slice(start, colon);
  return NULL.test(key) || BOOLEAN.test(key) || key === '__proto__' ? undefined : key;
}

/** The node at a path, or its deepest existing ancestor, as the `yaml` library's lookup finds it. */
export function plainNodeAt(root: PlainNode, path: readonly (string | number)[]): PlainNode {
  let node = root;
  for (const key of path) {
    const children = node.children;
    const next = children instanceof Map ? children.get(String(key)) : children?.[Number(key)];
    if (!next) return node;
    node = next;
  }
  return node;
}
