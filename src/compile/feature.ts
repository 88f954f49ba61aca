/** Feature tables and training datasets: one SELECT, materialized as a table or a view. */

import type { SqlNode } from '../graph/types.js';
import type { Diagnostic } from '../project/diagnostic.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';
import { replaceTable, replaceView } from './materialize.js';
import type { CompileContext, CompiledNode } from './types.js';

export function compileFeature(node: SqlNode, ctx: CompileContext, translate: (sql: string) => TranslateResult = translateToDuckDb): CompiledNode {
  const statement = node.statement;
  let query = statement.text;
  const diagnostics: Diagnostic[] = [];
  if (ctx.dialect === 'duckdb') {
    const translated = translate(query);
    query = translated.sql;
    for (const d of translated.diagnostics) {
      diagnostics.push({
        file: node.file,
        line: statement.line + d.line - 1,
        col: d.line === 1 ? statement.col + d.col - 1 : d.col,
        severity: 'error',
        code: 'untranslatable',
        message: d.message,
        hint: d.hint,
      });
    }
  }
  const statements = node.feature.config.materialized === 'view' ? replaceView(node.relation, query) : replaceTable(ctx.dialect, node.relation, query);
  return { id: node.id, statements, diagnostics };
}
