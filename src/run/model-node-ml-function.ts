/**
 * Training with Snowflake's ML Function (SNOWFLAKE.ML.CLASSIFICATION): create the input
 * view and the model, read its evaluation back with SHOW_EVALUATION_METRICS and
 * SHOW_GLOBAL_EVALUATION_METRICS, and register the version with those metrics. The
 * registry row's model_binary is a reference to the Snowflake model, not an mlc artifact:
 * scoring calls the model's PREDICT (compile/procedure/ml-function.ts).
 */

import { createHash } from 'node:crypto';
import { createMlFunctionScoring, mlFunctionInputView, mlFunctionReference, POSITIVE_CLASS } from '../compile/procedure/index.js';
import type { ModelNode } from '../graph/types.js';
import type { Row } from '../targets/target.js';
import type { NodeRunContext, NodeRunResult } from './executor.js';
import { splitFractions } from '../registry/training-spec.js';
import { registerVersion } from './register-version.js';
import { queryTag, runStatements } from './statements.js';

/** A result column, whatever case the driver reports names in. */
function field(row: Row, name: string): unknown {
  return row[name] ?? row[name.toLowerCase()] ?? row[name.toUpperCase()];
}

/**
 * mlc's metric names from Snowflake's evaluation: precision, recall and f1 of the positive
 * class, AUC and log loss of the global (macro) table, and accuracy as the support-weighted
 * mean of per-class recall, which is what accuracy is.
 */
export function mlFunctionMetrics(perClass: readonly Row[], global: readonly Row[]): Record<string, number> {
  const metric = (rows: readonly Row[], key: string, group: string, name: string): number | undefined => {
    const row = rows.find((r) => String(field(r, key)).toLowerCase() === group && String(field(r, 'ERROR_METRIC')).toLowerCase() === name);
    return row === undefined ? undefined : Number(field(row, 'METRIC_VALUE'));
  };
  const classes = [...new Set(perClass.map((r) => String(field(r, 'CLASS'))))];
  const support = classes.map((c) => metric(perClass, 'CLASS', c.toLowerCase(), 'support') ?? 0);
  const total = support.reduce((a, b) => a + b, 0);
  const correct = classes.reduce((sum, c, i) => sum + (metric(perClass, 'CLASS', c.toLowerCase(), 'recall') ?? 0) * support[i]!, 0);
  const metrics: Record<string, number | undefined> = {
    accuracy: total > 0 ? correct / total : undefined,
    precision: metric(perClass, 'CLASS', POSITIVE_CLASS, 'precision'),
    recall: metric(perClass, 'CLASS', POSITIVE_CLASS, 'recall'),
    f1_score: metric(perClass, 'CLASS', POSITIVE_CLASS, 'f1'),
    auc_roc: metric(global, 'AVERAGE_TYPE', 'macro', 'auc'),
    log_loss: metric(global, 'AVERAGE_TYPE', 'macro', 'log_loss'),
  };
  return Object.fromEntries(Object.entries(metrics).filter((e): e is [string, number] => e[1] !== undefined && Number.isFinite(e[1])));
}

export async function runMlFunctionNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  const node = ctx.node as ModelNode;
  const tag = queryTag(ctx);
  // Compiled as: registry DDL, input view, CREATE …CLASSIFICATION, the two evaluation CALLs, the real-time function.
  const [perClassCall, globalCall] = ctx.statements.slice(-3, -1) as [string, string];
  ctx.progress('training SNOWFLAKE.ML.CLASSIFICATION');
  await runStatements(ctx, ctx.statements.slice(0, -3));
  const perClass = (await ctx.connection.query(perClassCall, [], { tag })).rows;
  const global = (await ctx.connection.query(globalCall, [], { tag })).rows;
  const headline = mlFunctionMetrics(perClass, global);
  const counted = await ctx.connection.query(`SELECT COUNT(*) AS n FROM ${mlFunctionInputView(node)}`, [], { tag });
  const rows = Number(field(counted.rows[0] ?? {}, 'N'));
  const binary = mlFunctionReference(node);
  const testFraction = splitFractions(node).test;
  const detail = await registerVersion(ctx, node, {
    binary,
    algorithm: node.spec.algorithm,
    params: { test_fraction: testFraction },
    hash: createHash('sha256').update(binary).update(JSON.stringify(headline)).digest('hex').slice(0, 16),
    headline,
    performance: { ...headline, evaluation: { per_class: perClass, global } },
    accuracy: { train: null, validation: null, test: headline.accuracy ?? null },
    rows,
    scoringFunction: (name) => createMlFunctionScoring(node, name),
  });
  return { rows, detail };
}
