import { numberLiteral, ratio, unionAll } from './sql-text.js';
import type { Cte } from './sql-text.js';
import { CHI_SQUARE_SMOOTHING } from './thresholds.js';

const WHOLE = 'PARTITION BY feature_id, period';
/*
 * One running sum over all partitions in order, less the sum before each partition, gives
 * the cumulative counts: DuckDB computes running sums over many partitions (features ×
 * periods) several times slower than this.
 */
const RUNNING = 'ORDER BY feature_id, period, v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
const BEFORE = 'ORDER BY feature_id, period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';

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
 * Both empirical CDFs at every distinct value. KS is their largest gap; Wasserstein-1 is
 * the area between them (∫|F_ref − F_cur| dx), summed exactly over the steps between
 * consecutive values, as scipy.stats.wasserstein_distance does.
 */
export function distributionCtes(): Cte[] {
  return [
    {
      // Per feature and period: its sample sizes and the counts of the partitions before it.
      // A join with these few rows costs less than partitioned windows over every value.
      name: 'num_parts',
      sql: [
        'SELECT feature_id, period, n_ref, n_cur,',
        `COALESCE(SUM(n_ref) OVER (${BEFORE}), 0) AS before_ref,`,
        `COALESCE(SUM(n_cur) OVER (${BEFORE}), 0) AS before_cur`,
        `FROM (SELECT feature_id, period, ${bigint('SUM(c_ref)')} AS n_ref, ${bigint('SUM(c_cur)')} AS n_cur FROM num_grid GROUP BY feature_id, period) AS t`,
      ].join('\n'),
    },
    {
      name: 'num_cdf',
      sql: [
        'SELECT r.feature_id, r.period, r.v, r.c_ref, r.c_cur, r.v_next,',
        `${bigint('r.run_ref - p.before_ref')} AS cum_ref,`,
        `${bigint('r.run_cur - p.before_cur')} AS cum_cur,`,
        'p.n_ref, p.n_cur',
        'FROM (SELECT feature_id, period, v, c_ref, c_cur,',
        `SUM(c_ref) OVER (${RUNNING}) AS run_ref,`,
        `SUM(c_cur) OVER (${RUNNING}) AS run_cur,`,
        // Across a partition boundary v_next is the next feature's value, but there both
        // CDFs are exactly 1, so the step adds nothing to the Wasserstein area.
        `LEAD(v) OVER (${RUNNING}) AS v_next`,
        'FROM num_grid) AS r',
        // period is NULL when the current sample is not bucketed.
        'JOIN num_parts AS p ON p.feature_id = r.feature_id AND p.period IS NOT DISTINCT FROM r.period',
      ].join('\n'),
      evaluation: 'once',
    },
    {
      name: 'num_dist',
      sql: [
        'SELECT feature_id, period, MAX(ABS(f_ref - f_cur)) AS ks,',
        'SUM(ABS(f_ref - f_cur) * COALESCE(v_next - v, 0)) AS w1,',
        `${ratio('SUM(c_cur * v)', 'SUM(c_cur)')} AS mean_cur`,
        `FROM (SELECT feature_id, period, v, v_next, c_cur, ${ratio('cum_ref', 'n_ref')} AS f_ref, ${ratio('cum_cur', 'n_cur')} AS f_cur FROM num_cdf) AS d`,
        'GROUP BY feature_id, period',
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

export interface HistogramParts {
  numeric: boolean;
  categorical: boolean;
  bins: number;
  epsilon: number;
}

/**
 * hist_stats: PSI, Jensen–Shannon distance and chi-square per feature and period, over
 * the PSI bins of numeric features and the categories of categorical ones.
 */
export function histogramCtes(parts: HistogramParts): Cte[] {
  // One row per bin or category with both counts: the statistics need no bucket label.
  const sources: string[] = [];
  if (parts.numeric) {
    sources.push(
      `SELECT 'num' AS kind, feature_id, period, SUM(c_ref) AS r, SUM(c_cur) AS c FROM num_cdf GROUP BY feature_id, period, ${binExpression(parts.bins)}`,
    );
  }
  if (parts.categorical) {
    sources.push("SELECT 'cat' AS kind, feature_id, period, c_ref AS r, c_cur AS c FROM cat_grid");
  }
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
        `SELECT kind, feature_id, period, r, c, n_ref, n_cur, k, ${ratio('r', 'n_ref')} AS p, ${ratio('c', 'n_cur')} AS q FROM (`,
        `SELECT kind, feature_id, period, r, c, SUM(r) OVER (${WHOLE}) AS n_ref, SUM(c) OVER (${WHOLE}) AS n_cur,`,
        `COUNT(*) OVER (${WHOLE}) AS k FROM hist) AS h`,
      ].join('\n'),
    },
    {
      name: 'hist_stats',
      sql: [
        'SELECT kind, feature_id, period,',
        `CASE WHEN ${both} THEN SUM((${q} - ${p}) * LN(${q} / ${p})) END AS psi,`,
        // JS divergence in nats is halved KL sums; dividing by ln 2 gives base 2, whose root is the distance.
        `CASE WHEN ${both} THEN SQRT(GREATEST(0, SUM(${klDivergences}) / (2 * LN(2)))) END AS js,`,
        `CASE WHEN ${both} THEN SUM((c - ${expected}) * (c - ${expected}) / (${expected})) END AS chi_square,`,
        'MIN(n_cur) AS n_cur, MIN(k) AS k',
        'FROM hist_shares GROUP BY kind, feature_id, period',
      ].join('\n'),
    },
  ];
}
