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
export { monitorStatements } from './monitor-sql.js';
export { SCORE_COLUMN } from './output-tables.js';
export { PERFORMANCE_METRICS } from './performance-metrics.js';
export type { OutputTables } from './output-tables.js';
export type {
  AlertSeverity,
  DriftReference,
  MonitorDrift,
  MonitorPlan,
  MonitorQuality,
  PerformanceAlert,
} from './monitor-plan.js';
export { readMonitorResults } from './results.js';
export type { MonitorResults, ResultsQuery } from './results.js';
export { driftMessage, driftVerdict, formatMonitorSummary, NO_DRIFT_MESSAGE } from './summary.js';
