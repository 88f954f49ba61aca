import { stringLiteral } from './dialect.js';
import type { MonitorPlan, PerformanceAlert } from './monitor-plan.js';
import { outputColumns, SCORE_COLUMN } from './output-tables.js';
import { numberLiteral, unionAll } from './sql-text.js';

function performanceAlert(spec: MonitorPlan, alert: PerformanceAlert): string {
  const s = (value: string): string => stringLiteral(spec.dialect, value);
  const t = numberLiteral(alert.threshold);
  const metric = alert.metric;
  const [name, value, breached, message] =
    alert.bound === 'drop'
      ? [`${metric}_drop`, 'prev - cur', `prev - cur > ${t}`, `${metric} fell by more than ${alert.threshold} since the previous period`]
      : alert.bound === 'min'
        ? [`min_${metric}`, 'cur', `cur < ${t}`, `${metric} below ${alert.threshold}`]
        : [`max_${metric}`, 'cur', `cur > ${t}`, `${metric} above ${alert.threshold}`];
  return [
    `SELECT prediction_date, ${s(spec.monitor)}, model_name, ${s('performance')},`,
    `COALESCE(model_version, '') || ' ' || COALESCE(variant, ''), ${s(name)}, ${value}, ${t}, ${s(spec.performanceSeverity)}, ${s(message)}`,
    `FROM (SELECT prediction_date, model_name, model_version, variant, ${metric} AS cur,`,
    `LAG(${metric}) OVER (PARTITION BY model_version, variant ORDER BY prediction_date) AS prev,`,
    `ROW_NUMBER() OVER (PARTITION BY model_version, variant ORDER BY prediction_date DESC) AS recency`,
    `FROM ${spec.performanceTable}) AS p`,
    `WHERE recency = 1 AND ${breached}`,
  ].join('\n');
}

/**
 * The alerts of the latest period: drifted features of the current window, breached data
 * quality metrics of the last period, and performance thresholds crossed by each model
 * version and variant's last period.
 */
export function alertStatements(spec: MonitorPlan): string[] {
  const s = (value: string): string => stringLiteral(spec.dialect, value);
  const own = `monitor = ${s(spec.monitor)}`;
  const selects: string[] = [];
  if (spec.drift) {
    const table = spec.tables.drift;
    const isScore = `feature = ${s(SCORE_COLUMN)}`;
    selects.push(
      [
        `SELECT drift_date, monitor, model_name, CASE WHEN ${isScore} THEN ${s('prediction_drift')} ELSE ${s('drift')} END,`,
        `feature, method, value, threshold, ${s(spec.drift.severity)},`,
        `CASE WHEN ${isScore} THEN ${s('Prediction drift detected in the score distribution')} ELSE ${s('Data drift detected in ')} || feature || ${s(' feature')} END`,
        `FROM ${table} WHERE ${own} AND drifted AND drift_date = (SELECT MAX(drift_date) FROM ${table} WHERE ${own})`,
      ].join('\n'),
    );
  }
  if (spec.quality) {
    const table = spec.tables.quality;
    selects.push(
      [
        `SELECT quality_date, monitor, model_name, ${s('quality')}, feature, metric, value, threshold, ${s(spec.quality.severity)},`,
        `${s('Data quality: ')} || metric || ${s(' of ')} || feature || ${s(' above its threshold')}`,
        `FROM ${table} WHERE ${own} AND breached AND quality_date = (SELECT MAX(quality_date) FROM ${table} WHERE ${own})`,
      ].join('\n'),
    );
  }
  selects.push(...spec.performanceAlerts.map((a) => performanceAlert(spec, a)));
  if (selects.length === 0) return [];
  return [`INSERT INTO ${spec.tables.alerts} (${outputColumns('alerts')})\n${unionAll(selects)}`];
}
