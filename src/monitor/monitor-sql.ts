import { stringLiteral } from './dialect.js';
import { driftSql } from './drift-sql.js';
import type { MonitorDrift, MonitorQuality, MonitorPlan } from './monitor-plan.js';
import { alertStatements } from './alerts-sql.js';
import { createOutputTables, outputColumns, SCORE_COLUMN } from './output-tables.js';
import { predictionDriftSql } from './prediction-drift-sql.js';
import { qualitySql } from './quality-sql.js';
import { column, numberLiteral, selectFrom } from './sql-text.js';
import { DRIFT_THRESHOLDS, NUMERIC_METHODS, QUALITY_THRESHOLDS } from './thresholds.js';
import type { CurrentSample, Sample } from './types.js';
import { beforeLatestWindow, betweenDays, latestWindow, rollingWindows } from './windows.js';

/** `CASE <key> WHEN 'a' THEN x … END`: a threshold per method or metric, NULL for those without one. */
function thresholdCase(spec: MonitorPlan, key: string, thresholds: Readonly<Record<string, number | undefined>>): string {
  const arms = Object.entries(thresholds)
    .filter((entry): entry is [string, number] => entry[1] !== undefined)
    .map(([name, value]) => `WHEN ${stringLiteral(spec.dialect, name)} THEN ${numberLiteral(value)}`);
  return `CASE ${key} ${arms.join(' ')} ELSE CAST(NULL AS DOUBLE) END`;
}

interface DriftSamples {
  label: string;
  reference: Sample;
  scoreReference: Sample;
  current: CurrentSample;
}

function driftSamples(spec: MonitorPlan, drift: MonitorDrift): DriftSamples {
  const { scored } = spec;
  const days = drift.windowDays;
  const ref = drift.reference;
  if (ref.kind === 'training') {
    return { label: 'training', reference: ref.features, scoreReference: ref.scores, current: rollingWindows(scored, days) };
  }
  if (ref.kind === 'rolling') {
    const before = beforeLatestWindow(scored, days);
    return { label: 'rolling', reference: before, scoreReference: before, current: latestWindow(scored, days) };
  }
  const fixed = betweenDays(spec.dialect, scored, ref.start, ref.end);
  return { label: `${ref.start}..${ref.end}`, reference: fixed, scoreReference: fixed, current: rollingWindows(scored, days) };
}

/**
 * Scores are compared at this many decimals. A model's scores are lumpy (a forest gives a
 * few exact values, such as 0 and 1), and PSI's quantile bins and KS would otherwise tell
 * 0.9999999999 from 1.
 */
const SCORE_DECIMALS = 2;

function roundedScores<T extends CurrentSample>(sample: T): T {
  const period = sample.period ? `${column(sample.period.column)}, ` : '';
  const rounded = `ROUND(${SCORE_COLUMN}, ${SCORE_DECIMALS}) AS ${SCORE_COLUMN}`;
  return { ...sample, from: `(${selectFrom(sample, `${period}${rounded}`)}) AS scores`, where: undefined };
}

function driftInserts(spec: MonitorPlan, drift: MonitorDrift): string[] {
  const samples = driftSamples(spec, drift);
  const thresholds = { ...DRIFT_THRESHOLDS, ...drift.thresholds };
  const threshold = thresholdCase(spec, 'method', thresholds);
  const insert = (query: string): string =>
    [
      `INSERT INTO ${spec.tables.drift} (${outputColumns('drift')})`,
      `SELECT ${stringLiteral(spec.dialect, spec.monitor)}, ${stringLiteral(spec.dialect, spec.modelName)}, period, ${drift.windowDays},`,
      `${stringLiteral(spec.dialect, samples.label)}, feature, method, value, ${threshold}, COALESCE(value > ${threshold}, FALSE)`,
      `FROM (\n${query}\n) AS drift`,
    ].join('\n');
  const { dialect } = spec;
  const statements = [
    insert(
      driftSql({
        dialect,
        reference: samples.reference,
        current: samples.current,
        numeric: drift.numeric,
        categorical: drift.categorical,
        methods: drift.methods,
        sample: drift.sample,
        key: drift.key,
      }),
    ),
  ];
  const scoreMethods = drift.methods.filter((m) => NUMERIC_METHODS.has(m));
  if (drift.predictions && scoreMethods.length > 0) {
    statements.push(
      insert(
        predictionDriftSql({
          dialect,
          reference: roundedScores(samples.scoreReference),
          current: roundedScores(samples.current),
          score: SCORE_COLUMN,
          methods: scoreMethods,
        }),
      ),
    );
  }
  return statements;
}

function qualityInsert(spec: MonitorPlan, quality: MonitorQuality): string {
  const thresholds = { ...QUALITY_THRESHOLDS, ...quality.thresholds };
  const threshold = thresholdCase(spec, 'metric', thresholds);
  const query = qualitySql({
    dialect: spec.dialect,
    reference: quality.reference,
    current: { from: `${spec.scored.from} AS s`, period: { column: spec.scored.at, grain: spec.grain } },
    numeric: quality.numeric,
    categorical: quality.categorical,
  });
  const measured = `CASE WHEN metric = ${stringLiteral(spec.dialect, 'row_count_change')} THEN ABS(value) ELSE value END`;
  return [
    `INSERT INTO ${spec.tables.quality} (${outputColumns('quality')})`,
    `SELECT ${stringLiteral(spec.dialect, spec.monitor)}, ${stringLiteral(spec.dialect, spec.modelName)}, period, feature, metric, value,`,
    `${threshold}, COALESCE(${measured} > ${threshold}, FALSE)`,
    `FROM (\n${query}\n) AS quality`,
  ].join('\n');
}

/**
 * The statements after the performance table is built: create the shared tables, then
 * in one transaction replace this monitor's drift, data quality and alert rows.
 */
export function monitorStatements(spec: MonitorPlan): string[] {
  const own = `WHERE monitor = ${stringLiteral(spec.dialect, spec.monitor)}`;
  return [
    ...createOutputTables(spec.tables),
    'BEGIN TRANSACTION',
    `DELETE FROM ${spec.tables.drift} ${own}`,
    ...(spec.drift ? driftInserts(spec, spec.drift) : []),
    `DELETE FROM ${spec.tables.quality} ${own}`,
    ...(spec.quality ? [qualityInsert(spec, spec.quality)] : []),
    `DELETE FROM ${spec.tables.alerts} ${own}`,
    ...alertStatements(spec),
    'COMMIT',
  ];
}
