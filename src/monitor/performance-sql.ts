import type { Dialect } from '../targets/target.js';
import { stringLiteral } from './dialect.js';
import { column, double, numberLiteral, periodExpression, ratio, selectFrom, withClause } from './sql-text.js';
import type { Cte } from './sql-text.js';
import type { PerformanceSpec } from './types.js';

/** Probabilities are clipped to [ε, 1 − ε] before the logarithm, as scikit-learn did by default. */
export const LOG_LOSS_EPSILON = 1e-15;

/** Equal-width bins of the positive-class probability for the expected calibration error. */
export const CALIBRATION_BINS = 10;

export const DEFAULT_DECISION_THRESHOLD = 0.5;

const GROUP = 'prediction_date, model_version, variant';

function literal(dialect: Dialect, value: string | number | boolean): string {
  if (typeof value === 'string') return stringLiteral(dialect, value);
  if (typeof value === 'number') return numberLiteral(value);
  return value ? 'TRUE' : 'FALSE';
}

/**
 * Scores joined to actuals. Without an outcome time each key must have one actual; with
 * one, a prediction takes the earliest outcome at or after it. Rows whose score or label is
 * NULL are left out.
 */
function joinedCtes(spec: PerformanceSpec): Cte[] {
  const { scores, actuals, dialect } = spec;
  const version = scores.version
    ? `CAST(${column(scores.version)} AS VARCHAR)`
    : spec.modelVersion === undefined
      ? 'CAST(NULL AS VARCHAR)'
      : stringLiteral(dialect, spec.modelVersion);
  const variant = scores.variant ? `CAST(${column(scores.variant)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
  const scored = [
    `${column(scores.key)} AS k`,
    `${column(scores.at)} AS predicted_at`,
    `${periodExpression(scores.at, spec.grain)} AS prediction_date`,
    `${version} AS model_version`,
    `${variant} AS variant`,
    `${double(column(scores.score))} AS score`,
  ].join(', ');
  const actualAt = actuals.at ? `, ${column(actuals.at)} AS observed_at` : '';
  const join = actuals.at
    ? [
        'SELECT s.prediction_date, s.model_version, s.variant, s.score, a.label',
        'FROM scored AS s JOIN actual AS a ON a.k = s.k AND a.observed_at >= s.predicted_at',
        'QUALIFY ROW_NUMBER() OVER (PARTITION BY s.k, s.predicted_at, s.model_version, s.variant ORDER BY a.observed_at) = 1',
      ].join('\n')
    : 'SELECT s.prediction_date, s.model_version, s.variant, s.score, a.label FROM scored AS s JOIN actual AS a ON a.k = s.k';
  return [
    { name: 'scored', sql: `SELECT * FROM (${selectFrom(scores, scored)}) AS s WHERE score IS NOT NULL` },
    {
      name: 'actual',
      sql: `SELECT * FROM (${selectFrom(actuals, `${column(actuals.key)} AS k, ${column(actuals.label)} AS label${actualAt}`)}) AS a WHERE label IS NOT NULL`,
    },
    { name: 'joined', sql: join },
  ];
}

function classificationBody(spec: PerformanceSpec): { ctes: Cte[]; select: string } {
  const positive =
    spec.positive === undefined
      ? 'CAST(label AS INTEGER)'
      : `CASE WHEN label = ${literal(spec.dialect, spec.positive)} THEN 1 ELSE 0 END`;
  const threshold = numberLiteral(spec.threshold ?? DEFAULT_DECISION_THRESHOLD);
  const eps = numberLiteral(LOG_LOSS_EPSILON);
  const clipped = `LEAST(GREATEST(score, ${eps}), 1 - ${eps})`;
  const calibrationBin = `LEAST(${CALIBRATION_BINS - 1}, FLOOR(score * ${CALIBRATION_BINS}))`;
  const predicted = `score >= ${threshold}`;
  const tp = `SUM(CASE WHEN ${predicted} THEN pos ELSE 0 END)`;
  const fp = `SUM(CASE WHEN ${predicted} THEN neg ELSE 0 END)`;
  const fn = `SUM(CASE WHEN ${predicted} THEN 0 ELSE pos END)`;
  const correct = `SUM(CASE WHEN ${predicted} THEN pos ELSE neg END)`;
  const ctes: Cte[] = [
    // One row per distinct score: AUC, calibration and counts all read these levels.
    {
      name: 'levels',
      sql: `SELECT ${GROUP}, score, COUNT(*) AS n, SUM(${positive}) AS pos FROM joined GROUP BY ${GROUP}, score`,
    },
    {
      name: 'ranked',
      sql: [
        `SELECT ${GROUP}, score, n, pos, n - pos AS neg,`,
        `SUM(n - pos) OVER (PARTITION BY ${GROUP} ORDER BY score ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - (n - pos) AS neg_below,`,
        `SUM(score * n) OVER (PARTITION BY ${GROUP}, ${calibrationBin}) AS bin_score,`,
        `SUM(pos) OVER (PARTITION BY ${GROUP}, ${calibrationBin}) AS bin_pos,`,
        `ROW_NUMBER() OVER (PARTITION BY ${GROUP}, ${calibrationBin} ORDER BY score) AS bin_row`,
        'FROM levels',
      ].join('\n'),
    },
  ];
  const select = [
    `CAST(${correct} AS BIGINT) AS correct_predictions,`,
    `${ratio(correct, 'SUM(n)')} AS accuracy,`,
    `${ratio(tp, `${tp} + ${fp}`)} AS precision,`,
    `${ratio(tp, `${tp} + ${fn}`)} AS recall,`,
    `${ratio(`2 * ${tp}`, `2 * ${tp} + ${fp} + ${fn}`)} AS f1_score,`,
    // Mann–Whitney: each positive beats the negatives below it and ties count half.
    `${ratio('SUM(pos * (neg_below + 0.5 * neg))', `${double('SUM(pos)')} * SUM(neg)`)} AS auc_roc,`,
    `-SUM(pos * LN(${clipped}) + neg * LN(1 - ${clipped})) / SUM(n) AS log_loss,`,
    `SUM(CASE WHEN bin_row = 1 THEN ABS(bin_score - bin_pos) ELSE 0 END) / SUM(n) AS calibration_error,`,
    'SUM(n * GREATEST(score, 1 - score)) / SUM(n) AS avg_confidence',
    'FROM ranked',
  ].join('\n');
  return { ctes, select: `CAST(SUM(n) AS BIGINT) AS total_predictions,\n${select}` };
}

function regressionBody(): { ctes: Cte[]; select: string } {
  const error = `score - ${double('label')}`;
  return {
    ctes: [],
    select: `CAST(COUNT(*) AS BIGINT) AS total_predictions, SQRT(AVG((${error}) * (${error}))) AS rmse, AVG(ABS(${error})) AS mae\nFROM joined`,
  };
}

/**
 * One query returning a row per prediction_date, model_version and variant with the
 * columns of the seed's model_monitoring table plus the other metrics: classification adds
 * precision, recall, f1_score, auc_roc, log_loss and calibration_error; regression gives
 * total_predictions, rmse and mae. The score is the positive-class probability.
 */
export function performanceSql(spec: PerformanceSpec): string {
  const body = spec.task === 'classification' ? classificationBody(spec) : regressionBody();
  const select = [
    `SELECT prediction_date, ${stringLiteral(spec.dialect, spec.modelName)} AS model_name, model_version, variant,`,
    body.select,
    `GROUP BY ${GROUP}`,
    `ORDER BY ${GROUP}`,
  ].join('\n');
  return withClause(spec.dialect, [...joinedCtes(spec), ...body.ctes], select);
}
