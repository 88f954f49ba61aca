/** How each kind of node runs on a target. */

import type { NodeRunContext, NodeRunResult } from './executor.js';
import { runModelNode } from './model-node.js';
import { queryTag, runSqlNode, runStatements } from './statements.js';
import { qualified } from '../compile/names.js';

/** Scoring binds the run id to each `?`, so a batch is identified by its run. */
async function runScoringNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  await runStatements(ctx, ctx.statements, (sql) => Array.from(sql.matchAll(/\?/g), () => ctx.runId));
  const { rows } = await ctx.connection.query(`SELECT COUNT(*) AS n FROM ${qualified(ctx.node.relation!)} WHERE run_id = ?`, [ctx.runId], {
    tag: queryTag(ctx),
  });
  return { rows: Number(rows[0]?.n ?? 0) };
}

export function runNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  switch (ctx.node.kind) {
    case 'model':
      return runModelNode(ctx);
    case 'scoring':
      return runScoringNode(ctx);
    default:
      return runSqlNode(ctx);
  }
}
