/**
 * The histogram kernel of the tree grower: per input j in [from, to), per bin, the sums
 * (weight, count, target) over the given rows. Self-contained on purpose (no imports,
 * no closures): histogram workers run its source text, so threads and the main thread
 * execute the same code and every input's sums are added in the same row order —
 * models are identical whatever the thread count.
 */
export function accumulateHistograms(
  hist: Float64Array,
  rowBins: Uint8Array,
  inputs: number,
  from: number,
  to: number,
  rows: Uint32Array | null,
  count: number,
  w: Float64Array,
  s: Float64Array,
): void {
  // 256 bins x (weight, count, target) per input.
  const size = 768;
  hist.fill(0, from * size, to * size);
  for (let k = 0; k < count; k++) {
    const at = (rows === null ? k : rows[k]!) * inputs;
    const wk = w[k]!;
    const sk = s[k]!;
    for (let j = from, base = from * size; j < to; j++, base += size) {
      const o = base + rowBins[at + j]! * 3;
      hist[o] = hist[o]! + wk;
      hist[o + 1] = hist[o + 1]! + 1;
      hist[o + 2] = hist[o + 2]! + sk;
    }
  }
}
