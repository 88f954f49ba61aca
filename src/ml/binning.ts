/**
 * Feature binning for the tree learners, as sklearn's HistGradientBoosting does it:
 * up to max_bins bins from quantiles (midpoints between distinct values when there are
 * few), bin b holding thresholds[b-1] < x <= thresholds[b], and bin 255 for missing.
 * Because a split "bin <= b" is exactly "x <= thresholds[b]" on the raw value, the
 * scorers reproduce training-time predictions bit for bit.
 */

import type { Rng } from './random.js';
import { sortFloats } from './sort-floats.js';

export const MISSING_BIN = 255;
/** sklearn fits bin edges on at most this many values. */
const SUBSAMPLE = 200_000;

export interface BinnedInputs {
  rows: number;
  /** Column-major bin codes, one array per input column. */
  bins: Uint8Array[];
  thresholds: Float64Array[];
  /** Non-missing bins per input column (thresholds.length + 1). */
  nBins: Int32Array;
}

export function fitThresholds(column: Float64Array, maxBins: number, rng: Rng): Float64Array {
  const present = new Float64Array(column.length);
  let size = 0;
  for (let i = 0; i < column.length; i++) if (column[i] === column[i]) present[size++] = column[i]!;
  if (size > SUBSAMPLE) {
    for (let i = 0; i < SUBSAMPLE; i++) {
      const j = i + rng.int(size - i);
      const t = present[i]!;
      present[i] = present[j]!;
      present[j] = t;
    }
    size = SUBSAMPLE;
  }
  const sorted = sortFloats(present.subarray(0, size));
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) edges.push(midpoint(distinct[i - 1]!, distinct[i]!));
  } else {
    const last = sorted.length - 1;
    for (let q = 1; q < maxBins; q++) {
      const position = (q / maxBins) * last;
      const edge = midpoint(sorted[Math.floor(position)]!, sorted[Math.ceil(position)]!);
      if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
    }
  }
  return Float64Array.from(edges.filter((e) => Number.isFinite(e)));
}

export function binColumn(column: Float64Array, thresholds: Float64Array): Uint8Array {
  const out = new Uint8Array(column.length);
  // At most 254 thresholds (max_bins <= 255), padded to 256 so the search below always
  // takes 8 fixed steps: the bin is the number of thresholds below v, found without
  // branches, which mispredict on every other step of an ordinary binary search.
  const padded = new Float64Array(256).fill(Infinity);
  padded.set(thresholds);
  for (let i = 0; i < column.length; i++) {
    const v = column[i]!;
    if (v !== v) {
      out[i] = MISSING_BIN;
      continue;
    }
    let lo = 0;
    lo += +(padded[lo + 127]! < v) << 7;
    lo += +(padded[lo + 63]! < v) << 6;
    lo += +(padded[lo + 31]! < v) << 5;
    lo += +(padded[lo + 15]! < v) << 4;
    lo += +(padded[lo + 7]! < v) << 3;
    lo += +(padded[lo + 3]! < v) << 2;
    lo += +(padded[lo + 1]! < v) << 1;
    lo += +(padded[lo]! < v);
    out[i] = lo;
  }
  return out;
}

export function fitBinnedInputs(columns: readonly Float64Array[], maxBins: number, rng: Rng): BinnedInputs {
  const thresholds = columns.map((c) => fitThresholds(c, maxBins, rng));
  return binWith(columns, thresholds);
}

/** Bins other rows (validation data) with thresholds fitted on the training rows. */
export function binWith(columns: readonly Float64Array[], thresholds: Float64Array[]): BinnedInputs {
  return {
    rows: columns[0]?.length ?? 0,
    bins: columns.map((c, j) => binColumn(c, thresholds[j]!)),
    thresholds,
    nBins: Int32Array.from(thresholds, (t) => t.length + 1),
  };
}

function midpoint(a: number, b: number): number {
  return a + (b - a) / 2;
}
