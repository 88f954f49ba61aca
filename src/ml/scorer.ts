/**
 * The JS scorer for the real-time endpoint: the artifact flattened into typed arrays, one
 * loop over trees (or coefficients) per row, no allocation besides the result.
 */

import type { Artifact } from './artifact.js';
import type { Dataset, Label } from './dataset.js';
import { createRowEncoder, encodeInputs, featureSpecs } from './encoding.js';
import { applyLink } from './link-scores.js';
import { sigmoid, softmaxInto } from './link.js';

export interface Score {
  /** Binary: P(positive class). Multiclass: the predicted class's probability. Regression: the value. */
  score: number;
  /** The predicted class; null for regression. */
  label: Label | null;
  /** Multiclass only: one probability per class, in `classes` order. */
  probabilities?: number[];
}

export type Scorer = (row: Record<string, unknown>) => Score;

export function compileScorer(artifact: Artifact): Scorer {
  const encode = createRowEncoder(artifact.features);
  const model = compileRaw(artifact);
  const k = artifact.outputs;
  const raw = model.raw;
  const probabilities = new Float64Array(k);
  const classes = artifact.classes;
  const threshold = artifact.threshold ?? 0.5;
  return (row) => {
    encode(row, model.x);
    model.run();
    if (artifact.task === 'regression') return { score: raw[0]!, label: null };
    if (artifact.task === 'binary') {
      const p = artifact.link === 'logit' ? sigmoid(raw[0]!) : raw[0]!;
      return { score: p, label: classes![p >= threshold ? 1 : 0]! };
    }
    if (artifact.link === 'softmax') softmaxInto(raw, 0, k, probabilities, 0);
    else probabilities.set(raw);
    // Argmax on raw outputs, first maximum wins: the SQL label expression does the same.
    let best = 0;
    for (let j = 1; j < k; j++) if (raw[j]! > raw[best]!) best = j;
    return { score: probabilities[best]!, label: classes![best]!, probabilities: Array.from(probabilities) };
  };
}

/**
 * Scores a dataset built with `like` the training data: rows x outputs, row-major
 * (binary P(positive), multiclass probabilities, regression values).
 */
export function scoreDataset(artifact: Artifact, data: Dataset): Float64Array {
  const expected = JSON.stringify(artifact.features);
  if (JSON.stringify(featureSpecs(data)) !== expected) {
    throw new Error('the dataset\'s features or categories differ from the model\'s; build it with `like` the training data');
  }
  const columns = encodeInputs(data);
  const model = compileRaw(artifact);
  const k = artifact.outputs;
  const raw = new Float64Array(data.rows * k);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < columns.length; j++) model.x[j] = columns[j]![i]!;
    model.run();
    raw.set(model.raw, i * k);
  }
  return applyLink(raw, k, artifact.link);
}

interface RawModel {
  /** The encoded input row, written by the caller. */
  x: Float64Array;
  /** The raw outputs after run(). */
  raw: Float64Array;
  run(): void;
}

function compileRaw(artifact: Artifact): RawModel {
  const x = new Float64Array(artifact.inputs.length);
  const raw = new Float64Array(artifact.outputs);
  const accumulate = artifact.kind === 'linear' ? linearAccumulator(artifact, x, raw) : treeAccumulator(artifact, x, raw);
  const base = Float64Array.from(artifact.baseScore);
  return {
    x,
    raw,
    run: () => {
      raw.set(base);
      accumulate();
    },
  };
}

function linearAccumulator(artifact: Artifact, x: Float64Array, raw: Float64Array): () => void {
  const p = artifact.preprocessing!;
  const impute = Float64Array.from(p.impute);
  const mean = Float64Array.from(p.mean);
  const scale = Float64Array.from(p.scale);
  const rows = artifact.linear!.coefficients.map((r) => Float64Array.from(r));
  const width = x.length;
  return () => {
    for (let k = 0; k < rows.length; k++) {
      const w = rows[k]!;
      let z = raw[k]!;
      for (let j = 0; j < width; j++) {
        const v = x[j]!;
        z += w[j]! * (((v === v ? v : impute[j]!) - mean[j]!) / scale[j]!);
      }
      raw[k] = z;
    }
  };
}

function treeAccumulator(artifact: Artifact, x: Float64Array, raw: Float64Array): () => void {
  const trees = artifact.trees!;
  const total = trees.reduce((sum, t) => sum + t.feature.length, 0);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const missingLeft = new Uint8Array(total);
  const value = new Float64Array(total);
  const roots = new Int32Array(trees.length);
  const outputs = new Int32Array(trees.length);
  let offset = 0;
  trees.forEach((tree, t) => {
    roots[t] = offset;
    outputs[t] = tree.output;
    for (let i = 0; i < tree.feature.length; i++) {
      feature[offset + i] = tree.feature[i]!;
      threshold[offset + i] = tree.threshold[i]!;
      left[offset + i] = offset + tree.left[i]!;
      right[offset + i] = offset + tree.right[i]!;
      missingLeft[offset + i] = tree.missingLeft[i] ? 1 : 0;
      value[offset + i] = tree.value[i]!;
    }
    offset += tree.feature.length;
  });
  return () => {
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t]!;
      let f = feature[node]!;
      while (f >= 0) {
        const v = x[f]!;
        node = (v !== v ? missingLeft[node] === 1 : v <= threshold[node]!) ? left[node]! : right[node]!;
        f = feature[node]!;
      }
      const o = outputs[t]!;
      raw[o] = raw[o]! + value[node]!;
    }
  };
}
