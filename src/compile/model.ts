/**
 * A model node: the registry's tables, then the query that reads the training set.
 * On the embedded target mlc trains in-process between these statements and the
 * registration, which is data (the artifact) rather than compiled SQL.
 */

import { qualified } from './names.js';
import type { ModelNode } from '../graph/types.js';
import { registryDdl, registryNames } from '../registry/tables.js';
import type { CompileContext, CompiledNode } from './types.js';

export function trainingQuery(node: ModelNode, ctx: CompileContext): string {
  const training = ctx.graph.nodes.get(node.trainingData)!;
  const columns = [node.spec.entity, ...node.featureColumns, node.spec.target].map((c) => c.toLowerCase());
  return `SELECT ${[...new Set(columns)].join(', ')}\nFROM ${qualified(training.relation!)}\nORDER BY ${node.spec.entity.toLowerCase()}`;
}

export function compileModel(node: ModelNode, ctx: CompileContext): CompiledNode {
  return {
    id: node.id,
    statements: [...registryDdl(registryNames(ctx.project.config), ctx.dialect), trainingQuery(node, ctx)],
    diagnostics: [],
  };
}
