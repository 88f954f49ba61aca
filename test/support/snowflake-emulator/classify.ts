import { isKeyword, significant, tokenize, identifierName } from '../../../src/sql/tokenize.js';
import type { Token } from '../../../src/sql/tokenize.js';

/** Snowflake's statementTypeId values the driver understands (lib/connection/statement_type.js). */
export const STATEMENT_TYPE = {
  select: 0x1000,
  insert: 0x3100,
  update: 0x3200,
  delete: 0x3300,
  merge: 0x3400,
  ddl: 0x6000,
  session: 0x5000,
} as const;

export type StatementKind =
  | { kind: 'query' }
  | { kind: 'dml'; typeId: number; verb: string }
  | { kind: 'ddl' }
  | { kind: 'set_query_tag'; tag: string }
  | { kind: 'swap'; left: string[]; right: string[] }
  | { kind: 'noop'; reason: string };

/**
 * Object kinds that only Snowflake has. Their DDL is accepted without effect and recorded,
 * so tests can assert what mlc sent.
 */
const SNOWFLAKE_ONLY_OBJECTS = [
  'TASK',
  'ALERT',
  'STAGE',
  'TAG',
  'WAREHOUSE',
  'ROLE',
  'INTEGRATION',
  'NOTIFICATION',
  'PIPE',
  'STREAM',
  'MODEL',
  'SNOWFLAKE',
];

const FOREIGN_LANGUAGES = ['PYTHON', 'JAVA', 'SCALA', 'JAVASCRIPT'];

function words(tokens: readonly Token[]): string[] {
  return tokens.map((t) => (t.kind === 'word' || t.kind === 'op' ? t.text.toUpperCase() : t.text));
}

/** The dotted name starting at `index`, as canonical identifier parts. */
function qualifiedName(tokens: readonly Token[], index: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let i = index;
  while (tokens[i] && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted')) {
    parts.push(identifierName(tokens[i]!));
    if (tokens[i + 1]?.text !== '.') return { parts, next: i + 1 };
    i += 2;
  }
  return { parts, next: i };
}

function stringValue(token: Token | undefined): string | undefined {
  if (!token || token.kind !== 'string') return undefined;
  return token.text.slice(1, -1).replace(/''/g, "'").replace(/\\'/g, "'");
}

export function classify(sql: string): StatementKind {
  const tokens = significant(tokenize(sql));
  const w = words(tokens);
  const first = w[0] ?? '';
  if (first === 'SELECT' || first === 'WITH' || first === 'SHOW' || first === 'DESCRIBE' || first === 'DESC' || first === '(' || first === 'VALUES' || first === 'FROM') {
    if (tokens.some((t) => t.kind === 'word' && t.text.toUpperCase().startsWith('SYSTEM$'))) {
      return { kind: 'noop', reason: 'SYSTEM$ function' };
    }
    return { kind: 'query' };
  }
  if (first === 'INSERT') return { kind: 'dml', typeId: STATEMENT_TYPE.insert, verb: 'inserted' };
  if (first === 'UPDATE') return { kind: 'dml', typeId: STATEMENT_TYPE.update, verb: 'updated' };
  if (first === 'DELETE') return { kind: 'dml', typeId: STATEMENT_TYPE.delete, verb: 'deleted' };
  if (first === 'MERGE') return { kind: 'dml', typeId: STATEMENT_TYPE.merge, verb: 'merged' };
  if (first === 'CALL' && (w[1] ?? '').startsWith('SYSTEM$')) return { kind: 'noop', reason: 'SYSTEM$ call' };
  if (['PUT', 'GET', 'LIST', 'LS', 'REMOVE', 'RM', 'GRANT', 'REVOKE', 'EXECUTE'].includes(first)) {
    return { kind: 'noop', reason: `${first} statement` };
  }
  if (first === 'USE' && ['WAREHOUSE', 'ROLE', 'SECONDARY'].includes(w[1] ?? '')) return { kind: 'noop', reason: `USE ${w[1]}` };
  if (first === 'ALTER' && w[1] === 'SESSION') {
    const at = w.indexOf('QUERY_TAG');
    if (w[2] === 'SET' && at > 0) return { kind: 'set_query_tag', tag: stringValue(tokens[at + 2]) ?? '' };
    if (w[2] === 'UNSET' && at > 0) return { kind: 'set_query_tag', tag: '' };
    return { kind: 'noop', reason: 'ALTER SESSION' };
  }
  if (first === 'ALTER' && w[1] === 'TABLE') {
    const left = qualifiedName(tokens, w[2] === 'IF' ? 4 : 2);
    if (w[left.next] === 'SWAP' && w[left.next + 1] === 'WITH') {
      return { kind: 'swap', left: left.parts, right: qualifiedName(tokens, left.next + 2).parts };
    }
  }
  if (first === 'CREATE' || first === 'ALTER' || first === 'DROP') {
    const objectKind = w.slice(1).find((word) => !['OR', 'REPLACE', 'SECURE', 'TRANSIENT', 'TEMPORARY', 'TEMP', 'IF', 'NOT', 'EXISTS'].includes(word)) ?? '';
    if (SNOWFLAKE_ONLY_OBJECTS.includes(objectKind)) return { kind: 'noop', reason: `${first} ${objectKind}` };
    const language = w.indexOf('LANGUAGE');
    if (language > 0 && FOREIGN_LANGUAGES.includes(w[language + 1] ?? '')) return { kind: 'noop', reason: `${w[language + 1]} ${objectKind}` };
    if (isKeyword(tokens[1], 'ACCOUNT', 'USER', 'SHARE', 'NETWORK')) return { kind: 'noop', reason: `${first} ${objectKind}` };
  }
  return { kind: 'ddl' };
}

/** Splits a multi-statement text on top-level semicolons (never inside strings or comments). */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const token of tokenize(sql)) {
    if (token.kind === 'op' && token.text === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
    } else current += token.text;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
