/**
 * The losses of gradient boosting: squared error, binary log-loss and multiclass softmax.
 * Each gives the base score, the per-row gradients a tree is fitted to, and adds a grown
 * tree's leaf values to the raw scores.
 */

import type { Dataset } from './dataset.js';

export interface Loss {
  outputs: number;
  link: 'logit' | 'softmax' | 'identity';
  baseScore(y: Float64Array, w: Float64Array | null): number[];
  /** Fills S = -gradient and W = hessian for output k. */
  gradients(raw: Float64Array, y: Float64Array, w: Float64Array | null, k: number, s: Float64Array, h: Float64Array): void;
  /** Adds to output k of each row i the value of its leaf, values[leafOf[i]]. */
  addTree(raw: Float64Array, k: number, leafOf: Uint32Array, values: readonly number[]): void;
  value(raw: Float64Array, y: Float64Array, w: Float64Array | null): number;
}

/** A fresh loss for one training run (the binary loss keeps per-row state). */
export function lossOf(data: Dataset): Loss {
  if (data.task === 'regression') return squaredError;
  if (data.task === 'binary') return binaryLogLoss();
  return softmaxLoss(data.classes!.length);
}

/** In row order: walking leaf by leaf would touch one row per cache line. */
function addTree(raw: Float64Array, outputs: number, k: number, leafOf: Uint32Array, values: readonly number[]): void {
  for (let i = 0; i < leafOf.length; i++) {
    const at = i * outputs + k;
    raw[at] = raw[at]! + values[leafOf[i]!]!;
  }
}

const squaredError: Loss = {
  outputs: 1,
  link: 'identity',
  baseScore: (y, w) => [meanOf(y.length, w, (i) => y[i]!)],
  gradients(raw, y, w, _k, s, h) {
    for (let i = 0; i < y.length; i++) {
      const wi = w ? w[i]! : 1;
      s[i] = wi * (y[i]! - raw[i]!);
      h[i] = wi;
    }
  },
  addTree: (raw, k, leafOf, values) => addTree(raw, 1, k, leafOf, values),
  value: (raw, y, w) => meanOf(y.length, w, (i) => 0.5 * (y[i]! - raw[i]!) ** 2),
};

/**
 * The probabilities need exp(-raw) per row: it is kept per row and multiplied by exp(-v)
 * as a leaf adds v, so a tree costs one exp per leaf instead of one per row (the exp was
 * most of the gradient pass).
 */
function binaryLogLoss(): Loss {
  let expNeg: Float64Array | null = null;
  return {
    outputs: 1,
    link: 'logit',
    baseScore(y, w) {
      const p = Math.min(Math.max(meanOf(y.length, w, (i) => y[i]!), 1e-15), 1 - 1e-15);
      return [Math.log(p / (1 - p))];
    },
    gradients(raw, y, w, _k, s, h) {
      expNeg ??= raw.map((z) => Math.exp(-z));
      for (let i = 0; i < y.length; i++) {
        const p = 1 / (1 + expNeg[i]!);
        const wi = w ? w[i]! : 1;
        s[i] = wi * (y[i]! - p);
        h[i] = wi * p * (1 - p);
      }
    },
    addTree(raw, k, leafOf, values) {
      if (!expNeg) return addTree(raw, 1, k, leafOf, values);
      const exps = expNeg;
      const factors = values.map((v) => Math.exp(-v));
      for (let i = 0; i < leafOf.length; i++) {
        const leaf = leafOf[i]!;
        const z = raw[i]! + values[leaf]!;
        raw[i] = z;
        const e = exps[i]! * factors[leaf]!;
        // Past |raw| ~ 709 the product overflows or vanishes; there exp(-raw) is taken afresh.
        exps[i] = e > 0 && e < Infinity ? e : Math.exp(-z);
      }
    },
    value: (raw, y, w) =>
      meanOf(y.length, w, (i) => {
        const z = raw[i]!;
        const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        return softplus - y[i]! * z;
      }),
  };
}

function softmaxLoss(k: number): Loss {
  return {
    outputs: k,
    link: 'softmax',
    baseScore: (y, w) => Array.from({ length: k }, (_, c) => Math.log(Math.max(meanOf(y.length, w, (i) => (y[i] === c ? 1 : 0)), 1e-15))),
    gradients(raw, y, w, c, s, h) {
      for (let i = 0; i < y.length; i++) {
        const base = i * k;
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, raw[base + j]!);
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(raw[base + j]! - max);
        const p = Math.exp(raw[base + c]! - max) / sum;
        const wi = w ? w[i]! : 1;
        s[i] = wi * ((y[i] === c ? 1 : 0) - p);
        h[i] = wi * p * (1 - p);
      }
    },
    addTree: (raw, c, leafOf, values) => addTree(raw, k, c, leafOf, values),
    value: (raw, y, w) =>
      meanOf(y.length, w, (i) => {
        const base = i * k;
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, raw[base + j]!);
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(raw[base + j]! - max);
        return max + Math.log(sum) - raw[base + y[i]!]!;
      }),
  };
}

/** The mean of term(i) over n rows, weighted by w when given. */
function meanOf(n: number, w: Float64Array | null, term: (i: number) => number): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    sum += wi * term(i);
    total += wi;
  }
  return total > 0 ? sum / total : 0;
}
