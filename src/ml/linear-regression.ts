/**
 * Least squares by the normal equations on standardized inputs, with a tiny ridge
 * (alpha * sum of weights, intercept unpenalized) so collinear inputs stay solvable.
 */

import { ARTIFACT_FORMAT } from './artifact.js';
import type { Artifact } from './artifact.js';
import type { Dataset } from './dataset.js';
import { encodeInputs, featureSpecs, inputColumnsOf } from './encoding.js';
import { featureImportance, linearImportance } from './importance.js';
import { linearRegressionParams, parseParams } from './params.js';
import { linearRaw, standardize } from './standardize.js';
import type { TrainOptions } from './train-options.js';

export function trainLinearRegression(data: Dataset, params: Record<string, unknown> = {}, options: TrainOptions = {}): Artifact {
  if (data.task !== 'regression') throw new Error('linear_regression needs a numeric (regression) target');
  const p = parseParams(linearRegressionParams, 'linear_regression', params);
  const features = featureSpecs(data);
  const inputs = inputColumnsOf(features);
  const { columns, preprocessing } = standardize(encodeInputs(data));
  const n = data.rows;
  const d = columns.length;
  const size = d + 1;
  // Augmented design [X 1]: the last unknown is the intercept.
  const column = (j: number): Float64Array | null => (j < d ? columns[j]! : null);
  const w = data.weights;
  const gram = new Float64Array(size * size);
  const rhs = new Float64Array(size);
  for (let a = 0; a < size; a++) {
    const xa = column(a);
    for (let b = a; b < size; b++) {
      const xb = column(b);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (w ? w[i]! : 1) * (xa ? xa[i]! : 1) * (xb ? xb[i]! : 1);
      gram[a * size + b] = sum;
      gram[b * size + a] = sum;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (w ? w[i]! : 1) * (xa ? xa[i]! : 1) * data.target[i]!;
    rhs[a] = sum;
  }
  const weightSum = w ? w.reduce((s, v) => s + v, 0) : n;
  for (let j = 0; j < d; j++) gram[j * size + j] = gram[j * size + j]! + p.alpha * weightSum;
  const solution = solveSymmetric(gram, rhs, size);
  const coefficients = [Array.from(solution.subarray(0, d))];
  const baseScore = [solution[d]!];
  options.onProgress?.({ iteration: 1, total: 1 });
  options.onTrainingScores?.(linearRaw(columns, baseScore, coefficients, n));
  return {
    format: ARTIFACT_FORMAT,
    task: 'regression',
    kind: 'linear',
    algorithm: 'linear_regression',
    params: { ...p },
    features,
    encoding: 'one_hot',
    inputs,
    preprocessing,
    link: 'identity',
    outputs: 1,
    classes: null,
    threshold: null,
    baseScore,
    linear: { coefficients },
    trees: null,
    importance: featureImportance(features, inputs, linearImportance(coefficients, d)),
    training: { rows: n, iterations: 1, converged: true },
  };
}

/** Cholesky solve of a symmetric positive definite system. */
function solveSymmetric(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array {
  const l = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * size + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * size + k]! * l[j * size + k]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error('linear_regression: the inputs are collinear or constant; raise alpha or drop a feature');
        l[i * size + i] = Math.sqrt(sum);
      } else {
        l[i * size + j] = sum / l[j * size + j]!;
      }
    }
  }
  const y = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = rhs[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * size + k]! * y[k]!;
    y[i] = sum / l[i * size + i]!;
  }
  const x = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < size; k++) sum -= l[k * size + i]! * x[k]!;
    x[i] = sum / l[i * size + i]!;
  }
  return x;
}
