/**
 * A monitor: the model's scores joined to actual outcomes, per day, version and
 * variant, into the seed's `model_monitoring` table, recomputed in SQL on the target.
 */

import type { ModelNode, MonitorNode } from '../graph/types.js';
import { performanceSql } from '../monitor/index.js';
import { qualified } from './names.js';
import { replaceTable } from './materialize.js';
import type { CompileContext, CompiledNode } from './types.js';

export function compileMonitor(node: MonitorNode, ctx: CompileContext): CompiledNode {
  const model = ctx.graph.nodes.get(node.model) as ModelNode;
  const scoring = ctx.graph.nodes.get(node.scoring)!;
  const actuals = ctx.graph.nodes.get(node.actuals)!;
  const spec = node.spec;
  const performance = performanceSql({
    dialect: ctx.dialect,
    modelName: model.name,
    task: model.spec.task === 'regression' ? 'regression' : 'classification',
    scores: { from: qualified(scoring.relation!), key: model.spec.entity.toLowerCase(), score: 'prediction_score', at: 'scored_at', version: 'model_version', variant: 'variant' },
    actuals: { from: qualified(actuals.relation!), key: spec.actuals.key.toLowerCase(), label: spec.actuals.label.toLowerCase(), at: spec.actuals.at?.toLowerCase() },
    threshold: model.spec.serving.batch?.threshold,
    grain: spec.granularity,
  });
  const query = `SELECT ROW_NUMBER() OVER (ORDER BY prediction_date, model_version, variant) AS monitoring_id, performance.*\nFROM (\n${performance}\n) performance`;
  return { id: node.id, statements: replaceTable(ctx.dialect, node.relation, query), diagnostics: [] };
}
