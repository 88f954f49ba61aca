/**
 * L2-regularized logistic regression, binary and multinomial, on standardized inputs.
 * The objective is sklearn's lbfgs one: mean weighted log-loss + ||w||^2 / (2 C sum(w)),
 * the intercept unpenalized, so coefficients match sklearn on standardized data.
 */

import { ARTIFACT_FORMAT } from './artifact.js';
import type { Artifact } from './artifact.js';
import type { Dataset } from './dataset.js';
import { encodeInputs, featureSpecs, inputColumnsOf } from './encoding.js';
import { featureImportance, linearImportance } from './importance.js';
import { minimizeLbfgs } from './lbfgs.js';
import type { Objective } from './lbfgs.js';
import { applyLink } from './link-scores.js';
import { logisticRegressionParams, parseParams } from './params.js';
import { linearRaw, standardize } from './standardize.js';
import type { TrainOptions } from './train-options.js';
import { sampleWeights } from './weights.js';

export function trainLogisticRegression(data: Dataset, params: Record<string, unknown> = {}, options: TrainOptions = {}): Artifact {
  if (data.task === 'regression' || !data.classes) throw new Error('logistic_regression needs a binary or multiclass target');
  const p = parseParams(logisticRegressionParams, 'logistic_regression', params);
  const features = featureSpecs(data);
  const inputs = inputColumnsOf(features);
  const { columns, preprocessing } = standardize(encodeInputs(data));
  const weights = sampleWeights(data, p.class_weight);
  const n = data.rows;
  const d = columns.length;
  const weightSum = weights ? weights.reduce((a, b) => a + b, 0) : n;
  const penalty = 1 / (p.C * weightSum);
  const outputs = data.task === 'binary' ? 1 : data.classes.length;
  const objective = outputs === 1 ? binaryObjective(columns, data.target, weights, weightSum, penalty) : multinomialObjective(columns, data.target, weights, weightSum, penalty, outputs);
  const result = minimizeLbfgs(objective, new Float64Array(outputs * (d + 1)), {
    maxIter: p.max_iter,
    gtol: p.tol,
    onIteration: (iteration, value) => options.onProgress?.({ iteration, total: p.max_iter, metric: { name: 'loss', value } }),
  });
  const coefficients: number[][] = [];
  const baseScore: number[] = [];
  for (let k = 0; k < outputs; k++) {
    coefficients.push(Array.from(result.x.subarray(k * (d + 1), k * (d + 1) + d)));
    baseScore.push(result.x[k * (d + 1) + d]!);
  }
  const link = outputs === 1 ? 'logit' : 'softmax';
  options.onTrainingScores?.(applyLink(linearRaw(columns, baseScore, coefficients, n), outputs, link));
  return {
    format: ARTIFACT_FORMAT,
    task: data.task,
    kind: 'linear',
    algorithm: 'logistic_regression',
    params: { ...p },
    features,
    encoding: 'one_hot',
    inputs,
    preprocessing,
    link,
    outputs,
    classes: data.classes,
    threshold: data.task === 'binary' ? 0.5 : null,
    baseScore,
    linear: { coefficients },
    trees: null,
    importance: featureImportance(features, inputs, linearImportance(coefficients, d)),
    training: { rows: n, iterations: result.iterations, converged: result.converged },
  };
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function binaryObjective(columns: Float64Array[], y: Float64Array, weights: Float64Array | null, weightSum: number, penalty: number): Objective {
  const n = y.length;
  const d = columns.length;
  const z = new Float64Array(n);
  return (theta, gradient) => {
    z.fill(theta[d]!);
    for (let j = 0; j < d; j++) {
      const w = theta[j]!;
      const x = columns[j]!;
      for (let i = 0; i < n; i++) z[i] = z[i]! + w * x[i]!;
    }
    let loss = 0;
    let interceptGradient = 0;
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      const s = weights ? weights[i]! : 1;
      const yi = y[i]!;
      loss += s * (softplus(zi) - yi * zi);
      const residual = (s * (1 / (1 + Math.exp(-zi)) - yi)) / weightSum;
      z[i] = residual;
      interceptGradient += residual;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const x = columns[j]!;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += z[i]! * x[i]!;
      const w = theta[j]!;
      gradient[j] = sum + penalty * w;
      norm += w * w;
    }
    gradient[d] = interceptGradient;
    return loss / weightSum + 0.5 * penalty * norm;
  };
}

function multinomialObjective(columns: Float64Array[], y: Float64Array, weights: Float64Array | null, weightSum: number, penalty: number, k: number): Objective {
  const n = y.length;
  const d = columns.length;
  const stride = d + 1;
  const z = new Float64Array(n * k);
  const zk = new Float64Array(n);
  return (theta, gradient) => {
    for (let c = 0; c < k; c++) {
      zk.fill(theta[c * stride + d]!);
      for (let j = 0; j < d; j++) {
        const w = theta[c * stride + j]!;
        const x = columns[j]!;
        for (let i = 0; i < n; i++) zk[i] = zk[i]! + w * x[i]!;
      }
      for (let i = 0; i < n; i++) z[i * k + c] = zk[i]!;
    }
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const base = i * k;
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, z[base + c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(z[base + c]! - max);
      const s = weights ? weights[i]! : 1;
      const yi = y[i]!;
      loss += s * (max + Math.log(sum) - z[base + yi]!);
      for (let c = 0; c < k; c++) z[base + c] = (s * (Math.exp(z[base + c]! - max) / sum - (c === yi ? 1 : 0))) / weightSum;
    }
    let norm = 0;
    for (let c = 0; c < k; c++) {
      let interceptGradient = 0;
      for (let i = 0; i < n; i++) interceptGradient += z[i * k + c]!;
      gradient[c * stride + d] = interceptGradient;
      for (let j = 0; j < d; j++) {
        const x = columns[j]!;
        let sum = 0;
        for (let i = 0; i < n; i++) sum += z[i * k + c]! * x[i]!;
        const w = theta[c * stride + j]!;
        gradient[c * stride + j] = sum + penalty * w;
        norm += w * w;
      }
    }
    return loss / weightSum + 0.5 * penalty * norm;
  };
}
