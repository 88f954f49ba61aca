import { SCORE_COLUMN } from './output-tables.js';
import type { MonitorResults } from './results.js';

const BARS = '▁▂▃▄▅▆▇█';
const TREND_POINTS = 30;

export const NO_DRIFT_MESSAGE = 'SUCCESS: No significant data drift detected';

/** The seed's detect_data_drift message for a drifted feature. */
export function driftMessage(feature: string): string {
  return `WARNING: Data drift detected in ${feature} feature`;
}

function fixed(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return '';
  const low = Math.min(...present);
  const span = Math.max(...present) - low;
  return values
    .map((v) => (v === null ? ' ' : BARS[span === 0 ? 3 : Math.round(((v - low) / span) * (BARS.length - 1))]))
    .join('');
}

function performanceLines(r: MonitorResults): string[] {
  if (r.performance.length === 0) return ['  performance: no scored rows with an outcome yet'];
  const groups = new Map<string, MonitorResults['performance']>();
  for (const row of r.performance) {
    const key = `version ${row.version || 'n/a'}, ${row.variant || 'all'}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const width = Math.max(...r.metrics.map((m) => m.length));
  const lines: string[] = [];
  for (const [group, rows] of groups) {
    lines.push(`  performance, ${group}: ${rows[0]!.day} … ${rows.at(-1)!.day} (${rows.length} ${rows.length === 1 ? 'period' : 'periods'})`);
    for (const metric of r.metrics) {
      const values = rows.map((row) => row.values[metric] ?? null).slice(-TREND_POINTS);
      const last = values.at(-1) ?? null;
      const previous = values.at(-2) ?? null;
      const change = last !== null && previous !== null ? `  (last change ${last - previous >= 0 ? '+' : ''}${(last - previous).toFixed(3)})` : '';
      lines.push(`    ${metric.padEnd(width)}  ${sparkline(values)}  ${fixed(values[0] ?? null)} → ${fixed(last)}${change}`);
    }
  }
  return lines;
}

/** When the trailing run of drifted windows began, for a feature drifted now. */
function driftedSince(r: MonitorResults, feature: string): string | undefined {
  const days = [...new Set(r.drift.filter((d) => d.feature === feature).map((d) => d.day))];
  let since: string | undefined;
  for (const day of days.reverse()) {
    if (!r.drift.some((d) => d.feature === feature && d.day === day && d.drifted)) break;
    since = day;
  }
  return since;
}

function driftLines(r: MonitorResults): string[] {
  const latest = r.drift.at(-1);
  if (!latest) return [];
  const current = r.drift.filter((d) => d.day === latest.day);
  const features = [...new Set(current.map((d) => d.feature))];
  const drifted = (f: string): boolean => current.some((d) => d.feature === f && d.drifted);
  features.sort((a, b) => Number(drifted(b)) - Number(drifted(a)) || a.localeCompare(b));
  const width = Math.max(...features.map((f) => f.length));
  const lines = [`  drift, ${latest.windowDays}-day window ending ${latest.day}, against ${latest.reference}:`];
  for (const feature of features) {
    const stats = current
      .filter((d) => d.feature === feature)
      .map((d) => `${d.method} ${fixed(d.value)}${d.drifted ? ` > ${d.threshold}` : ''}`)
      .join('  ');
    const since = drifted(feature) ? `  (since ${driftedSince(r, feature)})` : '';
    lines.push(`    ${feature.padEnd(width)}  ${drifted(feature) ? 'DRIFTED' : 'ok     '}  ${stats}${since}`);
  }
  return lines;
}

function qualityLines(r: MonitorResults): string[] {
  if (r.quality.length === 0) return [];
  const breached = r.quality.filter((q) => q.breached);
  const head = `  data quality, ${r.quality[0]!.day}: ${breached.length === 0 ? 'every metric within its threshold' : `${breached.length} breached`}`;
  return [head, ...breached.map((q) => `    ${q.feature} ${q.metric} ${fixed(q.value)} > ${q.threshold}`)];
}

function alertLines(r: MonitorResults): string[] {
  const errors = r.alerts.filter((a) => a.severity === 'error').length;
  const head = `  alerts: ${r.alerts.length === 0 ? 'none' : `${r.alerts.length} (${errors} error, ${r.alerts.length - errors} warning)`}`;
  const others = r.alerts.filter((a) => a.kind === 'performance');
  return [head, ...others.map((a) => `    ${a.severity} ${a.subject}: ${a.message} (${fixed(a.value)})`)];
}

/** The seed's drift messages: one WARNING per drifted feature of the current window, or SUCCESS. */
export function driftVerdict(r: MonitorResults): string[] {
  const latest = r.drift.at(-1);
  if (!latest) return [];
  const drifted = [...new Set(r.drift.filter((d) => d.day === latest.day && d.drifted).map((d) => d.feature))].sort();
  const features = drifted.filter((f) => f !== SCORE_COLUMN);
  const lines = features.map(driftMessage);
  if (drifted.includes(SCORE_COLUMN)) lines.push('WARNING: Prediction drift detected in the score distribution');
  return lines.length > 0 ? lines : [NO_DRIFT_MESSAGE];
}

/** A readable summary of one monitor: metric trends, drifted features first, quality, alerts, then the verdict. */
export function formatMonitorSummary(r: MonitorResults): string {
  const lines = [
    `monitor ${r.monitor} (model ${r.model})`,
    ...performanceLines(r),
    ...driftLines(r),
    ...qualityLines(r),
    ...alertLines(r),
    ...driftVerdict(r),
  ];
  return `${lines.join('\n')}\n`;
}
