/** Sources: raw tables. On the embedded target, a source with a data file is loaded from it. */

import type { SourceNode } from '../graph/types.js';
import type { CompileContext, CompiledNode } from './types.js';
import { literal } from './names.js';
import { replaceTable } from './materialize.js';

export function compileSource(node: SourceNode, ctx: CompileContext): CompiledNode {
  const file = node.source.file;
  if (ctx.dialect !== 'duckdb' || !file) return { id: node.id, statements: [], diagnostics: [] };
  const reader = /\.parquet$/i.test(file) ? `read_parquet(${literal(file)})` : `read_csv(${literal(file)}, header = true)`;
  return { id: node.id, statements: replaceTable('duckdb', node.relation, `SELECT * FROM ${reader}`), diagnostics: [] };
}
