import { stringLiteral } from './dialect.js';
import { bucketed, featureNamesCte, gridCtes, periodColumn, sampleCtes } from './drift-counts.js';
import { column, ratio, unionAll, withClause } from './sql-text.js';
import type { Cte } from './sql-text.js';
import type { QualityMetric } from './thresholds.js';
import type { QualitySpec } from './types.js';

function flagSum(condition: string): string {
  return `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}

/**
 * One query returning `(period, feature, metric, value)` for the current sample:
 * row_count, row_count_change (relative to the previous period that has rows; NULL for the
 * first), null_rate (share of rows), out_of_range_share (numeric: share of non-NULL values
 * outside the reference's [min, max]) and unseen_category_share (categorical: share of
 * non-NULL values whose category the reference never had).
 */
export function qualitySql(spec: QualitySpec): string {
  const numeric = spec.numeric ?? [];
  const categorical = spec.categorical ?? [];
  const features = [...numeric, ...categorical];
  if (features.length === 0) throw new Error('data quality needs at least one feature');
  const byPeriod = bucketed(spec.current);
  const samples = { dialect: spec.dialect, reference: spec.reference, current: spec.current };

  const ranges = numeric.map((f, i) => `MIN(${column(f)}) AS min_${i}, MAX(${column(f)}) AS max_${i}`);
  const counts = [
    'COUNT(*) AS n',
    ...features.map((f, i) => `${flagSum(`${column(f)} IS NULL`)} AS nulls_${i}`),
    ...numeric.map((f, i) => {
      const c = `cur_rows.${column(f)}`;
      return `${flagSum(`${c} IS NOT NULL`)} AS present_${i}, ${flagSum(`${c} < min_${i} OR ${c} > max_${i}`)} AS out_${i}`;
    }),
  ];
  const from = numeric.length > 0 ? 'cur_rows CROSS JOIN ref_range' : 'cur_rows';
  const grouped = `SELECT ${periodColumn(spec.current)}, ${counts.join(', ')} FROM ${from}${byPeriod ? ' GROUP BY period' : ''}`;
  const ctes: Cte[] = [...sampleCtes({ ...samples, columns: features })];
  if (numeric.length > 0) ctes.push({ name: 'ref_range', sql: `SELECT ${ranges.join(', ')} FROM ref_rows` });
  ctes.push({ name: 'cur_stats', sql: `SELECT g.*, LAG(n) OVER (ORDER BY period) AS n_prev FROM (${grouped}) AS g` });
  if (categorical.length > 0) {
    ctes.push(...gridCtes({ ...samples, columns: categorical }, 'cat', categorical), featureNamesCte(spec.dialect, categorical));
  }

  const row = (feature: string, metric: QualityMetric, value: string, source = 'cur_stats'): string =>
    `SELECT period, ${stringLiteral(spec.dialect, feature)} AS feature, ${stringLiteral(spec.dialect, metric)} AS metric, ${value} AS value FROM ${source}`;
  const selects = features.flatMap((f, i) => [
    row(f, 'row_count', 'CAST(n AS DOUBLE)'),
    row(f, 'row_count_change', ratio('n - n_prev', 'n_prev')),
    row(f, 'null_rate', ratio(`nulls_${i}`, 'n')),
  ]);
  numeric.forEach((f, i) => selects.push(row(f, 'out_of_range_share', ratio(`out_${i}`, `present_${i}`))));
  if (categorical.length > 0) {
    const unseen = ratio('SUM(CASE WHEN c_ref = 0 THEN c_cur ELSE 0 END)', 'SUM(c_cur)');
    selects.push(
      [
        `SELECT ${periodColumn(spec.current, 'g.')}, n.feature, ${stringLiteral(spec.dialect, 'unseen_category_share')} AS metric, ${unseen} AS value`,
        `FROM cat_grid AS g JOIN feature_names AS n ON n.feature_id = g.feature_id GROUP BY n.feature${byPeriod ? ', g.period' : ''}`,
      ].join('\n'),
    );
  }
  const body = `SELECT period, feature, metric, value FROM (\n${unionAll(selects)}\n) AS results\nORDER BY feature, metric, period`;
  return withClause(spec.dialect, ctes, body);
}
