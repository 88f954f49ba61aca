/**
 * A monitor: the model's scored rows joined to actual outcomes, per period, version and
 * variant, into the seed's `model_monitoring` table; then drift of the scored features
 * from a reference, data quality and the alerts of the latest period, into tables several
 * monitors share. All of it recomputed in SQL on the target.
 */

import type { ModelNode, MonitorNode, ScoringNode } from '../graph/types.js';
import { closest, type Diagnostic } from '../project/diagnostic.js';
import type { MonitorSpec } from '../project/schema.js';
import { scoringFunctionName } from '../registry/functions.js';
import { monitorStatements, PERFORMANCE_METRICS, performanceSql, SCORE_COLUMN } from '../monitor/index.js';
import type { DriftMethod, DriftReference, MonitorDrift, MonitorPlan, MonitorQuality, OutputTables, PerformanceAlert, Task } from '../monitor/index.js';
import { qualified } from './names.js';
import { replaceTable } from './materialize.js';
import { createDriftProcedure } from './procedure/index.js';
import type { CompileContext, CompiledNode } from './types.js';

/** The columns of the batch scores table a monitor reads, beside the entity key and the features. */
const SCORE_COLUMNS = [SCORE_COLUMN, 'model_version', 'variant', 'scored_at'];

/** The shared tables a monitor writes, as written in SQL. */
export function monitorTables(node: MonitorNode): OutputTables {
  const { drift, quality, alerts } = node.spec.tables;
  return { drift: drift.toLowerCase(), quality: quality.toLowerCase(), alerts: alerts.toLowerCase() };
}

type Report = (path: (string | number)[], message: string, hint: string) => void;

function relationOf(ctx: CompileContext, id: string): string {
  return qualified(ctx.graph.nodes.get(id)!.relation!);
}

/** The scored rows with their feature values: the monitor's `scores` table, or the batch scores joined to the scoring input. */
function scoredRows(node: MonitorNode, model: ModelNode, ctx: CompileContext, features: readonly string[]): string {
  if (node.scores) return relationOf(ctx, node.scores);
  const scoring = ctx.graph.nodes.get(node.scoring) as ScoringNode;
  const key = model.spec.entity.toLowerCase();
  const columns = [`s.${key}`, ...SCORE_COLUMNS.map((c) => `s.${c}`), ...features.filter((f) => f !== key).map((f) => `i.${f}`)];
  return `(SELECT ${columns.join(', ')} FROM ${qualified(scoring.relation)} AS s JOIN ${relationOf(ctx, scoring.input)} AS i ON i.${key} = s.${key})`;
}

function parseAlert(key: string): Omit<PerformanceAlert, 'threshold'> | undefined {
  const bounded = /^(min|max)_(.+)$/.exec(key);
  if (bounded) return { bound: bounded[1] === 'min' ? 'min' : 'max', metric: bounded[2]! };
  const drop = /^(.+)_drop$/.exec(key);
  return drop ? { bound: 'drop', metric: drop[1]! } : undefined;
}

function performanceAlerts(spec: MonitorSpec, task: Task, report: Report): PerformanceAlert[] {
  const known = PERFORMANCE_METRICS[task];
  spec.performance.metrics.forEach((metric, i) => {
    if (!known.includes(metric)) report(['performance', 'metrics', i], `unknown ${task} metric '${metric}'`, `metrics: ${known.join(', ')}`);
  });
  const alerts: PerformanceAlert[] = [];
  for (const [key, threshold] of Object.entries(spec.performance.alert)) {
    const alert = parseAlert(key);
    if (alert && known.includes(alert.metric)) alerts.push({ ...alert, threshold });
    else report(['performance', 'alert', key], `unknown performance alert '${key}'`, `use <metric>_drop, min_<metric> or max_<metric>, with a metric of: ${known.join(', ')}`);
  }
  return alerts;
}

/** Each named feature must be a column of the training data, when its columns are known. */
function checkFeatures(section: 'drift' | 'quality', names: readonly string[] | undefined, model: ModelNode, ctx: CompileContext, report: Report): void {
  const training = ctx.graph.nodes.get(model.trainingData)!;
  const columns = training.columns?.map((c) => c.toLowerCase());
  if (!names || !columns) return;
  names.forEach((name, i) => {
    if (columns.includes(name.toLowerCase())) return;
    const guess = closest(name, columns);
    report([section, 'features', i], `'${name}' is not a column of the training data '${training.name}'`, guess ? `did you mean '${guess}'?` : `columns: ${columns.join(', ')}`);
  });
}

function driftPlan(spec: MonitorSpec, model: ModelNode, ctx: CompileContext, report: Report): MonitorDrift | undefined {
  const drift = spec.drift;
  if (!drift) return undefined;
  checkFeatures('drift', drift.features, model, ctx, report);
  const features = (drift.features ?? model.featureColumns).map((f) => f.toLowerCase());
  const categorical = drift.categorical.map((f) => f.toLowerCase());
  const methods: DriftMethod[] = typeof drift.method === 'string' ? [drift.method] : drift.method;
  const thresholds = { ...drift.thresholds };
  if (drift.threshold !== undefined) {
    if (methods.length === 1) thresholds[methods[0]!] = drift.threshold;
    else report(['drift', 'threshold'], 'one threshold for several drift methods', 'give each method its own under drift.thresholds');
  }
  const training = relationOf(ctx, model.trainingData);
  const reference: DriftReference =
    drift.reference === 'training'
      ? {
          kind: 'training',
          features: { from: training },
          scores: { from: `(SELECT ${scoringFunctionName(model)}(${model.featureColumns.join(', ')}) AS ${SCORE_COLUMN} FROM ${training}) AS t` },
        }
      : drift.reference === 'rolling'
        ? { kind: 'rolling' }
        : { kind: 'fixed', ...drift.reference };
  return {
    numeric: features.filter((f) => !categorical.includes(f)),
    categorical: features.filter((f) => categorical.includes(f)),
    methods,
    thresholds,
    reference,
    windowDays: drift.window_days,
    predictions: drift.predictions,
    sample: drift.sample,
    key: model.spec.entity.toLowerCase(),
    severity: drift.severity,
  };
}

function qualityPlan(spec: MonitorSpec, model: ModelNode, ctx: CompileContext, report: Report): MonitorQuality | undefined {
  const quality = spec.quality;
  if (!quality) return undefined;
  checkFeatures('quality', quality.features, model, ctx, report);
  const categorical = (spec.drift?.categorical ?? []).map((f) => f.toLowerCase());
  const features = (quality.features ?? spec.drift?.features ?? model.featureColumns).map((f) => f.toLowerCase());
  return {
    numeric: features.filter((f) => !categorical.includes(f)),
    categorical: features.filter((f) => categorical.includes(f)),
    // Only the limits the spec sets: the others keep their documented defaults.
    thresholds: Object.fromEntries(
      Object.entries({
        null_rate: quality.max_null_rate,
        out_of_range_share: quality.max_out_of_range,
        unseen_category_share: quality.max_unseen_categories,
        row_count_change: quality.max_row_count_change,
      }).filter(([, limit]) => limit !== undefined),
    ),
    reference: { from: relationOf(ctx, model.trainingData) },
    severity: quality.severity,
  };
}

export function compileMonitor(node: MonitorNode, ctx: CompileContext): CompiledNode {
  const model = ctx.graph.nodes.get(node.model) as ModelNode;
  const spec = node.spec;
  const diagnostics: Diagnostic[] = [];
  const report: Report = (path, message, hint) =>
    diagnostics.push({ file: node.file, ...node.locate(path), severity: 'error', code: 'invalid-monitor', message, hint });
  const task: Task = model.spec.task === 'regression' ? 'regression' : 'classification';
  const alerts = performanceAlerts(spec, task, report);
  const drift = driftPlan(spec, model, ctx, report);
  const quality = qualityPlan(spec, model, ctx, report);
  const features = [...new Set([...(drift ? [...drift.numeric, ...drift.categorical] : []), ...(quality ? [...quality.numeric, ...quality.categorical] : [])])];
  const scored = scoredRows(node, model, ctx, features);
  const performance = performanceSql({
    dialect: ctx.dialect,
    modelName: model.name,
    task,
    scores: { from: scored, key: model.spec.entity.toLowerCase(), score: SCORE_COLUMN, at: 'scored_at', version: 'model_version', variant: 'variant' },
    actuals: { from: relationOf(ctx, node.actuals), key: spec.actuals.key.toLowerCase(), label: spec.actuals.label.toLowerCase(), at: spec.actuals.at?.toLowerCase() },
    threshold: model.spec.serving.batch?.threshold,
    grain: spec.granularity,
  });
  const query = `SELECT ROW_NUMBER() OVER (ORDER BY prediction_date, model_version, variant) AS monitoring_id, performance.*\nFROM (\n${performance}\n) performance`;
  const plan: MonitorPlan = {
    dialect: ctx.dialect,
    monitor: node.name,
    modelName: model.name,
    performanceTable: qualified(node.relation),
    tables: monitorTables(node),
    scored: { from: scored, at: 'scored_at' },
    grain: spec.granularity,
    drift,
    quality,
    performanceAlerts: alerts,
    performanceSeverity: spec.performance.severity,
  };
  let statements: string[];
  try {
    statements = [...replaceTable(ctx.dialect, node.relation, query), ...monitorStatements(plan)];
    // On Snowflake the seed's detect_data_drift() procedure answers from the drift table.
    if (drift && ctx.dialect === 'snowflake') statements.push(createDriftProcedure(node, plan.tables.drift, ctx.graph.nodes.values()));
  } catch (error) {
    report(['drift'], error instanceof Error ? error.message : String(error), 'see docs/monitoring.md');
    statements = [];
  }
  return { id: node.id, statements, diagnostics };
}
