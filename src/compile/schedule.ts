/**
 * Snowflake task graphs, one per scheduled node (the jobs of src/schedule): the node and
 * its ancestors as tasks in topological order. The first is the root with the CRON
 * schedule; each other task runs AFTER its parents in the graph (or the root). Tasks are
 * created suspended and resumed children first, as Snowflake requires. A monitor with
 * alert thresholds also gets a CREATE ALERT on the same schedule.
 */

import type { ProjectGraph } from '../graph/build.js';
import type { GraphNode, ModelNode, MonitorNode } from '../graph/types.js';
import { scheduleJobs, type Job } from '../schedule/jobs.js';
import { parseOnAlert } from '../schedule/on-alert.js';
import { upstreamFingerprints } from '../registry/training-spec.js';
import { literal } from './names.js';
import { trainingProcedureName } from './procedure/index.js';
import type { CompileContext } from './types.js';

export type StatementsOf = (node: GraphNode) => string[];

function taskName(job: Job, node: GraphNode): string {
  return `mlc_${job.id.replace('.', '_')}__${node.kind}_${node.name}`;
}

function warehouseOf(ctx: CompileContext, target: string): string | undefined {
  const config = ctx.project.config.targets[target] as { warehouse?: unknown } | undefined;
  return typeof config?.warehouse === 'string' ? config.warehouse : undefined;
}

/** What a task runs for a node: its compiled statements, with a run's binds resolved in the warehouse. */
function taskStatements(node: GraphNode, graph: ProjectGraph, statementsOf: StatementsOf): string[] {
  if (node.kind === 'model') {
    // The procedure is deployed by `mlc run`; the task only calls it, with what mlc would bind.
    const m = node as ModelNode;
    const fingerprint = graph.fingerprints.get(m.trainingData);
    const upstream = JSON.stringify(upstreamFingerprints(graph, m.trainingData));
    return [`CALL ${trainingProcedureName(m)}(${fingerprint ? literal(fingerprint) : 'NULL'}, NULL, ${literal(upstream)})`];
  }
  // Procedures are deployed by `mlc run`; a task body is one $$ block and cannot hold another.
  const statements = statementsOf(node).filter((s) => !s.startsWith('CREATE OR REPLACE PROCEDURE '));
  // A scheduled batch is identified by its task graph run, as `mlc run` identifies one by its run id.
  return node.kind === 'scoring' ? statements.map((s) => s.replace(/\?/g, "SYSTEM$TASK_RUNTIME_INFO('CURRENT_TASK_GRAPH_RUN_GROUP_ID')")) : statements;
}

function taskBody(statements: readonly string[]): string {
  if (statements.length === 1) return statements[0]!;
  // Not re-indented: a string literal spanning lines must keep its text.
  return `EXECUTE IMMEDIATE $$\nBEGIN\n${statements.map((s) => `${s};`).join('\n')}\nEND;\n$$`;
}

function alertStatements(monitor: MonitorNode, job: Job, warehouse: string | undefined, graph: ProjectGraph, statementsOf: StatementsOf): string[] {
  const spec = monitor.spec;
  const name = `mlc_alert_${monitor.name}`;
  const message = literal(`mlc monitor ${monitor.name} raised an error-level alert`);
  // `on_alert: notify <integration>` sends a notification, `retrain <model>` calls the model's training
  // procedure (which applies the promotion policy); otherwise the breach is logged to the event table.
  const onAlert = parseOnAlert(spec.on_alert);
  const retrained = onAlert?.action === 'retrain' ? graph.nodes.get(`model.${onAlert.model}`) : undefined;
  const action =
    onAlert?.action === 'notify'
      ? `CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION(SNOWFLAKE.NOTIFICATION.TEXT_PLAIN(${message}), SNOWFLAKE.NOTIFICATION.INTEGRATION(${literal(onAlert.integration)}))`
      : retrained
        ? taskStatements(retrained, graph, statementsOf)[0]!
        : `SELECT SYSTEM$LOG_WARN(${message})`;
  return [
    `CREATE OR REPLACE ALERT ${name}
  ${warehouse ? `WAREHOUSE = ${warehouse}\n  ` : ''}SCHEDULE = 'USING CRON ${job.cron} ${job.timezone}'
  IF (EXISTS (
    SELECT 1 FROM ${spec.tables.alerts.toLowerCase()}
    WHERE monitor = ${literal(monitor.name)} AND severity = 'error' AND alert_date >= DATEADD(day, -1, CURRENT_DATE())
  ))
  THEN ${action}`,
    `ALTER ALERT ${name} RESUME`,
  ];
}

function hasAlerts(node: GraphNode): node is MonitorNode {
  return node.kind === 'monitor' && (Object.keys(node.spec.performance.alert).length > 0 || node.spec.drift !== undefined || node.spec.quality !== undefined);
}

/**
 * The nodes a job's task graph rebuilds: the scheduled node and its ancestors, except
 * sources and other models, which keep their own schedules, and what only they read.
 */
function members(graph: ProjectGraph, job: Job): Set<string> {
  const seen = new Set<string>();
  const stack = [job.id];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const node = graph.nodes.get(id)!;
    if (seen.has(id) || node.kind === 'source' || (node.kind === 'model' && !job.retrain.includes(id))) continue;
    seen.add(id);
    stack.push(...node.parents.map((e) => e.parent));
  }
  return seen;
}

/** One statement list per scheduled node, named by the job; empty on the embedded target, which has its own scheduler. */
export function compileSchedules(ctx: CompileContext, target: string, statementsOf: StatementsOf): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (ctx.dialect !== 'snowflake') return out;
  const warehouse = warehouseOf(ctx, target);
  const compute = warehouse ? `WAREHOUSE = ${warehouse}` : "USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = 'XSMALL'";
  for (const job of scheduleJobs(ctx.graph)) {
    const included = members(ctx.graph, job);
    const tasks = job.nodes.map((id) => ctx.graph.nodes.get(id)!).filter((n) => included.has(n.id) && taskStatements(n, ctx.graph, statementsOf).length > 0);
    if (tasks.length === 0) continue;
    const root = tasks[0]!;
    const inGraph = new Set(tasks.map((n) => n.id));
    const statements = [`ALTER TASK IF EXISTS ${taskName(job, root)} SUSPEND`];
    for (const node of tasks) {
      const parents = node === root ? [] : [...new Set(node.parents.map((e) => e.parent).filter((p) => inGraph.has(p)))];
      const after = node === root ? `SCHEDULE = 'USING CRON ${job.cron} ${job.timezone}'` : `AFTER ${(parents.length > 0 ? parents.map((p) => ctx.graph.nodes.get(p)!) : [root]).map((p) => taskName(job, p)).join(', ')}`;
      statements.push(`CREATE OR REPLACE TASK ${taskName(job, node)}\n  ${compute}\n  ${after}\nAS\n${taskBody(taskStatements(node, ctx.graph, statementsOf))}`);
    }
    statements.push(...[...tasks].reverse().map((n) => `ALTER TASK ${taskName(job, n)} RESUME`));
    const scheduled = ctx.graph.nodes.get(job.id)!;
    if (hasAlerts(scheduled)) statements.push(...alertStatements(scheduled, job, warehouse, ctx.graph, statementsOf));
    out.set(job.id, statements);
  }
  return out;
}
