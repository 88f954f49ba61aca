/** What every learner accepts besides its data and parameters. */

import type { Dataset } from './dataset.js';

export interface TrainProgress {
  /** Trees or optimizer iterations completed so far. */
  iteration: number;
  /** Trees or iterations planned (the maximum). */
  total: number;
  metric?: { name: string; value: number };
}

export interface TrainOptions {
  onProgress?: (progress: TrainProgress) => void;
  /** Held-out rows for early stopping (gradient boosting); built with `like: trainingData`. */
  validation?: Dataset;
  /**
   * Receives, once, the final model's scores on the training rows as computed during
   * training: rows x outputs, row-major (binary: P(positive); multiclass: class
   * probabilities; regression: the value). Scorers must reproduce them.
   */
  onTrainingScores?: (scores: Float64Array) => void;
  /** Threads building tree histograms (gradient boosting); default: the machine's cores. Models do not depend on it. */
  threads?: number;
}
