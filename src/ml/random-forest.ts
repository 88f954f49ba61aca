/**
 * Random forest on histogram splits: bootstrap rows, a random subset of inputs per split
 * (max_features, 'sqrt' for classification), Gini (classification) or variance
 * (regression) splits. Leaves hold class frequencies (or means) divided by the number of
 * trees, so the ensemble's probability is the plain sum of its leaves.
 */

import { ARTIFACT_FORMAT } from './artifact.js';
import type { Artifact, Tree } from './artifact.js';
import { fitBinnedInputs } from './binning.js';
import type { Dataset } from './dataset.js';
import { encodeInputs, featureSpecs, inputColumnsOf } from './encoding.js';
import { leafOfBinned, toArtifactTree } from './grown-tree.js';
import { featureImportance } from './importance.js';
import { parseParams, randomForestParams } from './params.js';
import type { RandomForestParams } from './params.js';
import { createRng } from './random.js';
import type { TrainOptions } from './train-options.js';
import { TreeGrower } from './tree-grower.js';
import { sampleWeights } from './weights.js';

export function trainRandomForest(data: Dataset, params: Record<string, unknown> = {}, options: TrainOptions = {}): Artifact {
  const p = parseParams(randomForestParams, 'random_forest', params);
  const rng = createRng(p.random_state);
  const features = featureSpecs(data);
  const inputs = inputColumnsOf(features);
  const columns = encodeInputs(data);
  const n = data.rows;
  const binned = fitBinnedInputs(columns, p.max_bins, rng);
  const rowWeights = sampleWeights(data, p.class_weight);
  const classification = data.task !== 'regression';
  // Binary keeps one channel (the positive class): its frequency is the probability.
  const outputs = data.task === 'multiclass' ? data.classes!.length : 1;
  const maxFeatures = featuresPerSplit(p, inputs.length, classification);
  const grower = new TreeGrower(binned, outputs, { maxDepth: p.max_depth ?? Infinity, maxLeafNodes: Infinity, minSamplesLeaf: p.min_samples_leaf, minChildWeight: 0, l2: 0, maxFeatures }, rng);

  const counts = new Uint32Array(n);
  const weight = new Float64Array(n);
  const targets = Array.from({ length: outputs }, () => new Float64Array(n));
  const raw = new Float64Array(n * outputs);
  const gains = new Float64Array(inputs.length);
  const trees: Tree[] = [];
  const scale = 1 / p.n_estimators;
  for (let t = 0; t < p.n_estimators; t++) {
    counts.fill(p.bootstrap ? 0 : 1);
    if (p.bootstrap) for (let i = 0; i < n; i++) counts[rng.int(n)]!++;
    let inBag = 0;
    for (let i = 0; i < n; i++) {
      const w = counts[i]! * (rowWeights ? rowWeights[i]! : 1);
      weight[i] = w;
      if (counts[i]! > 0) inBag++;
      const y = data.target[i]!;
      if (outputs === 1) targets[0]![i] = w * y;
      else for (let c = 0; c < outputs; c++) targets[c]![i] = y === c ? w : 0;
    }
    const rows = new Uint32Array(inBag);
    for (let i = 0, k = 0; i < n; i++) if (counts[i]! > 0) rows[k++] = i;
    const grown = grower.grow({ rows, identity: inBag === n, weight, targets }, gains);
    const perOutput = Array.from({ length: outputs }, (_, c) => toArtifactTree(grown, c, c, scale));
    trees.push(...perOutput);
    for (let i = 0; i < n; i++) {
      const leaf = leafOfBinned(grown, binned.bins, i);
      for (let c = 0; c < outputs; c++) raw[i * outputs + c] = raw[i * outputs + c]! + perOutput[c]!.value[leaf]!;
    }
    options.onProgress?.({ iteration: t + 1, total: p.n_estimators });
  }
  options.onTrainingScores?.(raw);
  return {
    format: ARTIFACT_FORMAT,
    task: data.task,
    kind: 'tree_ensemble',
    algorithm: 'random_forest',
    params: { ...p, max_features: p.max_features === undefined ? (classification ? 'sqrt' : null) : p.max_features },
    features,
    encoding: 'one_hot',
    inputs,
    preprocessing: null,
    link: 'identity',
    outputs,
    classes: data.classes,
    threshold: data.task === 'binary' ? 0.5 : null,
    baseScore: new Array<number>(outputs).fill(0),
    linear: null,
    trees,
    importance: featureImportance(features, inputs, gains),
    training: { rows: n, iterations: p.n_estimators, converged: null },
  };
}

/** sklearn's max_features: 'sqrt', 'log2', a count (>= 1), a fraction (< 1) or null for all. */
function featuresPerSplit(p: RandomForestParams, inputs: number, classification: boolean): number {
  const setting = p.max_features === undefined ? (classification ? 'sqrt' : null) : p.max_features;
  if (setting === null) return inputs;
  if (setting === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(inputs)));
  if (setting === 'log2') return Math.max(1, Math.floor(Math.log2(inputs)));
  return setting >= 1 ? Math.min(inputs, Math.floor(setting)) : Math.max(1, Math.floor(setting * inputs));
}
