/**
 * Batch scoring. The compiled statements bind the run id to each `?`, so a batch is
 * identified by its run. The scoring functions are recreated first with the spec's
 * current features as parameters; with A/B serving and no challenger yet, the
 * challenger's is a copy of the champion's so the routing SQL binds (no row is routed
 * to it). On the embedded target the scoring functions are shadowed, for this
 * connection only, by temporary macros calling the vectorized JS scorer: the same
 * scores (the JS scorer agrees with the SQL within 1e-9) several times faster than the
 * SQL CASE trees, which stay the form every other connection uses.
 */

import type { ModelNode, ScoringNode } from '../graph/types.js';
import { artifactHash, type Artifact } from '../ml/index.js';
import { createScoringFunction, scoringFunctionName } from '../registry/functions.js';
import { registryNames } from '../registry/tables.js';
import { scoringScalarFunction } from '../serve/duckdb-function.js';
import { readVersion } from '../serve/registry-reader.js';
import { DuckDbConnection } from '../targets/duckdb/index.js';
import { qualified } from '../compile/names.js';
import { usesMlFunction } from '../compile/procedure/index.js';
import type { NodeRunContext, NodeRunResult } from './executor.js';
import { queryTag, runStatements } from './statements.js';

export async function runScoringNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  const node = ctx.node as ScoringNode;
  const model = ctx.graph.nodes.get(node.model) as ModelNode;
  const table = registryNames(ctx.project.config).table;
  const tag = queryTag(ctx);
  // An ML Function's version holds no artifact: its scoring function calls PREDICT and was created when it trained.
  const artifacts = !(ctx.target.dialect === 'snowflake' && usesMlFunction(model));
  const champion = artifacts ? await readVersion(ctx.connection, table, model.name, { status: 'CHAMPION' }) : undefined;
  const challenger = artifacts && node.serving.ab ? await readVersion(ctx.connection, table, model.name, { status: 'CHALLENGER' }) : undefined;
  const variants: [string, Artifact | undefined][] = [
    [scoringFunctionName(model), champion?.artifact],
    [scoringFunctionName(model, 'challenger'), node.serving.ab ? (challenger ?? champion)?.artifact : undefined],
  ];
  // The functions take the spec's current features: recreate them so both variants are
  // called alike after the features changed (and the challenger's exists before one is trained).
  for (const [fn, artifact] of variants) {
    if (artifact) await ctx.connection.query(createScoringFunction(fn, artifact, ctx.target.dialect, model.featureColumns), [], { tag });
  }
  const shadowed: string[] = [];
  try {
    if (ctx.connection instanceof DuckDbConnection) {
      for (const [fn, artifact] of variants) {
        if (artifact && (await shadowWithJs(ctx.connection, fn, artifact, model.featureColumns, tag))) shadowed.push(fn);
      }
    }
    await runStatements(ctx, ctx.statements, (sql) => Array.from(sql.matchAll(/\?/g), () => ctx.runId));
  } finally {
    for (const fn of shadowed) await ctx.connection.query(`DROP MACRO IF EXISTS temp.${fn}`, [], { tag });
  }
  const { rows } = await ctx.connection.query(`SELECT COUNT(*) AS n FROM ${qualified(node.relation)} WHERE run_id = ?`, [ctx.runId], { tag });
  return { rows: Number(rows[0]?.n ?? 0) };
}

/** The JS function's name carries the artifact's hash: functions are database-wide, an older model's stays distinct. */
async function shadowWithJs(connection: DuckDbConnection, fn: string, artifact: Artifact, signature: readonly string[], tag: string): Promise<boolean> {
  const jsName = `mlc_js_${fn}_${artifactHash(artifact).slice(0, 12)}`;
  const scalar = scoringScalarFunction(jsName, artifact);
  if (!scalar) return false;
  connection.registerScalarFunction(scalar);
  const params = artifact.features.map((f) => f.name);
  await connection.query(`CREATE OR REPLACE TEMP MACRO ${fn}(${signature.join(', ')}) AS ${jsName}(${params.join(', ')})`, [], { tag });
  return true;
}
