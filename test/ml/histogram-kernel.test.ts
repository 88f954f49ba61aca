import { describe, expect, it } from 'vitest';
import { compileHistogramKernel } from '../../src/ml/histogram-kernel.js';
import { canonicalJson, createRng, datasetFromRows, trainGradientBoosting } from '../../src/ml/index.js';

/** The histograms by definition: per input, per bin, (weight, count, target) summed in position order. */
function reference(rowBins: Uint8Array, inputs: number, from: number, to: number, ws: Float64Array, rows: Uint32Array | null, start: number, count: number): Float64Array {
  const hist = new Float64Array(inputs * 768);
  for (let j = from; j < to; j++) {
    for (let k = start; k < start + count; k++) {
      const row = rows ? rows[k]! : k;
      const o = j * 768 + rowBins[row * inputs + j]! * 3;
      hist[o] = hist[o]! + ws[2 * row]!;
      hist[o + 1] = hist[o + 1]! + 1;
      hist[o + 2] = hist[o + 2]! + ws[2 * row + 1]!;
    }
  }
  return hist;
}

describe('histogram kernel', () => {
  // 70 inputs: more than one block of generated code (blocks hold at most 32 inputs).
  const inputs = 70;
  const rowCount = 500;
  const rng = createRng(5);
  const rowBins = Uint8Array.from({ length: rowCount * inputs }, () => rng.int(256));
  const ws = Float64Array.from({ length: 2 * rowCount }, () => rng.next() - 0.25);
  const rows = Uint32Array.from({ length: rowCount }, (_, i) => i).filter(() => rng.next() < 0.5);

  it('sums every input of a range, over a node given by positions or row ids, and leaves other inputs alone', () => {
    for (const [from, to] of [[0, inputs], [5, 45], [64, 70]] as const) {
      for (const [order, start, count] of [[null, 0, rowCount], [null, 40, 300], [rows, 10, rows.length - 20]] as const) {
        const hist = new Float64Array(inputs * 768).fill(7);
        compileHistogramKernel(inputs, from, to)(hist, rowBins, ws, order, start, count);
        const expected = reference(rowBins, inputs, from, to, ws, order, start, count);
        expected.fill(7, 0, from * 768);
        expected.fill(7, to * 768);
        expect(hist.findIndex((v, i) => v !== expected[i])).toBe(-1);
      }
    }
  });

  it('trains the same model on one thread as on several when a thread has more inputs than one block', () => {
    const columns = Array.from({ length: 40 }, (_, j) => `x${j}`);
    const data = datasetFromRows(
      Array.from({ length: 42_000 }, () => {
        const row: Record<string, number> = {};
        for (const name of columns) row[name] = rng.next();
        row.y = row.x3! + row.x37! + 0.5 * rng.next() > 1.25 ? 1 : 0;
        return row;
      }),
      { features: columns, target: 'y' },
    );
    const params = { max_iter: 3, max_depth: 3, early_stopping: false };
    const single = trainGradientBoosting(data, params, { threads: 1 });
    expect(single.trees!.some((tree) => tree.feature.includes(37))).toBe(true);
    expect(canonicalJson(trainGradientBoosting(data, params, { threads: 2 }))).toBe(canonicalJson(single));
  });
});
