/**
 * YAML parsing with locations: syntax errors and schema violations become diagnostics
 * that point at the offending key or value.
 */

import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import type { z } from 'zod';
import { closest, positionAt, type Diagnostic } from './diagnostic.js';
import { plainNodeAt, readPlainYaml } from './plain-yaml.js';

/**
 * The `yaml` library, loaded synchronously through require on the first file plain-yaml.ts
 * leaves to it: most projects have none, and loading it took ~10 ms of every command.
 */
let library: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  return (library ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}

/** Maps a position in the YAML text to a position in the file it came from. */
export type PositionMap = (line: number, col: number) => { line: number; col: number };

const identity: PositionMap = (line, col) => ({ line, col });

export interface Parsed<T> {
  value?: T;
  diagnostics: Diagnostic[];
  /** The position of the value at a path (or of its nearest existing ancestor). */
  locate: (path: (string | number)[]) => { line: number; col: number };
}

export function parseYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
  map: PositionMap = identity,
): Parsed<z.infer<S>> {
  const plain = readPlainYaml(text);
  if (plain) {
    const result = schema.safeParse(plain.value);
    // A problem is reported from the library's parse, which knows where every key is.
    if (result.success) {
      const locate = (path: (string | number)[]): { line: number; col: number } => {
        const pos = positionAt(text, plainNodeAt(plain, path).offset);
        return map(pos.line, pos.col);
      };
      return { value: result.data, diagnostics: [], locate };
    }
  }
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; col: number } => {
    const pos = lineCounter.linePos(offset);
    return map(pos.line, pos.col);
  };
  const locate = (path: (string | number)[]): { line: number; col: number } => at(lookup(doc.contents, path).node?.range?.[0] ?? 0);
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    diagnostics.push({
      file,
      ...at(errorOffset(text, error.code, error.message, error.pos[0])),
      severity: 'error',
      code: 'yaml-syntax',
      message: `YAML syntax error: ${lowerFirst(message)}`,
      hint: error.code === 'DUPLICATE_KEY' ? 'remove or rename one of the two keys' : 'check indentation, colons and quoting on this line',
    });
  }
  if (diagnostics.length > 0) return { diagnostics, locate };

  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return { value: result.data, diagnostics, locate };
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    diagnostics.push(describeIssue(issue, path, schema, file, doc.contents, at));
  }
  return { diagnostics, locate };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  path: (string | number)[],
  schema: z.ZodType,
  file: string,
  root: unknown,
  at: (offset: number) => { line: number; col: number },
): Diagnostic {
  const where = path.length > 0 ? `'${path.join('.')}'` : 'the file';
  const found = lookup(root, path);
  const base = { file, ...at(found.node?.range?.[0] ?? 0), severity: 'error' as const };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const keyNode = keyNodeAt(found.node, key);
      const candidates = Object.keys(shapeAt(schema, path) ?? {});
      const suggestion = closest(key, candidates);
      return {
        ...base,
        ...(keyNode?.range ? at(keyNode.range[0]) : {}),
        code: 'unknown-key',
        message: `unknown key '${key}'${path.length > 0 ? ` in ${where}` : ''}`,
        hint: suggestion ? `did you mean '${suggestion}'?` : `allowed keys: ${candidates.join(', ')}`,
      };
    }
    case 'invalid_value': {
      const got = found.exact && yaml().isScalar(found.node) ? found.node.value : undefined;
      const options = issue.values.map(String);
      const suggestion = typeof got === 'string' ? closest(got, options) : undefined;
      return {
        ...base,
        code: 'invalid-value',
        message: `${where} must be one of ${options.join(', ')}${got === undefined ? '' : `, got '${String(got)}'`}`,
        hint: suggestion ? `did you mean '${suggestion}'?` : `use one of: ${options.join(', ')}`,
      };
    }
    case 'invalid_type': {
      if (!found.exact) {
        return { ...base, code: 'missing-key', message: `missing required key ${where}`, hint: `add '${String(path.at(-1))}:' here` };
      }
      return {
        ...base,
        code: 'wrong-type',
        message: `${where} must be ${article(issue.expected)}, got ${describe(found.node)}`,
        hint: `change the value of ${where} to ${article(issue.expected)}`,
      };
    }
    default:
      return { ...base, code: 'invalid', message: `${where} ${lowerFirst(issue.message)}`, hint: `fix the value of ${where}` };
  }
}

/**
 * Where an error is best shown. The parser reports an unclosed quote or flow collection
 * where it gave up (often the end of the file); the author needs the place it opens.
 */
function errorOffset(text: string, code: string, message: string, offset: number): number {
  if (code === 'MISSING_CHAR' && /quote/.test(message)) {
    const quote = message.includes("'") ? "'" : '"';
    return openingQuote(text, quote, offset) ?? offset;
  }
  if (code === 'BAD_INDENT' && /^Flow (map|sequence)/.test(message)) {
    return openingBracket(text, message.startsWith('Flow map') ? '{' : '[', offset) ?? offset;
  }
  return offset;
}

function openingQuote(text: string, quote: string, before: number): number | undefined {
  for (let k = Math.min(before, text.length) - 1; k >= 0; k--) {
    if (text[k] !== quote) continue;
    // A doubled '' inside a single-quoted string and an escaped \" are not the opening.
    if (quote === "'" && text[k - 1] === "'") k--;
    else if (quote === '"' && text[k - 1] === '\\') continue;
    else return k;
  }
  return undefined;
}

function openingBracket(text: string, open: string, before: number): number | undefined {
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  for (let k = Math.min(before, text.length) - 1; k >= 0; k--) {
    if (text[k] === close) depth++;
    else if (text[k] === open && depth-- === 0) return k;
  }
  return undefined;
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping (key: value)';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(node: Node | undefined): string {
  const { isMap, isScalar, isSeq } = yaml();
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  const value = isScalar(node) ? node.value : undefined;
  if (value === null || value === undefined) return 'nothing';
  return `${typeof value} '${String(value)}'`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The YAML node at a path; when the path does not exist, its deepest existing ancestor. */
function lookup(root: unknown, path: (string | number)[]): { node: Node | undefined; exact: boolean } {
  const { isMap, isScalar, isSeq } = yaml();
  let node = root as Node | undefined;
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key))?.value;
    else if (isSeq(node)) next = node.items[Number(key)];
    if (!next) return { node, exact: false };
    node = next as Node;
  }
  return { node, exact: true };
}

function keyNodeAt(parent: Node | undefined, key: string): Node | undefined {
  const { isMap, isPair, isScalar } = yaml();
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return pair?.key as Node | undefined;
}

/** The object shape of the schema at a path, unwrapping defaults, optionals and records. */
function shapeAt(schema: z.ZodType, path: (string | number)[]): Record<string, unknown> | undefined {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let inner = s as { _zod?: { def: Record<string, unknown> } };
    for (;;) {
      const def = inner?._zod?.def;
      if (!def) return inner;
      if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') {
        inner = def.innerType as typeof inner;
      } else if (def.type === 'pipe') inner = def.in as typeof inner;
      else return inner;
    }
  };
  for (const key of path) {
    const def = (unwrap(current) as { _zod?: { def: Record<string, unknown> } })._zod?.def;
    if (!def) return undefined;
    if (def.type === 'object') current = (def.shape as Record<string, unknown>)[String(key)];
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'union') {
      current = (def.options as unknown[]).find((o) => (unwrap(o) as { _zod?: { def: { type: string } } })._zod?.def.type === 'object');
    } else return undefined;
  }
  const def = (unwrap(current) as { _zod?: { def: Record<string, unknown> } })._zod?.def;
  if (def?.type === 'union') {
    const obj = (def.options as unknown[]).map(unwrap).find((o) => (o as { _zod?: { def: { type: string } } })._zod?.def.type === 'object');
    return (obj as { _zod: { def: { shape: Record<string, unknown> } } } | undefined)?._zod.def.shape;
  }
  return def?.type === 'object' ? (def.shape as Record<string, unknown>) : undefined;
}
