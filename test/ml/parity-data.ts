/** Synthetic rows for the parity tests: NULL numerics, NULL and unseen categories. */

import { createRng } from '../../src/ml/index.js';

export type Row = Record<string, number | string | null>;

/** Numbers are rounded to 6 decimals so DuckDB's CSV reader and JS parse the same doubles. */
export function parityRows(count: number, seed: number, unseen: boolean): Row[] {
  const rng = createRng(seed);
  const colors = unseen ? ['red', 'green', 'blue', 'purple'] : ['red', 'green', 'blue'];
  const round = (x: number): number => Number(x.toFixed(6));
  return Array.from({ length: count }, (_, i) => {
    const a = round(rng.next() * 4 - 2);
    const b = round(rng.next() * 10);
    const color = colors[rng.int(colors.length)]!;
    const d = rng.int(5);
    const signal = 1.3 * a - 0.2 * b + (color === 'red' ? 1 : color === 'blue' ? -0.5 : 0) + 0.3 * d;
    const noisy = signal + (rng.next() - 0.5) * 2;
    return {
      id: i,
      a: rng.next() < 0.1 ? null : a,
      b,
      color: rng.next() < 0.05 ? null : color,
      d,
      binary_target: noisy > 0 ? 'yes' : 'no',
      class_target: noisy > 1 ? 'high' : noisy > -1 ? 'mid' : 'low',
      value_target: round(signal * 3 + rng.next()),
    };
  });
}

export function toCsv(rows: readonly Row[], columns: readonly string[]): string {
  const lines = rows.map((row) => columns.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c]))).join(','));
  return `${columns.join(',')}\n${lines.join('\n')}\n`;
}
