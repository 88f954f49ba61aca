/**
 * Feature tables and training datasets: one SELECT, materialized as a table, a view, an
 * incremental table or a dynamic table, with its data tests run before the new rows
 * replace the old. A feature's version is its own table; its plain name is a view on it.
 */

import type { Relation } from '../graph/node.js';
import type { SqlNode } from '../graph/types.js';
import type { Diagnostic } from '../project/diagnostic.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';
import { dataTests, relationshipProblems, testStatement } from './data-tests.js';
import { dynamicTable, incrementalTable, latestView, replaceTable, replaceView, type TestsOf } from './materialize.js';
import type { CompileContext, CompiledNode } from './types.js';

function warehouseOf(ctx: CompileContext): string | undefined {
  for (const target of Object.values(ctx.project.config.targets)) {
    const warehouse = (target as { warehouse?: unknown }).warehouse;
    if (target.type === 'snowflake' && typeof warehouse === 'string') return warehouse;
  }
  return undefined;
}

function located(node: SqlNode, line: number, col: number, message: string, hint: string | undefined, code: string): Diagnostic {
  return {
    file: node.file,
    line: node.statement.line + line - 1,
    col: line === 1 ? node.statement.col + col - 1 : col,
    severity: 'error',
    code,
    message,
    hint,
  };
}

export function compileFeature(node: SqlNode, ctx: CompileContext, translate: (sql: string) => TranslateResult = translateToDuckDb): CompiledNode {
  const config = node.feature.config;
  let query = node.statement.text;
  const diagnostics: Diagnostic[] = relationshipProblems(node, ctx.graph);
  const forTarget = (sql: string): string => (ctx.dialect === 'duckdb' ? translate(sql).sql : sql);
  if (ctx.dialect === 'duckdb') {
    const translated = translate(query);
    query = translated.sql;
    for (const d of translated.diagnostics) diagnostics.push(located(node, d.line, d.col, d.message, d.hint, 'untranslatable'));
  }
  const tests: TestsOf = (table: Relation) => dataTests(node, ctx.graph, ctx.project.config, table, forTarget).map(testStatement);
  const built = node.physical ?? node.relation;
  const after = node.physical ? [latestView(node.relation, node.physical)] : [];
  let statements: string[];
  switch (config.materialized) {
    case 'view':
      statements = replaceView(ctx.dialect, node.relation, query, tests);
      break;
    case 'incremental': {
      const uniqueKey = config.unique_key === undefined ? undefined : [config.unique_key].flat().map((k) => k.toLowerCase());
      const timestamp = config.timestamp?.toLowerCase();
      if (!uniqueKey && !timestamp) {
        diagnostics.push(located(node, 1, 1, `${node.name} is incremental but names neither a time column nor a key`, 'add `timestamp: <column>` (append newer rows) or `unique_key: <column>` (merge)', 'incremental-key'));
      }
      if (uniqueKey && !node.columns) {
        diagnostics.push(located(node, 1, 1, `${node.name} merges by key but its output columns are unknown`, 'list the columns instead of SELECT * (or declare the source columns in mlc.yml)', 'incremental-columns'));
      }
      statements = incrementalTable(ctx.dialect, built, query, { timestamp, uniqueKey, columns: node.columns ?? [] }, tests, after);
      break;
    }
    case 'dynamic':
      // On the embedded target a dynamic table is a table rebuilt whenever its inputs change.
      statements =
        ctx.dialect === 'snowflake' ? dynamicTable(built, query, config.target_lag, warehouseOf(ctx), tests, after) : replaceTable(ctx.dialect, built, query, tests, after);
      break;
    case 'table':
      statements = replaceTable(ctx.dialect, built, query, tests, after);
      break;
  }
  return { id: node.id, statements, diagnostics };
}
