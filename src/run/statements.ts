/** Runs a node's compiled statements; a failure inside a transaction rolls it back. */

import { qualified } from '../compile/names.js';
import { NodeError, type NodeRunContext, type NodeRunResult } from './executor.js';

export function queryTag(ctx: NodeRunContext): string {
  return `mlc:${ctx.project.config.name}:${ctx.node.name}`;
}

/** Runs statements in order; `bindsFor` gives each statement its bind values. */
export async function runStatements(
  ctx: NodeRunContext,
  statements: readonly string[] = ctx.statements,
  bindsFor: (sql: string) => unknown[] = () => [],
): Promise<void> {
  const { connection, signal } = ctx;
  let inTransaction = false;
  for (const sql of statements) {
    try {
      await connection.query(sql, bindsFor(sql), { tag: queryTag(ctx), signal });
    } catch (error) {
      if (inTransaction) await connection.query('ROLLBACK').catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: unknown }).code;
      throw new NodeError({
        message: signal.aborted ? 'cancelled' : message.split('\n')[0]!,
        file: ctx.node.file,
        line: ctx.node.line,
        col: ctx.node.col,
        sql,
        code: typeof code === 'string' ? code : undefined,
      });
    }
    if (/^BEGIN\b/i.test(sql)) inTransaction = true;
    else if (/^(COMMIT|ROLLBACK)\b/i.test(sql)) inTransaction = false;
  }
}

/** The default runner: the statements, then the row count of the relation built. */
export async function runSqlNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  await runStatements(ctx);
  if (!ctx.node.relation || ctx.statements.length === 0) return {};
  const { rows } = await ctx.connection.query(`SELECT COUNT(*) AS n FROM ${qualified(ctx.node.relation)}`, [], { tag: queryTag(ctx) });
  return { rows: Number(rows[0]?.n ?? 0) };
}
