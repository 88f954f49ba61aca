/**
 * A fast reader for the common shape of a feature's config block: `key: value` lines
 * whose values are plain words, sentences, small integers or `[a, b]` lists of names.
 * Anything else (quotes, comments, nesting, `:` or `#` in a value, YAML's reserved
 * words) returns undefined and goes through the full YAML parser, so the result is
 * always what `yaml` would give. Parsing thousands of files, the full parser dominated.
 */

const LINE = /^([A-Za-z_][A-Za-z0-9_]*): (.*)$/;
const INTEGER = /^(0|[1-9][0-9]{0,8})$/;
const TEXT = /^[A-Za-z][A-Za-z0-9 _.,;()/!?+=-]*$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Plain scalars the YAML core schema reads as booleans or null. */
const RESERVED = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

export function parsePlainMapping(lines: readonly string[]): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const line of lines) {
    if (line === '') continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (Object.hasOwn(result, key)) return undefined;
    const value = plainValue(match[2]!);
    if (value === undefined) return undefined;
    result[key] = value;
  }
  return result;
}

function plainValue(text: string): unknown {
  if (INTEGER.test(text)) return Number(text);
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1);
    if (inner === '') return [];
    const items = inner.split(', ');
    return items.every((item) => NAME.test(item) && !RESERVED.has(item)) ? items : undefined;
  }
  if (text.endsWith(' ') || !TEXT.test(text) || RESERVED.has(text)) return undefined;
  return text;
}
