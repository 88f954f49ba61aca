/** How each kind of node runs on a target. */

import type { NodeRunContext, NodeRunResult } from './executor.js';
import { runModelNode } from './model-node.js';
import { runModelNodeSnowflake } from './model-node-snowflake.js';
import { runScoringNode } from './scoring-node.js';
import { runSqlNode } from './statements.js';

export function runNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  switch (ctx.node.kind) {
    case 'model':
      return ctx.target.dialect === 'snowflake' ? runModelNodeSnowflake(ctx) : runModelNode(ctx);
    case 'scoring':
      return runScoringNode(ctx);
    default:
      return runSqlNode(ctx);
  }
}
