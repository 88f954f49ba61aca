/**
 * The histogram kernel of the tree grower: per input j in [from, to), per bin, the sums
 * (weight, count, target) over the rows at positions [start, start + count). Self-contained
 * on purpose (no imports, no closures): histogram workers run its source text, so threads
 * and the main thread execute the same code and every input's sums are added in the same
 * row order — models are identical whatever the thread count.
 */
export function accumulateHistograms(
  hist: Float64Array,
  rowBins: Uint8Array,
  inputs: number,
  from: number,
  to: number,
  /** Row ids by position; null when position k is row k. */
  rows: Uint32Array | null,
  start: number,
  count: number,
  /**
   * (weight, target) of row r at 2r and 2r + 1: indexed by row id, so nodes need no copy
   * of their values, and interleaved, so a row's pair costs one cache miss, not two.
   */
  ws: Float64Array,
): void {
  // 256 bins x (weight, count, target) per input.
  const size = 768;
  hist.fill(0, from * size, to * size);
  const end = start + count;
  // Inputs four at a time: independent bins per iteration keep the adds in flight.
  const unrolledTo = from + ((to - from) & ~3);
  for (let k = start; k < end; k++) {
    const row = rows === null ? k : rows[k]!;
    const at = row * inputs;
    const wk = ws[2 * row]!;
    const sk = ws[2 * row + 1]!;
    let j = from;
    for (; j < unrolledTo; j += 4) {
      const o0 = j * size + rowBins[at + j]! * 3;
      const o1 = (j + 1) * size + rowBins[at + j + 1]! * 3;
      const o2 = (j + 2) * size + rowBins[at + j + 2]! * 3;
      const o3 = (j + 3) * size + rowBins[at + j + 3]! * 3;
      hist[o0] = hist[o0]! + wk;
      hist[o0 + 1] = hist[o0 + 1]! + 1;
      hist[o0 + 2] = hist[o0 + 2]! + sk;
      hist[o1] = hist[o1]! + wk;
      hist[o1 + 1] = hist[o1 + 1]! + 1;
      hist[o1 + 2] = hist[o1 + 2]! + sk;
      hist[o2] = hist[o2]! + wk;
      hist[o2 + 1] = hist[o2 + 1]! + 1;
      hist[o2 + 2] = hist[o2 + 2]! + sk;
      hist[o3] = hist[o3]! + wk;
      hist[o3 + 1] = hist[o3 + 1]! + 1;
      hist[o3 + 2] = hist[o3 + 2]! + sk;
    }
    for (; j < to; j++) {
      const o = j * size + rowBins[at + j]! * 3;
      hist[o] = hist[o]! + wk;
      hist[o + 1] = hist[o + 1]! + 1;
      hist[o + 2] = hist[o + 2]! + sk;
    }
  }
}

/**
 * Stable partition of the rows at positions [from, to) on one input's bins (one column):
 * rows whose bin goesLeft marks move, in order, to the front of the range, the others, in
 * order, to scratch[from...]. Returns how many went left. Self-contained for the same
 * reason as the histogram kernel. No branch on the side: it would be mispredicted for
 * half the rows.
 */
export function partitionRows(rows: Uint32Array, scratch: Uint32Array, bins: Uint8Array, goesLeft: Uint8Array, from: number, to: number): number {
  let l = from;
  let r = from;
  for (let k = from; k < to; k++) {
    const row = rows[k]!;
    const left = goesLeft[bins[row]!]!;
    rows[l] = row;
    scratch[r] = row;
    l += left;
    r += 1 - left;
  }
  return l - from;
}
