import type { Connection, Row } from '../targets/index.js';
import { stringLiteral } from './dialect.js';
import type { OutputTables } from './output-tables.js';

/** What one monitor's tables hold, as read back for the summary of `mlc monitor`. */
export interface MonitorResults {
  monitor: string;
  model: string;
  /** Metric columns read from the performance table, in order. */
  metrics: readonly string[];
  /** Oldest first. */
  performance: { day: string; version: string; variant: string; values: Record<string, number | null> }[];
  /** Every drift row, oldest first. */
  drift: { day: string; reference: string; windowDays: number; feature: string; method: string; value: number | null; threshold: number | null; drifted: boolean }[];
  /** Data quality rows of the last period. */
  quality: { day: string; feature: string; metric: string; value: number | null; threshold: number | null; breached: boolean }[];
  alerts: { day: string; kind: string; subject: string; metric: string; value: number | null; threshold: number | null; severity: string; message: string }[];
}

export interface ResultsQuery {
  monitor: string;
  model: string;
  /** Qualified performance table. */
  performanceTable: string;
  tables: OutputTables;
  metrics: readonly string[];
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Selected columns get quoted lower-case aliases, so both engines return the same keys. */
function columns(list: Record<string, string>): string {
  return Object.entries(list)
    .map(([alias, expression]) => `${expression} AS "${alias}"`)
    .join(', ');
}

export async function readMonitorResults(connection: Connection, q: ResultsQuery): Promise<MonitorResults> {
  const own = `monitor = ${stringLiteral(connection.dialect, q.monitor)}`;
  const day = (c: string): string => `CAST(${c} AS VARCHAR)`;
  const rows = async (sql: string): Promise<Row[]> => (await connection.query(sql)).rows;
  const metricColumns = Object.fromEntries(q.metrics.map((m) => [m, m]));
  // One statement at a time: a connection runs them in turn.
  const performance = await rows(
    `SELECT ${columns({ day: day('prediction_date'), version: 'model_version', variant: 'variant', ...metricColumns })} FROM ${q.performanceTable} ORDER BY prediction_date, model_version, variant`,
  );
  const drift = await rows(
    `SELECT ${columns({ day: day('drift_date'), reference: 'reference', window_days: 'window_days', feature: 'feature', method: 'method', value: 'value', threshold: 'threshold', drifted: 'drifted' })} FROM ${q.tables.drift} WHERE ${own} ORDER BY drift_date, feature, method`,
  );
  const quality = await rows(
    `SELECT ${columns({ day: day('quality_date'), feature: 'feature', metric: 'metric', value: 'value', threshold: 'threshold', breached: 'breached' })} FROM ${q.tables.quality} WHERE ${own} AND quality_date = (SELECT MAX(quality_date) FROM ${q.tables.quality} WHERE ${own}) ORDER BY feature, metric`,
  );
  const alerts = await rows(
    `SELECT ${columns({ day: day('alert_date'), kind: 'kind', subject: 'subject', metric: 'metric', value: 'value', threshold: 'threshold', severity: 'severity', message: 'message' })} FROM ${q.tables.alerts} WHERE ${own} ORDER BY severity, kind, subject, metric`,
  );
  return {
    monitor: q.monitor,
    model: q.model,
    metrics: q.metrics,
    performance: performance.map((r) => ({
      day: text(r.day),
      version: text(r.version),
      variant: text(r.variant),
      values: Object.fromEntries(q.metrics.map((m) => [m, num(r[m])])),
    })),
    drift: drift.map((r) => ({
      day: text(r.day),
      reference: text(r.reference),
      windowDays: Number(r.window_days),
      feature: text(r.feature),
      method: text(r.method),
      value: num(r.value),
      threshold: num(r.threshold),
      drifted: r.drifted === true,
    })),
    quality: quality.map((r) => ({
      day: text(r.day),
      feature: text(r.feature),
      metric: text(r.metric),
      value: num(r.value),
      threshold: num(r.threshold),
      breached: r.breached === true,
    })),
    alerts: alerts.map((r) => ({
      day: text(r.day),
      kind: text(r.kind),
      subject: text(r.subject),
      metric: text(r.metric),
      value: num(r.value),
      threshold: num(r.threshold),
      severity: text(r.severity),
      message: text(r.message),
    })),
  };
}
