import type { Token } from '../tokenize.js';
import { isGroup, isToken, isTrivia, isWord, isWordIn } from './tree.js';
import type { Node } from './tree.js';

/** A Snowflake-only construct found in a statement. */
export interface SnowflakeOnly {
  token: Token;
  construct: string;
  message: string;
  hint: string;
  /** The whole statement cannot run on DuckDB. */
  whole: boolean;
}

const HINT = 'run it on the snowflake target only; on the embedded target mlc must emulate it';

/** Object kinds that exist only in Snowflake, after CREATE [OR REPLACE] or ALTER. */
const OBJECTS = new Set(
  'TASK ALERT STAGE DYNAMIC MODEL TAG STREAM PIPE WAREHOUSE ROLE USER FILE PROCEDURE FUNCTION EXTERNAL NOTIFICATION INTEGRATION NETWORK SECRET MATERIALIZED DATABASE SESSION ACCOUNT SHARE'.split(' '),
);
const CREATE_MODIFIERS = new Set(['OR', 'REPLACE', 'TRANSIENT', 'TEMPORARY', 'TEMP', 'SECURE', 'VOLATILE', 'LOCAL', 'GLOBAL', 'SCOPED']);
const STATEMENTS = new Set('EXECUTE PUT GET LIST LS REMOVE RM SHOW CALL GRANT REVOKE UNDROP COPY USE'.split(' '));
/** Second words that make an object kind read better in a message. */
const COMPOUND = new Set(['TABLE', 'MONITOR', 'FORMAT', 'VIEW']);
const INSERT_MODES = new Set(['OVERWRITE', 'ALL', 'FIRST']);

export function snowflakeOnly(nodes: readonly Node[]): SnowflakeOnly[] {
  const found: SnowflakeOnly[] = [];
  const words = nodes.filter((n): n is Token => isToken(n) && !isTrivia(n));
  const first = words[0];
  const add = (token: Token, construct: string, whole: boolean): void => {
    found.push({ token, construct, message: `${construct} is Snowflake-only and has no DuckDB translation`, hint: HINT, whole });
  };
  if (isWord(first, 'CREATE') || isWord(first, 'ALTER')) {
    let k = 1;
    while (first!.upper === 'CREATE' && CREATE_MODIFIERS.has(words[k]?.upper ?? '')) k++;
    const kind = words[k];
    if (kind && kind.upper === 'SNOWFLAKE' && words[k + 1]?.text === '.') {
      const path = words.slice(k, k + 5).map((w) => w.text).join('').toUpperCase();
      add(kind, `${first!.upper} ${path}`, true);
    } else if (isWordIn(kind, OBJECTS)) {
      const second = words[k + 1];
      const name = isWordIn(second, COMPOUND) ? `${kind!.text} ${second!.text}` : kind!.text;
      add(kind!, `${first!.upper} ${name.toUpperCase()}`, true);
    }
  } else if (first && isWordIn(first, STATEMENTS)) {
    add(first, first.upper, true);
  } else if (isWord(first, 'INSERT') && isWordIn(words[1], INSERT_MODES)) {
    add(words[1]!, `INSERT ${words[1]!.upper}`, true);
  }
  scan(nodes, add);
  return found;
}

/** Constructs that may appear anywhere: model methods, SYSTEM$ functions, TAG clauses. */
function scan(nodes: readonly Node[], add: (token: Token, construct: string, whole: boolean) => void): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (isGroup(node)) {
      scan(node.items, add);
      continue;
    }
    const after = nodes[i + 1];
    if (node.kind === 'op' && node.text === '!' && isToken(after) && after.kind === 'word') {
      add(node, `!${after.text.toUpperCase()}`, true);
    } else if (node.upper.startsWith('SYSTEM$')) {
      add(node, node.upper, true);
    } else if (isWord(node, 'TAG')) {
      let j = i + 1;
      while (isTrivia(nodes[j])) j++;
      if (isGroup(nodes[j])) add(node, 'TAG', true);
    }
  }
}
