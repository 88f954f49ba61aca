import { stringLiteral } from './dialect.js';
import { distributionKey, featureNamesCte, gridCtes, periodColumn, sampleCtes } from './drift-counts.js';
import { distributionCtes, histogramCtes, referenceMomentCtes } from './drift-statistics.js';
import { unionAll, withClause } from './sql-text.js';
import type { Cte } from './sql-text.js';
import {
  ALL_DRIFT_METHODS,
  CATEGORICAL_METHODS,
  DEFAULT_BINS,
  DEFAULT_PSI_EPSILON,
  NUMERIC_METHODS,
} from './thresholds.js';
import type { DriftStatistic } from './thresholds.js';
import type { DriftMethod, DriftSpec } from './types.js';

/**
 * One query returning `(period, feature, method, value)`: the drift of each feature of the
 * current sample from the reference, per period of the current sample (period is NULL when
 * the current sample is not bucketed). NULL values are excluded from both samples.
 */
export function driftSql(spec: DriftSpec): string {
  const numeric = spec.numeric ?? [];
  const categorical = spec.categorical ?? [];
  const methods = new Set(spec.methods ?? ALL_DRIFT_METHODS);
  const bins = spec.bins ?? DEFAULT_BINS;
  if (!Number.isInteger(bins) || bins < 2) throw new Error(`bins must be an integer of at least 2, got ${bins}`);
  const numericMethods = numeric.length > 0 ? [...methods].filter((m) => NUMERIC_METHODS.has(m)) : [];
  const categoricalMethods = categorical.length > 0 ? [...methods].filter((m) => CATEGORICAL_METHODS.has(m)) : [];
  if (numericMethods.length + categoricalMethods.length === 0) {
    throw new Error('drift needs a numeric feature with psi, ks, jensen_shannon, wasserstein or mean_shift, or a categorical feature with psi, jensen_shannon or chi_square');
  }
  const histNumeric = numericMethods.some((m) => m === 'psi' || m === 'jensen_shannon');
  const histCategorical = categoricalMethods.length > 0;
  const needsCdf = histNumeric || numericMethods.some((m) => m === 'ks' || m === 'wasserstein' || m === 'mean_shift');
  const samples = { dialect: spec.dialect, reference: spec.reference, current: spec.current, sample: spec.sample, key: spec.key };
  const key = distributionKey(spec.current);

  const ctes: Cte[] = [...sampleCtes({ ...samples, columns: [...(numericMethods.length ? numeric : []), ...(histCategorical ? categorical : [])] })];
  if (numericMethods.length > 0) ctes.push(...gridCtes({ ...samples, columns: numeric }, 'num', numeric));
  if (numericMethods.includes('wasserstein') || numericMethods.includes('mean_shift')) ctes.push(...referenceMomentCtes());
  if (needsCdf) ctes.push(...distributionCtes(key, bins));
  if (histCategorical) ctes.push(...gridCtes({ ...samples, columns: categorical }, 'cat', categorical, numeric.length));
  if (histNumeric || histCategorical) {
    ctes.push(...histogramCtes({ key, numeric: histNumeric, categorical: histCategorical, epsilon: spec.epsilon ?? DEFAULT_PSI_EPSILON }));
  }
  ctes.push(featureNamesCte(spec.dialect, [...numeric, ...categorical]));

  const row = (method: DriftStatistic, value: string, from: string, alias = ''): string =>
    `SELECT ${periodColumn(spec.current, alias)}, ${alias}feature_id, ${stringLiteral(spec.dialect, method)} AS method, ${value} AS value FROM ${from}`;
  const histKinds = (m: DriftMethod): string | undefined => {
    const kinds = [numericMethods.includes(m) ? "'num'" : '', categoricalMethods.includes(m) ? "'cat'" : ''].filter(Boolean);
    return kinds.length ? `hist_stats WHERE kind IN (${kinds.join(', ')})` : undefined;
  };
  const selects: string[] = [];
  for (const m of ['psi', 'jensen_shannon'] as const) {
    const from = histKinds(m);
    if (from) selects.push(row(m, m === 'psi' ? 'psi' : 'js', from));
  }
  if (categoricalMethods.includes('chi_square')) {
    selects.push(row('chi_square', 'chi_square', "hist_stats WHERE kind = 'cat'"));
    selects.push(row('cramers_v', 'SQRT(chi_square / NULLIF(n_cur * (k - 1), 0))', "hist_stats WHERE kind = 'cat'"));
  }
  const withMoments = 'num_dist AS d LEFT JOIN num_std AS s ON s.feature_id = d.feature_id';
  if (numericMethods.includes('ks')) selects.push(row('ks', 'ks', 'num_dist'));
  if (numericMethods.includes('wasserstein')) selects.push(row('wasserstein', 'd.w1 / NULLIF(s.std, 0)', withMoments, 'd.'));
  if (numericMethods.includes('mean_shift')) {
    selects.push(row('mean_shift', 'ABS(d.mean_cur - s.mean) / NULLIF(s.std, 0)', withMoments, 'd.'));
  }
  const body = [
    `SELECT r.period, n.feature, r.method, r.value FROM (\n${unionAll(selects)}\n) AS r`,
    'JOIN feature_names AS n ON n.feature_id = r.feature_id',
    'ORDER BY n.feature, r.method, r.period',
  ].join('\n');
  return withClause(spec.dialect, ctes, body);
}
