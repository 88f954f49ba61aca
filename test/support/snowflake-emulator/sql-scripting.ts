/**
 * Snowflake Scripting procedures (LANGUAGE SQL) on the emulator, for the shape mlc
 * emits: DECLARE variables, `SELECT … INTO :var`, `IF (…) THEN … ELSE … END IF`, RETURN.
 * Each query part runs as an ordinary statement with the variables bound as literals.
 */

import { significant, tokenize } from '../../../src/sql/tokenize.js';
import { splitStatements } from './classify.js';
import { RoutineError } from './procedures.js';

/** Runs one SELECT; resolves to its first row's first value. */
export type Evaluate = (sql: string) => Promise<unknown>;

const DEFINITION = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?PROCEDURE\s+([\w$.]+)\s*\(\s*\)[\s\S]*?\bLANGUAGE\s+SQL\b[\s\S]*?\$\$([\s\S]*)\$\$\s*;?\s*$/i;

export interface SqlProcedure {
  name: string;
  body: string;
}

export function sqlProcedure(sql: string): SqlProcedure | undefined {
  const match = DEFINITION.exec(sql);
  return match ? { name: match[1]!.split('.').at(-1)!.toLowerCase(), body: match[2]! } : undefined;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** The statement with `:var` and bare `var` replaced by the variables' values. */
function bind(sql: string, variables: Map<string, unknown>): string {
  return tokenize(sql)
    .map((t) => {
      const name = (t.kind === 'variable' && t.text.startsWith(':') ? t.text.slice(1) : t.kind === 'word' ? t.text : '').toLowerCase();
      return variables.has(name) ? literal(variables.get(name)) : t.text;
    })
    .join('');
}

type Outcome = { returned: true; value: unknown } | { returned: false };

async function runBlock(statements: string[], variables: Map<string, unknown>, evaluate: Evaluate): Promise<Outcome> {
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    const words = significant(tokenize(statement)).map((t) => t.text.toUpperCase());
    if (words[0] === 'IF') {
      // The IF block spans pieces up to END IF; the branches are split at ELSE.
      let end = i;
      while (!/^END\s+IF$/i.test(statements[end]!.trim())) {
        end += 1;
        if (end >= statements.length) throw new RoutineError('001003', '42000', 'SQL compilation error:\nIF without END IF');
      }
      const head = /^IF\s*([\s\S]*?)\s+THEN\s+([\s\S]*)$/i.exec(statement);
      if (!head) throw new RoutineError('001003', '42000', 'SQL compilation error:\nIF without THEN');
      const rest = [head[2]!, ...statements.slice(i + 1, end)];
      const split = rest.findIndex((s) => /^ELSE\b/i.test(s.trim()));
      const thenPart = split < 0 ? rest : rest.slice(0, split);
      const elsePart = split < 0 ? [] : [rest[split]!.trim().replace(/^ELSE\s+/i, ''), ...rest.slice(split + 1)];
      const condition = await evaluate(`SELECT ${bind(head[1]!, variables)}`);
      const outcome = await runBlock((condition === true ? thenPart : elsePart).filter((s) => s.trim()), variables, evaluate);
      if (outcome.returned) return outcome;
      i = end;
    } else if (words[0] === 'RETURN') {
      return { returned: true, value: await evaluate(`SELECT ${bind(statement.trim().slice('RETURN'.length), variables)}`) };
    } else {
      const into = /\bINTO\s+:?(\w+)\s+/i.exec(statement);
      const value = await evaluate(bind(into ? statement.replace(into[0], ' ') : statement, variables));
      if (into) variables.set(into[1]!.toLowerCase(), value);
    }
  }
  return { returned: false };
}

/** Runs a procedure body; resolves to what it RETURNs. */
export async function runScript(body: string, evaluate: Evaluate): Promise<unknown> {
  const match = /^\s*(?:DECLARE\b([\s\S]*?))?\bBEGIN\b([\s\S]*)\bEND\s*;?\s*$/i.exec(body);
  if (!match) throw new RoutineError('001003', '42000', 'SQL compilation error:\na procedure body is DECLARE … BEGIN … END');
  const variables = new Map<string, unknown>();
  for (const declaration of splitStatements(match[1] ?? '')) {
    const parts = /^(\w+)\s+\w+(?:\s+DEFAULT\s+([\s\S]+))?$/i.exec(declaration.trim());
    if (!parts) throw new RoutineError('001003', '42000', `SQL compilation error:\ncannot read declaration ${declaration}`);
    variables.set(parts[1]!.toLowerCase(), parts[2] ? await evaluate(`SELECT ${bind(parts[2], variables)}`) : null);
  }
  const statements = splitStatements(match[2]!)
    .map((s) => s.replace(/^(\s*--[^\n]*\n)+/, '').trim())
    .filter(Boolean);
  const outcome = await runBlock(statements, variables, evaluate);
  return outcome.returned ? outcome.value : null;
}
