/**
 * Training on Snowflake: create the model's Python procedure and CALL it. The procedure
 * trains, exports the artifact and registers the version in the warehouse; mlc then
 * reads the registered artifact back, checks it, and publishes the scoring function
 * when the version became champion or challenger. A snowflake_ml_classification model
 * trains with Snowflake's ML Function instead (model-node-ml-function.ts).
 */

import { pinTrainingFeatures } from '../compile/feature-lock.js';
import { usesMlFunction } from '../compile/procedure/index.js';
import type { ModelNode } from '../graph/types.js';
import { parseArtifact, type Artifact } from '../ml/index.js';
import { createScoringFunction, scoringFunctionName } from '../registry/functions.js';
import { registryNames } from '../registry/tables.js';
import { NodeError, type NodeRunContext, type NodeRunResult } from './executor.js';
import { runMlFunctionNode } from './model-node-ml-function.js';
import { upstreamFingerprints } from '../registry/training-spec.js';
import { gitCommit } from './model-node.js';
import { queryTag, runStatements } from './statements.js';

/** A VARIANT column arrives as JSON text or already parsed, depending on the driver's settings. */
function variant(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

export async function runModelNodeSnowflake(ctx: NodeRunContext): Promise<NodeRunResult> {
  const node = ctx.node as ModelNode;
  if (usesMlFunction(node)) return runMlFunctionNode(ctx);
  const tag = queryTag(ctx);
  const call = ctx.statements.at(-1)!;
  ctx.progress('creating the training procedure');
  await runStatements(ctx, ctx.statements.slice(0, -1));
  ctx.progress('training in Snowflake');
  const fingerprint = ctx.graph.fingerprints.get(node.trainingData) ?? null;
  const upstream = JSON.stringify(upstreamFingerprints(ctx.graph, node.trainingData));
  await runStatements(ctx, [call], () => [fingerprint, gitCommit(ctx.project.root), upstream]);
  const { rows } = await ctx.connection.query(
    `SELECT model_version, status, model_binary, performance_metrics, training_rows FROM ${registryNames(ctx.project.config).table} WHERE model_name = ? ORDER BY version_number DESC LIMIT 1`,
    [node.name],
    { tag },
  );
  const registered = rows[0];
  if (!registered) throw new NodeError({ message: `the training procedure of ${node.name} registered no version`, file: node.file, line: 1, col: 1 });
  if (ctx.pinFeatures) pinTrainingFeatures(ctx.project.root, ctx.graph, node.trainingData, node.name, Number(String(registered.model_version).replace(/^v/i, '')));
  let artifact: Artifact;
  try {
    artifact = parseArtifact(String(registered.model_binary));
  } catch (error) {
    throw new NodeError({ message: error instanceof Error ? error.message : String(error), file: node.file, line: 1, col: 1 });
  }
  const status = String(registered.status);
  if (status === 'CHAMPION' || status === 'CHALLENGER') {
    const fn = scoringFunctionName(node, status === 'CHAMPION' ? 'champion' : 'challenger');
    await runStatements(ctx, [createScoringFunction(fn, artifact, 'snowflake', node.featureColumns)]);
  }
  const metric = node.spec.promote.metric;
  const value = variant(registered.performance_metrics)[metric];
  const shown = typeof value === 'number' ? value.toFixed(3) : 'n/a';
  return { rows: Number(registered.training_rows), detail: `${String(registered.model_version)} ${status.toLowerCase()}: ${metric} ${shown}` };
}
