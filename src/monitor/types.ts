import type { Dialect } from '../targets/target.js';

/** A relation to read rows from. */
export interface Sample {
  /** Anything a FROM clause accepts: `schema.table`, or a parenthesised subquery. */
  from: string;
  /** A boolean SQL condition on the relation's columns, without the WHERE keyword. */
  where?: string;
}

export type Grain = 'day' | 'week' | 'month';

/** Groups the current sample into periods by truncating a time column. */
export interface Bucketing {
  column: string;
  /** Defaults to `day`. */
  grain?: Grain;
}

/** The current sample may be split into periods; results are then one per period. */
export interface CurrentSample extends Sample {
  period?: Bucketing;
}

export type DriftMethod = 'psi' | 'ks' | 'jensen_shannon' | 'wasserstein' | 'mean_shift' | 'chi_square';

/**
 * Columns are named in canonical identifier spelling (sql/tokenize identifierName): a bare
 * lower-case name, or a double-quoted one.
 */
export interface DriftSpec {
  dialect: Dialect;
  reference: Sample;
  current: CurrentSample;
  numeric?: readonly string[];
  categorical?: readonly string[];
  /** Defaults to every method; each applies to the feature kinds it is defined for. */
  methods?: readonly DriftMethod[];
  /** Reference-quantile bins for PSI and Jensen–Shannon on numeric features (default 10). */
  bins?: number;
  /** Floor for empty bin shares in PSI (default 1e-4). */
  epsilon?: number;
  /**
   * Share of rows (0 < sample < 1) drawn from each sample before counting, for large
   * tables: every statistic becomes an estimate (see docs/monitoring.md).
   */
  sample?: number;
  /**
   * A key column both samples carry, such as the entity key. With `sample`, the rows whose
   * key hashes into the first `sample` share of the hash range are drawn: the same keys on
   * both sides and every run. Without it, each row is drawn at random (Bernoulli).
   */
  key?: string;
}

export interface QualitySpec {
  dialect: Dialect;
  reference: Sample;
  current: CurrentSample;
  numeric?: readonly string[];
  categorical?: readonly string[];
}

export interface ScoreSource extends Sample {
  /** Column joining a score to its actual outcome. */
  key: string;
  /** Positive-class probability (classification) or the predicted value (regression). */
  score: string;
  /** Prediction time; bucketed into prediction_date. */
  at: string;
  /** Column holding the model version; without it every row counts as `modelVersion`. */
  version?: string;
  /** Column holding the A/B variant (champion, challenger…). */
  variant?: string;
}

export interface ActualSource extends Sample {
  key: string;
  /** The observed label (classification) or value (regression). */
  label: string;
  /** Outcome time: when given, only outcomes at or after the prediction count, the earliest one. */
  at?: string;
}

export type Task = 'classification' | 'regression';

export interface PerformanceSpec {
  dialect: Dialect;
  modelName: string;
  /** Used when `scores.version` is absent. */
  modelVersion?: string;
  task: Task;
  scores: ScoreSource;
  actuals: ActualSource;
  /** Classification: a score at or above it predicts the positive class (default 0.5). */
  threshold?: number;
  /** Classification: the label value that is positive; without it the label is cast to 0/1. */
  positive?: string | number | boolean;
  /** Defaults to `day`. */
  grain?: Grain;
}

export interface PredictionDriftSpec {
  dialect: Dialect;
  reference: Sample;
  current: CurrentSample;
  /** The score column in both samples. */
  score: string;
  methods?: readonly DriftMethod[];
  bins?: number;
  epsilon?: number;
}
