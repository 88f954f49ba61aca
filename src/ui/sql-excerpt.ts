/**
 * A few numbered lines of the failing SQL around the error, with a caret under the
 * column when it is known. `line` and `col` count from 1 within `sql`.
 */

import type { FailureDetail } from '../run/events.js';

const CONTEXT_LINES = 2;

export function sqlExcerpt(error: Pick<FailureDetail, 'sql' | 'line' | 'col'>, context = CONTEXT_LINES): string[] {
  if (!error.sql?.trim()) return [];
  // One column per tab keeps the caret under the right character.
  const lines = error.sql.replace(/\s+$/, '').replaceAll('\t', ' ').split(/\r?\n/);
  const target = error.line !== undefined && error.line >= 1 && error.line <= lines.length ? error.line : undefined;
  const first = target === undefined ? 1 : Math.max(1, target - context);
  const last = target === undefined ? Math.min(lines.length, 2 * context + 1) : Math.min(lines.length, target + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === target ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === target && error.col !== undefined && error.col >= 1) {
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(error.col - 1)}^`);
    }
  }
  if (target === undefined && last < lines.length) out.push(`  ${' '.repeat(width)} | …`);
  return out;
}
