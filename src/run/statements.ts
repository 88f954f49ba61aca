/** Runs a node's compiled statements; a failure inside a transaction rolls it back. */

import { testOf } from '../compile/data-tests.js';
import { fullRefresh } from '../compile/materialize.js';
import { qualified } from '../compile/names.js';
import type { QueryResult } from '../targets/target.js';
import { NodeError, type NodeRunContext, type NodeRunResult } from './executor.js';

export function queryTag(ctx: NodeRunContext): string {
  return `mlc:${ctx.project.config.name}:${ctx.node.name}`;
}

/** A failed data test: how many rows offend, and a sample of them. */
export function testFailure(name: string, rows: readonly Record<string, unknown>[]): string {
  // Snowflake names result columns in upper case.
  const isCount = (key: string): boolean => key.toLowerCase() === 'mlc_failures';
  const first = rows[0] ?? {};
  const count = Number(Object.entries(first).find(([key]) => isCount(key))?.[1] ?? rows.length);
  const sample = rows.map((row) =>
    JSON.stringify(Object.fromEntries(Object.entries(row).filter(([key]) => !isCount(key))), (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  );
  return `data test ${name} failed: ${count} offending row${count === 1 ? '' : 's'}, e.g. ${sample.join(', ')}`;
}

/**
 * Runs statements in order; `bindsFor` gives each statement its bind values. Returns
 * each statement's result. A data test statement that returns rows fails the node
 * (rolling back its transaction) or, for a `warn` test, reports them and goes on.
 * `--full-refresh` drops an incremental table before it is filled again.
 */
/** Idempotent DDL on objects nodes share (a schema, the registry tables and view). */
const SHARED_DDL = /^(CREATE (SCHEMA|TABLE) IF NOT EXISTS|CREATE OR REPLACE VIEW|ALTER TABLE \S+ ADD COLUMN IF NOT EXISTS)\b/;

/**
 * Two nodes running shared DDL at once (two models creating the registry): DuckDB's
 * optimistic catalog fails one with a write-write conflict. The statement is idempotent,
 * so it runs again once the other transaction has committed.
 */
async function queryRetryingSharedDdl(ctx: NodeRunContext, sql: string, binds: unknown[]): Promise<QueryResult> {
  const options = { tag: queryTag(ctx), signal: ctx.signal };
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.connection.query(sql, binds, options);
    } catch (error) {
      if (attempt >= 5 || !SHARED_DDL.test(sql) || !/write-write conflict/i.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

export async function runStatements(
  ctx: NodeRunContext,
  statements: readonly string[] = ctx.statements,
  bindsFor: (sql: string) => unknown[] = () => [],
): Promise<QueryResult[]> {
  const { connection, signal } = ctx;
  const results: QueryResult[] = [];
  let inTransaction = false;
  const node = ctx.node;
  // Only an incremental feature starts over: a scoring table's batches, for one, are history.
  const refresh = ctx.fullRefresh && (node.kind === 'feature' || node.kind === 'dataset') && node.feature.config.materialized === 'incremental';
  for (const sql of refresh ? fullRefresh(statements) : statements) {
    let result: QueryResult;
    try {
      result = await queryRetryingSharedDdl(ctx, sql, bindsFor(sql));
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
    results.push(result);
    const test = testOf(sql);
    if (test && result.rows.length > 0) {
      const message = testFailure(test.name, result.rows);
      if (test.severity === 'warn') ctx.warn(message);
      else {
        if (inTransaction) await connection.query('ROLLBACK').catch(() => undefined);
        throw new NodeError({ message, file: ctx.node.file, line: ctx.node.line, col: ctx.node.col, sql });
      }
    }
    if (/^BEGIN\b/i.test(sql)) inTransaction = true;
    else if (/^(COMMIT|ROLLBACK)\b/i.test(sql)) inTransaction = false;
  }
  return results;
}

/** DuckDB answers `CREATE TABLE … AS` with the rows it wrote (a `Count` column), so no second scan counts them. */
function createdRows(ctx: NodeRunContext, results: readonly QueryResult[], table: string): number | undefined {
  if (ctx.connection.dialect !== 'duckdb') return undefined;
  const prefix = new RegExp(`^CREATE\\s+(OR\\s+REPLACE\\s+)?TABLE\\s+${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+AS\\b`, 'i');
  const index = ctx.statements.findIndex((sql) => prefix.test(sql));
  const count = results[index]?.rows[0]?.count;
  return typeof count === 'number' ? count : undefined;
}

/** The row count of the relation a node built. */
async function builtRows(ctx: NodeRunContext, results: readonly QueryResult[]): Promise<number | undefined> {
  if (!ctx.node.relation || ctx.statements.length === 0) return undefined;
  const built = 'physical' in ctx.node && ctx.node.physical ? ctx.node.physical : ctx.node.relation;
  const created = createdRows(ctx, results, qualified(built));
  if (created !== undefined) return created;
  const { rows } = await ctx.connection.query(`SELECT COUNT(*) AS n FROM ${qualified(ctx.node.relation)}`, [], { tag: queryTag(ctx) });
  return Number(rows[0]?.n ?? 0);
}

/**
 * The default runner: the statements, then the row count of the relation built. When the
 * statements are one transaction (DuckDB), the build is recorded before its COMMIT.
 */
export async function runSqlNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  const inTransaction = ctx.statements.at(-1) === 'COMMIT';
  const results = await runStatements(ctx, inTransaction ? ctx.statements.slice(0, -1) : ctx.statements);
  try {
    const rows = await builtRows(ctx, results);
    if (inTransaction) {
      await ctx.recordBuild(rows);
      await runStatements(ctx, ['COMMIT']);
    }
    return { rows };
  } catch (error) {
    if (inTransaction) await ctx.connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
