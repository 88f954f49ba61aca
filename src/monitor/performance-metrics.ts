import type { Task } from './types.js';

/** The metric columns performanceSql gives per task, beside total_predictions. */
export const PERFORMANCE_METRICS: Readonly<Record<Task, readonly string[]>> = {
  classification: ['accuracy', 'precision', 'recall', 'f1_score', 'auc_roc', 'log_loss', 'calibration_error', 'avg_confidence'],
  regression: ['rmse', 'mae'],
};
