export { driftSql } from './drift-sql.js';
export { predictionDriftSql } from './prediction-drift-sql.js';
export { qualitySql } from './quality-sql.js';
export { performanceSql, LOG_LOSS_EPSILON, CALIBRATION_BINS, DEFAULT_DECISION_THRESHOLD } from './performance-sql.js';
export {
  ALL_DRIFT_METHODS,
  CHI_SQUARE_SMOOTHING,
  DEFAULT_BINS,
  DEFAULT_PSI_EPSILON,
  DRIFT_THRESHOLDS,
  QUALITY_THRESHOLDS,
} from './thresholds.js';
export type { DriftStatistic, QualityMetric } from './thresholds.js';
export type {
  ActualSource,
  Bucketing,
  CurrentSample,
  DriftMethod,
  DriftSpec,
  Grain,
  PerformanceSpec,
  PredictionDriftSpec,
  QualitySpec,
  Sample,
  ScoreSource,
  Task,
} from './types.js';
