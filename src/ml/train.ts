/** One entry point over the learners, by the algorithm name used in model YAML. */

import type { Algorithm, Artifact } from './artifact.js';
import type { Dataset } from './dataset.js';
import { trainGradientBoosting } from './gradient-boosting.js';
import { trainLinearRegression } from './linear-regression.js';
import { trainLogisticRegression } from './logistic-regression.js';
import { trainRandomForest } from './random-forest.js';
import type { TrainOptions } from './train-options.js';

export const ALGORITHMS: readonly Algorithm[] = ['logistic_regression', 'linear_regression', 'gradient_boosting', 'random_forest'];

const learners: Record<Algorithm, (data: Dataset, params: Record<string, unknown>, options: TrainOptions) => Artifact> = {
  logistic_regression: trainLogisticRegression,
  linear_regression: trainLinearRegression,
  gradient_boosting: trainGradientBoosting,
  random_forest: trainRandomForest,
};

export function train(algorithm: Algorithm, data: Dataset, params: Record<string, unknown> = {}, options: TrainOptions = {}): Artifact {
  return learners[algorithm](data, params, options);
}
