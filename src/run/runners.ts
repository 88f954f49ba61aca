/**
 * How each kind of node runs on a target. Training and scoring code loads only when a run
 * builds such a node, so a feature-only or no-change run does not pay for the learners.
 */

import type { NodeRunContext, NodeRunResult } from './executor.js';
import { runSqlNode } from './statements.js';

export async function runNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  switch (ctx.node.kind) {
    case 'model':
      return ctx.target.dialect === 'snowflake'
        ? (await import('./model-node-snowflake.js')).runModelNodeSnowflake(ctx)
        : (await import('./model-node.js')).runModelNode(ctx);
    case 'scoring':
      return (await import('./scoring-node.js')).runScoringNode(ctx);
    default:
      return runSqlNode(ctx);
  }
}
