/** The metrics of a model on a dataset (the test split), by task. */

import type { Artifact } from './artifact.js';
import type { Dataset } from './dataset.js';
import { binaryMetrics, multiclassMetrics, regressionMetrics, rocCurve } from './metrics.js';
import type { BinaryMetrics, MulticlassMetrics, RegressionMetrics, RocCurve } from './metrics.js';
import { scoreDataset } from './scorer.js';

export type Evaluation =
  | { task: 'binary'; metrics: BinaryMetrics; roc: RocCurve }
  | { task: 'multiclass'; metrics: MulticlassMetrics }
  | { task: 'regression'; metrics: RegressionMetrics };

export function evaluate(artifact: Artifact, data: Dataset): Evaluation {
  const scores = scoreDataset(artifact, data);
  if (artifact.task === 'binary') {
    return { task: 'binary', metrics: binaryMetrics(data.target, scores, artifact.threshold ?? 0.5), roc: rocCurve(data.target, scores) };
  }
  if (artifact.task === 'multiclass') return { task: 'multiclass', metrics: multiclassMetrics(data.target, scores, artifact.outputs) };
  return { task: 'regression', metrics: regressionMetrics(data.target, scores) };
}
