import type { Dialect } from '../targets/target.js';
import type { OutputTables } from './output-tables.js';
import type { DriftStatistic, QualityMetric } from './thresholds.js';
import type { Sample, DriftMethod, Grain } from './types.js';
import type { ScoredRows } from './windows.js';

export type AlertSeverity = 'warning' | 'error';

/** Where drift compares the current window to. */
export type DriftReference =
  | { kind: 'training'; features: Sample; scores: Sample }
  | { kind: 'rolling' }
  | { kind: 'fixed'; start: string; end: string };

export interface MonitorDrift {
  numeric: readonly string[];
  categorical: readonly string[];
  methods: readonly DriftMethod[];
  /** Overrides of DRIFT_THRESHOLDS. */
  thresholds: Partial<Record<DriftStatistic, number>>;
  reference: DriftReference;
  windowDays: number;
  /** Also compare the distribution of the score column. */
  predictions: boolean;
  /** Share of rows drawn before comparing features (DriftSpec.sample). */
  sample?: number;
  /** The model's entity key, a column of the reference and the scored rows: the sample is drawn by its hash (DriftSpec.key). */
  key: string;
  severity: AlertSeverity;
}

export interface MonitorQuality {
  numeric: readonly string[];
  categorical: readonly string[];
  /** Overrides of QUALITY_THRESHOLDS. */
  thresholds: Partial<Record<QualityMetric, number>>;
  /** The reference rows the ranges and categories come from. */
  reference: Sample;
  severity: AlertSeverity;
}

/** A performance alert: a metric below `min`, above `max`, or fallen by more than `drop` since the previous period. */
export interface PerformanceAlert {
  metric: string;
  bound: 'min' | 'max' | 'drop';
  threshold: number;
}

/** Everything a monitor computes besides the performance table, as plain data. */
export interface MonitorPlan {
  dialect: Dialect;
  monitor: string;
  modelName: string;
  /** The qualified performance table (`model_monitoring`), already built from the same scored rows. */
  performanceTable: string;
  tables: OutputTables;
  /** The scored rows, with `prediction_score` and the feature columns. */
  scored: ScoredRows;
  grain: Grain;
  drift?: MonitorDrift;
  quality?: MonitorQuality;
  performanceAlerts: readonly PerformanceAlert[];
  performanceSeverity: AlertSeverity;
}
