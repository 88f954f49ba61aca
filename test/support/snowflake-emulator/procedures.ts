/**
 * Snowflake routines on DuckDB. SQL UDFs become DuckDB macros. Python procedures are kept
 * by name, and a CALL runs the handler for real with /usr/bin/python3 against
 * snowpark.py, a stand-in session whose every statement runs back in the calling session.
 */

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { identifierName, significant, tokenize } from '../../../src/sql/tokenize.js';
import type { Token } from '../../../src/sql/tokenize.js';
import type { WireBind } from './execute.js';

export const PYTHON = '/usr/bin/python3';
const STAND_IN = fileURLToPath(new URL('./snowpark.py', import.meta.url));

export interface PythonProcedure {
  name: string;
  handler: string;
  source: string;
  /** A Snowflake Scripting procedure keeps its body in `source` and runs in sql-scripting.ts. */
  language: 'python' | 'sql';
}

/** Rows as the stand-in session hands them to Python: upper-case names, typed values. */
export interface CallRows {
  columns: string[];
  rows: unknown[][];
}

export type RunSql = (sql: string, bindings: Record<string, WireBind> | undefined) => Promise<CallRows>;

export class RoutineError extends Error {
  constructor(
    readonly code: string,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
  }
}

function upperWords(tokens: readonly Token[]): string[] {
  return tokens.map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.text));
}

function lastName(tokens: readonly Token[], index: number): { name: string; next: number } {
  let i = index;
  let name = '';
  while (tokens[i] && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted')) {
    name = identifierName(tokens[i]!);
    if (tokens[i + 1]?.text !== '.') return { name, next: i + 1 };
    i += 2;
  }
  return { name, next: i };
}

function stringAfter(tokens: readonly Token[], words: readonly string[], keyword: string): string | undefined {
  const at = words.indexOf(keyword);
  const token = tokens[words[at + 1] === '=' ? at + 2 : at + 1];
  return at >= 0 && token?.kind === 'string' ? token.text.slice(1, -1).replace(/''/g, "'") : undefined;
}

/** `CREATE … TABLE a LIKE b`: DuckDB has no LIKE; an empty copy of b's columns is the same table. */
export function createTableLike(sql: string): string | undefined {
  const match = /^(CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[\w.$"]+)\s+LIKE\s+([\w.$"]+)\s*$/i.exec(sql.trim());
  return match ? `${match[1]} AS SELECT * FROM ${match[2]} LIMIT 0` : undefined;
}

/** `CREATE FUNCTION f(a FLOAT, …) RETURNS … LANGUAGE SQL AS $$expr$$` as a DuckDB macro. */
export function sqlFunctionAsMacro(sql: string, translateExpression: (expr: string) => string): string | undefined {
  const tokens = significant(tokenize(sql));
  const words = upperWords(tokens);
  if (words[0] !== 'CREATE' || !words.includes('FUNCTION')) return undefined;
  const language = words.indexOf('LANGUAGE');
  if (language < 0 || words[language + 1] !== 'SQL') return undefined;
  const { name, next } = lastName(tokens, words.indexOf('FUNCTION') + 1);
  const close = words.indexOf(')', next);
  const params: string[] = [];
  for (let i = next + 1; i < close; i++) {
    if (tokens[i - 1]?.text === '(' || tokens[i - 1]?.text === ',') params.push(identifierName(tokens[i]!));
  }
  const body = tokens.find((t) => t.kind === 'dollar');
  if (!body) return undefined;
  const replace = words[1] === 'OR' ? 'OR REPLACE ' : '';
  return `CREATE ${replace}MACRO ${name}(${params.join(', ')}) AS (${translateExpression(body.text.slice(2, -2).trim())})`;
}

/** A Python procedure definition, or undefined when the statement is not one. */
export function pythonProcedure(sql: string): PythonProcedure | undefined {
  const tokens = significant(tokenize(sql));
  const words = upperWords(tokens);
  if (words[0] !== 'CREATE' || !words.includes('PROCEDURE')) return undefined;
  const language = words.indexOf('LANGUAGE');
  if (language < 0 || words[language + 1] !== 'PYTHON') return undefined;
  const body = tokens.find((t) => t.kind === 'dollar');
  const handler = stringAfter(tokens, words, 'HANDLER');
  if (!body || !handler) throw new RoutineError('001003', '42000', 'SQL compilation error:\nan inline Python procedure needs HANDLER and AS $$ … $$');
  return { name: lastName(tokens, words.indexOf('PROCEDURE') + 1).name, handler, source: body.text.slice(2, -2), language: 'python' };
}

/** `CALL name(args)`: the procedure's name and its argument list as SQL text. */
export function procedureCall(sql: string): { name: string; args: string } | undefined {
  const tokens = significant(tokenize(sql));
  if (upperWords(tokens)[0] !== 'CALL') return undefined;
  const { name, next } = lastName(tokens, 1);
  if (tokens[next]?.text !== '(') return undefined;
  const open = tokens[next]!;
  const close = tokens[tokens.length - 1]!;
  return { name, args: sql.slice(open.start + 1, close.start) };
}

function bindOf(value: unknown): WireBind {
  if (value === null || value === undefined) return { type: 'TEXT', value: null };
  if (typeof value === 'boolean') return { type: 'BOOLEAN', value: String(value) };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'FIXED' : 'REAL', value: String(value) };
  return { type: 'TEXT', value: String(value) };
}

/** Runs a procedure's handler in Python; its statements go through `runSql`. Resolves to the handler's return value. */
export function callPython(procedure: PythonProcedure, args: unknown[], runSql: RunSql): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [STAND_IN], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      child.kill();
      reject(error);
    };
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (status) => {
      if (!settled) fail(new RoutineError('100357', 'P0000', `Python Interpreter Error:\nthe handler exited with status ${status}\n${stderr.slice(-2000)}`));
    });
    child.stdin.write(`${JSON.stringify({ name: procedure.name, source: procedure.source, handler: procedure.handler, args })}\n`);
    const lines = createInterface({ input: child.stdout });
    let queue = Promise.resolve();
    lines.on('line', (line) => {
      queue = queue.then(async () => {
        const message = JSON.parse(line) as { sql?: string; params?: unknown[]; result?: unknown; error?: string; traceback?: string };
        if (message.sql !== undefined) {
          const bindings = Object.fromEntries((message.params ?? []).map((p, i) => [String(i + 1), bindOf(p)]));
          const reply = await runSql(message.sql, message.params?.length ? bindings : undefined).then(
            (rows) => rows,
            (error: unknown) => ({ error: (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ') }),
          );
          child.stdin.write(`${JSON.stringify(reply)}\n`);
          return;
        }
        settled = true;
        child.stdin.end();
        // Snowflake prints the traceback; its last line, the exception, comes first here so one-line reports show it.
        if (message.error !== undefined) reject(new RoutineError('100357', 'P0000', `Python Interpreter Error: ${message.error}\n${message.traceback ?? ''}`));
        else resolve(message.result ?? null);
      });
    });
  });
}
