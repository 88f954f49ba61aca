import { hash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values always serialize equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** canonicalJson of a record without the `omit` keys, sorted straight from the record rather than from a copy without them. */
export function canonicalJsonOmitting(record: object, omit: readonly string[]): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const inner = (record as Record<string, unknown>)[key];
    if (inner !== undefined && !omit.includes(key)) sorted[key] = sortKeys(inner);
  }
  return JSON.stringify(sorted);
}

/** Returns the value itself when it is already canonical, so large manifests allocate little. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let k = 0; k < value.length; k++) {
      const inner = sortKeys(value[k]);
      if (inner !== value[k]) (copy ??= value.slice())[k] = inner;
    }
    return copy ?? value;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const prototype: unknown = Object.getPrototypeOf(record);
    let ordered = prototype === Object.prototype || prototype === null;
    for (let k = 0; k < keys.length && ordered; k++) {
      // An undefined property is fine: JSON.stringify leaves it out, as the sorted copy would.
      ordered = k === 0 || keys[k - 1]! < keys[k]!;
    }
    if (ordered) {
      let copy: Record<string, unknown> | undefined;
      for (const key of keys) {
        const inner = sortKeys(record[key]);
        if (inner !== record[key]) (copy ??= { ...record })[key] = inner;
      }
      return copy ?? value;
    }
    const sorted: Record<string, unknown> = {};
    for (const key of keys.sort()) {
      const inner = record[key];
      if (inner !== undefined) sorted[key] = sortKeys(inner);
    }
    return sorted;
  }
  return value;
}

/** The one-shot hash: for the thousands of small inputs a compile hashes, a third cheaper than a Hash object each. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/** A short hash for fingerprints: 16 hex digits (64 bits) are plenty to tell versions apart. */
export function shortHash(...parts: string[]): string {
  return sha256(parts.join('\u0000')).slice(0, 16);
}

/** Canonical JSON, indented for review in git. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

/** A JSON array of already-rendered items nested `depth` levels deep, laid out as prettyJson lays out arrays. */
export function prettyJsonArray(items: readonly string[], depth: number): string {
  if (items.length === 0) return '[]';
  const inner = '  '.repeat(depth + 1);
  return `[\n${inner}${items.join(`,\n${inner}`)}\n${'  '.repeat(depth)}]`;
}
