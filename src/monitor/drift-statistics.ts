import { keyList, keyMatch } from './drift-counts.js';
import type { DistributionKey } from './drift-counts.js';
import { numberLiteral, ratio, unionAll } from './sql-text.js';
import type { Cte } from './sql-text.js';
import { CHI_SQUARE_SMOOTHING } from './thresholds.js';

/** Kept BIGINT: DuckDB sums BIGINT counts into HUGEINT, which is slow in the arithmetic after. */
function bigint(expression: string): string {
  return `CAST(${expression} AS BIGINT)`;
}

/** Reference mean and sample standard deviation (n − 1), two-pass over the value counts. */
export function referenceMomentCtes(): Cte[] {
  return [
    { name: 'num_mean', sql: 'SELECT feature_id, SUM(c * v) / SUM(c) AS mean FROM num_ref GROUP BY feature_id' },
    {
      name: 'num_std',
      sql: [
        'SELECT r.feature_id, m.mean, SQRT(SUM(r.c * (r.v - m.mean) * (r.v - m.mean)) / NULLIF(SUM(r.c) - 1, 0)) AS std',
        'FROM num_ref AS r JOIN num_mean AS m ON r.feature_id = m.feature_id GROUP BY r.feature_id, m.mean',
      ].join('\n'),
    },
  ];
}

/**
 * The PSI bin of a value: how many reference quantile edges lie below it, where edge k is
 * the smallest reference value whose CDF reaches k/bins. That count is
 * min(bins − 1, ⌊bins · #(reference values < v) / n_ref⌋), computed in integers. Tied
 * edges leave some bins empty on both sides, which adds nothing to PSI or JS.
 */
function binExpression(bins: number): string {
  const below = `(cum_ref - c_ref) * ${bins}`;
  const n = 'NULLIF(n_ref, 0)';
  return `CAST(LEAST(${bins - 1}, (${below} - MOD(${below}, ${n})) / ${n}) AS INTEGER)`;
}

/**
 * Both empirical CDFs at every distinct value. KS is their largest gap; Wasserstein-1 is
 * the area between them (∫|F_ref − F_cur| dx), summed exactly over the steps between
 * consecutive values, as scipy.stats.wasserstein_distance does.
 *
 * `num_bins` reads the CDF rows once: per distribution and PSI bin (see binExpression), both
 * counts and the parts of KS, Wasserstein and the current mean, which `num_dist` then
 * combines over the few bins. A separate pass for the histogram would read every row again.
 */
export function distributionCtes(key: DistributionKey, bins: number): Cte[] {
  const keys = keyList(key);
  /*
   * One running sum over all distributions in order, less the sum before each one, gives
   * the cumulative counts: DuckDB computes running sums partitioned by the key several
   * times slower than this.
   */
  const running = `ORDER BY ${keys}, v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
  const before = `ORDER BY ${keys} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING`;
  return [
    {
      // Per distribution: its sample sizes and the counts of the distributions before it.
      // A join with these few rows costs less than partitioned windows over every value.
      name: 'num_parts',
      sql: [
        `SELECT ${keys}, n_ref, n_cur,`,
        `COALESCE(SUM(n_ref) OVER (${before}), 0) AS before_ref,`,
        `COALESCE(SUM(n_cur) OVER (${before}), 0) AS before_cur`,
        `FROM (SELECT ${keys}, ${bigint('SUM(c_ref)')} AS n_ref, ${bigint('SUM(c_cur)')} AS n_cur FROM num_grid GROUP BY ${keys}) AS t`,
      ].join('\n'),
    },
    {
      name: 'num_cdf',
      sql: [
        `SELECT ${keyList(key, 'r')}, r.v, r.c_ref, r.c_cur, r.v_next,`,
        `${bigint('r.run_ref - p.before_ref')} AS cum_ref,`,
        `${bigint('r.run_cur - p.before_cur')} AS cum_cur,`,
        'p.n_ref, p.n_cur',
        `FROM (SELECT ${keys}, v, c_ref, c_cur,`,
        `SUM(c_ref) OVER (${running}) AS run_ref,`,
        `SUM(c_cur) OVER (${running}) AS run_cur,`,
        // Across a boundary v_next is the next distribution's value, but there both CDFs
        // are exactly 1, so the step adds nothing to the Wasserstein area.
        `LEAD(v) OVER (${running}) AS v_next`,
        'FROM num_grid) AS r',
        `JOIN num_parts AS p ON ${keyMatch(key, 'p', 'r')}`,
      ].join('\n'),
    },
    {
      name: 'num_bins',
      sql: [
        `SELECT ${keys}, SUM(c_ref) AS r, SUM(c_cur) AS c, MAX(ABS(f_ref - f_cur)) AS ks,`,
        'SUM(ABS(f_ref - f_cur) * COALESCE(v_next - v, 0)) AS w1, SUM(c_cur * v) AS sum_cur',
        `FROM (SELECT ${keys}, v, v_next, c_ref, c_cur, ${ratio('cum_ref', 'n_ref')} AS f_ref, ${ratio('cum_cur', 'n_cur')} AS f_cur,`,
        `${binExpression(bins)} AS bin FROM num_cdf) AS d`,
        `GROUP BY ${keys}, bin`,
      ].join('\n'),
      evaluation: 'once',
    },
    {
      name: 'num_dist',
      sql: [
        `SELECT ${keys}, MAX(ks) AS ks, SUM(w1) AS w1, ${ratio('SUM(sum_cur)', 'SUM(c)')} AS mean_cur`,
        `FROM num_bins GROUP BY ${keys}`,
      ].join('\n'),
    },
  ];
}

export interface HistogramParts {
  key: DistributionKey;
  numeric: boolean;
  categorical: boolean;
  epsilon: number;
}

/**
 * hist_stats: PSI, Jensen–Shannon distance and chi-square per distribution, over
 * the PSI bins of numeric features (`num_bins`, see distributionCtes) and the categories of
 * categorical ones.
 */
export function histogramCtes(parts: HistogramParts): Cte[] {
  const keys = keyList(parts.key);
  const whole = `PARTITION BY ${keys}`;
  // One row per bin or category with both counts: the statistics need no bucket label.
  const sources: string[] = [];
  if (parts.numeric) sources.push(`SELECT 'num' AS kind, ${keys}, r, c FROM num_bins`);
  if (parts.categorical) sources.push(`SELECT 'cat' AS kind, ${keys}, c_ref AS r, c_cur AS c FROM cat_grid`);
  const eps = numberLiteral(parts.epsilon);
  const alpha = numberLiteral(CHI_SQUARE_SMOOTHING);
  const p = `GREATEST(p, ${eps})`;
  const q = `GREATEST(q, ${eps})`;
  const both = 'MIN(n_ref) > 0 AND MIN(n_cur) > 0';
  const klDivergences =
    'CASE WHEN p > 0 THEN p * LN(2 * p / (p + q)) ELSE 0 END + CASE WHEN q > 0 THEN q * LN(2 * q / (p + q)) ELSE 0 END';
  const expected = `n_cur * (r + ${alpha}) / (n_ref + ${alpha} * k)`;
  return [
    { name: 'hist', sql: unionAll(sources) },
    {
      name: 'hist_shares',
      sql: [
        `SELECT kind, ${keys}, r, c, n_ref, n_cur, k, ${ratio('r', 'n_ref')} AS p, ${ratio('c', 'n_cur')} AS q FROM (`,
        `SELECT kind, ${keys}, r, c, SUM(r) OVER (${whole}) AS n_ref, SUM(c) OVER (${whole}) AS n_cur,`,
        `COUNT(*) OVER (${whole}) AS k FROM hist) AS h`,
      ].join('\n'),
    },
    {
      name: 'hist_stats',
      sql: [
        `SELECT kind, ${keys},`,
        `CASE WHEN ${both} THEN SUM((${q} - ${p}) * LN(${q} / ${p})) END AS psi,`,
        // JS divergence in nats is halved KL sums; dividing by ln 2 gives base 2, whose root is the distance.
        `CASE WHEN ${both} THEN SQRT(GREATEST(0, SUM(${klDivergences}) / (2 * LN(2)))) END AS js,`,
        `CASE WHEN ${both} THEN SUM((c - ${expected}) * (c - ${expected}) / (${expected})) END AS chi_square,`,
        'MIN(n_cur) AS n_cur, MIN(k) AS k',
        `FROM hist_shares GROUP BY kind, ${keys}`,
      ].join('\n'),
    },
  ];
}
