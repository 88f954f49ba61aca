/**
 * Histogram gradient boosting in the manner of sklearn's HistGradientBoosting: log-loss
 * (binary, multiclass softmax with one tree per class) or squared error, Newton leaves
 * -G/(H+l2) times the learning rate, learned missing-value directions, early stopping
 * on a validation set.
 */

import { availableParallelism } from 'node:os';
import { ARTIFACT_FORMAT } from './artifact.js';
import type { Artifact, Tree } from './artifact.js';
import { binWith, fitBinnedInputs } from './binning.js';
import { lossOf } from './boosting-loss.js';
import type { Dataset } from './dataset.js';
import { encodeInputs, featureSpecs, inputColumnsOf } from './encoding.js';
import { leafOfBinned, leavesOfRows, toArtifactTree } from './grown-tree.js';
import { featureImportance } from './importance.js';
import { applyLink } from './link-scores.js';
import { gradientBoostingParams, parseParams } from './params.js';
import type { GradientBoostingParams } from './params.js';
import { createRng } from './random.js';
import type { Rng } from './random.js';
import type { TrainOptions } from './train-options.js';
import { TreeGrower } from './tree-grower.js';
import { sampleWeights } from './weights.js';

export function trainGradientBoosting(data: Dataset, params: Record<string, unknown> = {}, options: TrainOptions = {}): Artifact {
  const p = parseParams(gradientBoostingParams, 'gradient_boosting', params);
  if (p.n_estimators !== undefined && p.max_iter !== undefined && p.n_estimators !== p.max_iter) {
    throw new Error('gradient_boosting: n_estimators and max_iter name the same setting; give one');
  }
  const iterations = p.n_estimators ?? p.max_iter ?? 100;
  const rng = createRng(p.random_state);
  const features = featureSpecs(data);
  const inputs = inputColumnsOf(features);
  const allColumns = encodeInputs(data);
  const allWeights = sampleWeights(data, p.class_weight);
  const earlyStopping = p.early_stopping === true || (p.early_stopping === 'auto' && options.validation !== undefined);
  const carved = earlyStopping && !options.validation ? carveValidation(data.rows, p.validation_fraction, rng) : null;
  const trainRows = carved?.train ?? null;
  const columns = trainRows ? allColumns.map((c) => pick(c, trainRows)) : allColumns;
  const y = trainRows ? pick(data.target, trainRows) : data.target;
  const weights = allWeights && trainRows ? pick(allWeights, trainRows) : allWeights;
  const n = y.length;
  const binned = fitBinnedInputs(columns, p.max_bins, rng);
  const loss = lossOf(data);
  const outputs = loss.outputs;
  const baseScore = loss.baseScore(y, weights);

  let validation: { bins: Uint8Array[]; y: Float64Array; weights: Float64Array | null; raw: Float64Array } | null = null;
  if (earlyStopping) {
    const vColumns = options.validation ? encodeInputs(options.validation) : allColumns.map((c) => pick(c, carved!.validation));
    const vy = options.validation ? options.validation.target : pick(data.target, carved!.validation);
    const vWeights = options.validation ? sampleWeights(options.validation, p.class_weight) : allWeights && pick(allWeights, carved!.validation);
    const raw = new Float64Array(vy.length * outputs);
    for (let i = 0; i < raw.length; i++) raw[i] = baseScore[i % outputs]!;
    validation = { bins: binWith(vColumns, binned.thresholds).bins, y: vy, weights: vWeights, raw };
  }

  const grower = new TreeGrower(binned, 1, growParams(p), rng, options.threads ?? availableParallelism());
  const raw = new Float64Array(n * outputs);
  for (let i = 0; i < raw.length; i++) raw[i] = baseScore[i % outputs]!;
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const rows = grower.rowOrder();
  const leafOf = new Uint32Array(n);
  const gains = new Float64Array(inputs.length);
  const trees: Tree[] = [];
  const scores: number[] = validation ? [-loss.value(validation.raw, validation.y, validation.weights)] : [];
  let done = 0;
  try {
    for (let iteration = 0; iteration < iterations; iteration++) {
      for (let k = 0; k < outputs; k++) {
        loss.gradients(raw, y, weights, k, gradient, hessian);
        for (let i = 0; i < n; i++) rows[i] = i;
        const grown = grower.grow({ rows, identity: true, weight: hessian, targets: [gradient] }, gains);
        const tree = toArtifactTree(grown, 0, k, p.learning_rate);
        trees.push(tree);
        leavesOfRows(grown, rows, leafOf);
        loss.addTree(raw, k, leafOf, tree.value);
        if (validation) {
          const vRows = validation.y.length;
          for (let i = 0; i < vRows; i++) {
            const at = i * outputs + k;
            validation.raw[at] = validation.raw[at]! + tree.value[leafOfBinned(grown, validation.bins, i)]!;
          }
        }
      }
      done = iteration + 1;
      if (validation) {
        const value = loss.value(validation.raw, validation.y, validation.weights);
        scores.push(-value);
        options.onProgress?.({ iteration: done, total: iterations, metric: { name: 'validation_loss', value } });
        if (shouldStop(scores, p.n_iter_no_change, p.tol)) break;
      } else {
        options.onProgress?.({ iteration: done, total: iterations });
      }
    }
  } finally {
    grower.close();
  }
  if (options.onTrainingScores) {
    const full = carved && validation ? interleave(raw, validation.raw, carved, outputs) : raw;
    options.onTrainingScores(applyLink(full, outputs, loss.link));
  }
  return {
    format: ARTIFACT_FORMAT,
    task: data.task,
    kind: 'tree_ensemble',
    algorithm: 'gradient_boosting',
    params: { ...p, n_estimators: iterations, max_iter: iterations },
    features,
    encoding: 'one_hot',
    inputs,
    preprocessing: null,
    link: loss.link,
    outputs,
    classes: data.classes,
    threshold: data.task === 'binary' ? 0.5 : null,
    baseScore,
    linear: null,
    trees,
    importance: featureImportance(features, inputs, gains),
    training: { rows: data.rows, iterations: done, converged: validation ? done < iterations : null },
  };
}

function growParams(p: GradientBoostingParams) {
  return {
    maxDepth: p.max_depth ?? Infinity,
    maxLeafNodes: p.max_leaf_nodes ?? Infinity,
    minSamplesLeaf: p.min_samples_leaf,
    minChildWeight: p.min_child_weight,
    l2: p.l2_regularization,
    maxFeatures: Infinity,
  };
}

/** sklearn's rule: stop when none of the last n scores beat the one before them by more than tol. */
function shouldStop(scores: readonly number[], n: number, tol: number): boolean {
  if (scores.length < n + 1) return false;
  const reference = scores[scores.length - n - 1]! + tol;
  return !scores.slice(scores.length - n).some((s) => s > reference);
}

function carveValidation(rows: number, fraction: number, rng: Rng): { train: Uint32Array; validation: Uint32Array } {
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const size = Math.max(1, Math.round(rows * fraction));
  return { validation: order.slice(0, size).sort(), train: order.slice(size).sort() };
}

function pick(source: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = source[rows[i]!]!;
  return out;
}

/** Reassembles per-row raw outputs in the dataset's row order from the train and validation parts. */
function interleave(train: Float64Array, validation: Float64Array, parts: { train: Uint32Array; validation: Uint32Array }, outputs: number): Float64Array {
  const out = new Float64Array(train.length + validation.length);
  parts.train.forEach((row, i) => out.set(train.subarray(i * outputs, (i + 1) * outputs), row * outputs));
  parts.validation.forEach((row, i) => out.set(validation.subarray(i * outputs, (i + 1) * outputs), row * outputs));
  return out;
}
