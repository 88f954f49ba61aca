import type { Token } from '../tokenize.js';
import type { Operand } from './json-access.js';
import type { Node } from './tree.js';

/** A function call as the rewrite rules see it. */
export interface Call {
  /** Upper-case name as written. */
  name: string;
  token: Token;
  /** Arguments as nodes, and rendered to DuckDB (trimmed). */
  argNodes: Node[][];
  args: string[];
  /** The rendered arguments with what is known of their values (VARIANT or not). */
  operands: Operand[];
  /** The rendered parenthesised argument list, layout kept. */
  group: string;
  /** The ORDER BY … of WITHIN GROUP (…), rendered. */
  within: string | undefined;
  /** IGNORE NULLS or RESPECT NULLS written after the call. */
  nulls: string | undefined;
  /** The rendered OVER clause with its leading whitespace, or ''. */
  over: string;
}

/** A call copied as written, with Snowflake's trailing IGNORE NULLS moved inside. */
export function defaultCall(call: Call, name?: string): string {
  let group = call.group;
  if (call.nulls) group = `${group.slice(0, group.lastIndexOf(')'))} ${call.nulls})`;
  if (call.within !== undefined) group += ` WITHIN GROUP (${call.within})`;
  return `${name ?? call.token.text}${group}${call.over}`;
}

