/**
 * A model node: the registry's tables, then the training. On the embedded target that
 * is the query reading the training set: mlc trains in-process and registers the
 * artifact as data. On Snowflake it is the Python training procedure and its CALL, or
 * for `snowflake_ml_classification` Snowflake's ML Function (procedure/ml-function.ts).
 */

import { qualified } from './names.js';
import type { ModelNode } from '../graph/types.js';
import { registryDdl, registryNames } from '../registry/tables.js';
import { algorithmOf, paramsOf, splitFractions } from '../registry/training-spec.js';
import { scoringFunctionName } from '../registry/functions.js';
import { callTrainingProcedure, createMlFunctionScoring, createMlFunctionStatements, createTrainingProcedure, usesMlFunction } from './procedure/index.js';
import type { CompileContext, CompiledNode } from './types.js';

export function trainingQuery(node: ModelNode, ctx: CompileContext): string {
  const training = ctx.graph.nodes.get(node.trainingData)!;
  const columns = [node.spec.entity, ...node.featureColumns, node.spec.target].map((c) => c.toLowerCase());
  return `SELECT ${[...new Set(columns)].join(', ')}\nFROM ${qualified(training.relation!)}\nORDER BY ${node.spec.entity.toLowerCase()}`;
}

export function compileModel(node: ModelNode, ctx: CompileContext): CompiledNode {
  const registry = registryNames(ctx.project.config);
  const ddl = registryDdl(registry, ctx.dialect);
  if (ctx.dialect === 'duckdb') return { id: node.id, statements: [...ddl, trainingQuery(node, ctx)], diagnostics: [] };
  // An ML Function trains in Snowflake itself; the last statement is the real-time function over its PREDICT.
  if (usesMlFunction(node)) {
    const statements = createMlFunctionStatements(node, ctx, splitFractions(node).test);
    return { id: node.id, statements: [...ddl, ...statements, createMlFunctionScoring(node, scoringFunctionName(node))], diagnostics: [] };
  }
  // Otherwise the model trains in the warehouse's Python: the procedure, then its call.
  const spec = { model: node, query: trainingQuery(node, ctx), algorithm: algorithmOf(node), params: paramsOf(node), split: splitFractions(node), registry };
  return { id: node.id, statements: [...ddl, createTrainingProcedure(spec), callTrainingProcedure(node)], diagnostics: [] };
}
