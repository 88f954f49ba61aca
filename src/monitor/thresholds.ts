import type { DriftMethod } from './types.js';

/** Result rows of driftSql name one of these in their `method` column. */
export type DriftStatistic = DriftMethod | 'cramers_v';

export const ALL_DRIFT_METHODS: readonly DriftMethod[] = [
  'psi',
  'ks',
  'jensen_shannon',
  'wasserstein',
  'mean_shift',
  'chi_square',
];

export const NUMERIC_METHODS: ReadonlySet<DriftMethod> = new Set([
  'psi',
  'ks',
  'jensen_shannon',
  'wasserstein',
  'mean_shift',
]);

export const CATEGORICAL_METHODS: ReadonlySet<DriftMethod> = new Set(['psi', 'jensen_shannon', 'chi_square']);

export const DEFAULT_BINS = 10;

/** Share given to an empty bin in PSI, so the logarithm stays finite. */
export const DEFAULT_PSI_EPSILON = 1e-4;

/** Pseudo-count added to every reference category for chi-square, so an unseen category has a finite expectation. */
export const CHI_SQUARE_SMOOTHING = 0.5;

/**
 * A value above its threshold is drift. The chi-square statistic grows with the sample
 * size, so the alert reads Cramér's V, which the chi_square method reports beside it.
 */
export const DRIFT_THRESHOLDS: Readonly<Record<DriftStatistic, number | undefined>> = {
  psi: 0.2,
  ks: 0.1,
  jensen_shannon: 0.1,
  wasserstein: 0.1,
  mean_shift: 2.0,
  chi_square: undefined,
  cramers_v: 0.1,
};

export type QualityMetric =
  | 'row_count'
  | 'row_count_change'
  | 'null_rate'
  | 'out_of_range_share'
  | 'unseen_category_share';

/** A metric above its threshold is a data quality problem; row_count_change compares its absolute value. */
export const QUALITY_THRESHOLDS: Readonly<Record<QualityMetric, number | undefined>> = {
  row_count: undefined,
  row_count_change: 0.5,
  null_rate: 0.01,
  out_of_range_share: 0.05,
  unseen_category_share: 0.01,
};
