import { describe, expect, it } from 'vitest';
import { canonicalJson, compileScorer, datasetFromRows, evaluate, subsetDataset, trainGradientBoosting, trainRandomForest } from '../../src/ml/index.js';
import type { Dataset } from '../../src/ml/index.js';
import { parityRows } from './parity-data.js';

const stump = { max_iter: 1, learning_rate: 1, max_depth: 1, min_samples_leaf: 1, early_stopping: false };

describe('gradient boosting', () => {
  it('grows the split computed by hand', () => {
    const rows = [1, 2, 3, 4].map((x, i) => ({ x, y: [0, 0, 10, 10][i]! }));
    const artifact = trainGradientBoosting(datasetFromRows(rows, { features: ['x'], target: 'y', task: 'regression' }), stump);
    // Base = mean 5; residuals -5,-5,5,5; best split between 2 and 3; leaves -10/2 and 10/2.
    expect(artifact.baseScore).toEqual([5]);
    const tree = artifact.trees![0]!;
    expect(tree.feature).toEqual([0, -1, -1]);
    expect(tree.threshold[0]).toBe(2.5);
    expect(tree.value).toEqual([0, -5, 5]);
  });

  it('sends missing values the way that gains more', () => {
    const rows = [1, 2, 3, 4, null].map((x, i) => ({ x, y: [0, 0, 10, 10, 10][i]! }));
    const artifact = trainGradientBoosting(datasetFromRows(rows, { features: ['x'], target: 'y', task: 'regression' }), stump);
    // Base 6; residuals -6,-6,4,4,4. Missing right: 12^2/3 + 12^2/2 = 120 beats missing left (53.3).
    const tree = artifact.trees![0]!;
    expect(tree.missingLeft[0]).toBe(false);
    expect(tree.value).toEqual([0, -6, 4]);
    const scorer = compileScorer(artifact);
    expect(scorer({ x: null }).score).toBe(10);
    expect(scorer({ x: 1.5 }).score).toBe(0);
  });

  it('is deterministic for a seed and learns the signal', () => {
    const rows = parityRows(3000, 5, false);
    const data = datasetFromRows(rows, { features: ['a', 'b', 'color', 'd'], target: 'binary_target' });
    const params = { max_iter: 20, max_depth: 4, early_stopping: false };
    const first = canonicalJson(trainGradientBoosting(data, params));
    expect(canonicalJson(trainGradientBoosting(data, params))).toBe(first);
    const test = datasetFromRows(parityRows(1000, 6, true), { features: ['a', 'b', 'color', 'd'], target: 'binary_target', like: data });
    const result = evaluate(trainGradientBoosting(data, params), test);
    expect(result.task === 'binary' && result.metrics.auc_roc).toBeGreaterThan(0.85);
  });

  it('stops early when the validation loss stops improving', () => {
    const rows = parityRows(4000, 7, false);
    const all = datasetFromRows(rows, { features: ['a', 'b', 'color', 'd'], target: 'binary_target' });
    const train = subsetDataset(all, Uint32Array.from({ length: 3000 }, (_, i) => i));
    const validation = subsetDataset(all, Uint32Array.from({ length: 1000 }, (_, i) => 3000 + i));
    const progress: number[] = [];
    const artifact = trainGradientBoosting(train, { max_iter: 500, learning_rate: 0.5, n_iter_no_change: 5 }, { validation, onProgress: (p) => progress.push(p.iteration) });
    expect(artifact.training.iterations).toBeLessThan(500);
    expect(artifact.trees).toHaveLength(artifact.training.iterations);
    expect(progress.at(-1)).toBe(artifact.training.iterations);
  });

  it('trains one tree per class per iteration for multiclass', () => {
    const data = datasetFromRows(parityRows(2000, 8, false), { features: ['a', 'b', 'color'], target: 'class_target' });
    const artifact = trainGradientBoosting(data, { max_iter: 5, early_stopping: false });
    expect(artifact.classes).toEqual(['high', 'low', 'mid']);
    expect(artifact.trees!.map((t) => t.output)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    const p = compileScorer(artifact)({ a: 1.5, b: 1, color: 'red' }).probabilities!;
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    expect(Math.max(...p)).toBe(p[0]);
  });
});

describe('random forest', () => {
  const data: Dataset = datasetFromRows(parityRows(3000, 9, false), { features: ['a', 'b', 'color', 'd'], target: 'binary_target' });

  it('averages leaf class frequencies', () => {
    const artifact = trainRandomForest(data, { n_estimators: 1, bootstrap: false, max_depth: 1, max_features: null });
    const tree = artifact.trees![0]!;
    // One stump on all rows: each leaf is the positive rate of its side.
    const side = (row: number): boolean => {
      const v = (data.features[0]!.type === 'numeric' ? data.features[0]!.values : new Float64Array())[row]!;
      return Number.isNaN(v) ? tree.missingLeft[0]! : v <= tree.threshold[0]!;
    };
    expect(tree.feature[0]).toBe(0);
    let leftPositives = 0;
    let leftRows = 0;
    for (let i = 0; i < data.rows; i++) {
      if (!side(i)) continue;
      leftRows++;
      leftPositives += data.target[i]!;
    }
    expect(tree.value[tree.left[0]!]).toBeCloseTo(leftPositives / leftRows, 12);
  });

  it('is deterministic for random_state and differs across seeds', () => {
    const a = canonicalJson(trainRandomForest(data, { n_estimators: 5, max_depth: 4, random_state: 1 }));
    expect(canonicalJson(trainRandomForest(data, { n_estimators: 5, max_depth: 4, random_state: 1 }))).toBe(a);
    expect(canonicalJson(trainRandomForest(data, { n_estimators: 5, max_depth: 4, random_state: 2 }))).not.toBe(a);
  });

  it('ranks the informative feature first', () => {
    const artifact = trainRandomForest(data, { n_estimators: 20, max_depth: 5 });
    const byImportance = artifact.features.map((f, i) => [f.name, artifact.importance[i]!] as const).sort((x, y) => y[1] - x[1]);
    expect(byImportance[0]![0]).toBe('a');
    expect(artifact.importance.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});
