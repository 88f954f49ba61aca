import type { Token } from '../tokenize.js';
import { isGroup, isToken, isTrivia, isWord, isWordIn, nextSignificant } from './tree.js';
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

/**
 * The Snowflake-only constructs of a statement. `anywhere` says whether to walk every node
 * for the constructs that may appear anywhere; without it only the leading words are read.
 */
export function snowflakeOnly(nodes: readonly Node[], anywhere: boolean): SnowflakeOnly[] {
  const found: SnowflakeOnly[] = [];
  const first = firstToken(nodes);
  if (isWord(first, 'CREATE') || isWord(first, 'ALTER')) {
    const words = topLevelTokens(nodes);
    let k = 1;
    while (first!.upper === 'CREATE' && CREATE_MODIFIERS.has(words[k]?.upper ?? '')) k++;
    const kind = words[k];
    if (kind && kind.upper === 'SNOWFLAKE' && words[k + 1]?.text === '.') {
      const path = words.slice(k, k + 5).map((w) => w.text).join('').toUpperCase();
      found.push(entry(kind, `${first!.upper} ${path}`));
    } else if (isWordIn(kind, OBJECTS)) {
      const second = words[k + 1];
      const name = isWordIn(second, COMPOUND) ? `${kind!.text} ${second!.text}` : kind!.text;
      found.push(entry(kind!, `${first!.upper} ${name.toUpperCase()}`));
    }
  } else if (isWordIn(first, STATEMENTS)) {
    found.push(entry(first!, first!.upper));
  } else if (isWord(first, 'INSERT')) {
    const mode = topLevelTokens(nodes)[1];
    if (isWordIn(mode, INSERT_MODES)) found.push(entry(mode!, `INSERT ${mode!.upper}`));
  }
  if (anywhere) scan(nodes, found);
  return found;
}

/** The first top-level token other than whitespace and comments; groups are passed over. */
function firstToken(nodes: readonly Node[]): Token | undefined {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind !== 'group' && !isTrivia(node)) return node;
  }
  return undefined;
}

/** The statement's top-level tokens other than whitespace and comments. */
function topLevelTokens(nodes: readonly Node[]): Token[] {
  return nodes.filter((n): n is Token => isToken(n) && !isTrivia(n));
}

function entry(token: Token, construct: string): SnowflakeOnly {
  return { token, construct, message: `${construct} is Snowflake-only and has no DuckDB translation`, hint: HINT, whole: true };
}

/** Constructs that may appear anywhere: model methods, SYSTEM$ functions, TAG clauses. */
function scan(nodes: readonly Node[], found: SnowflakeOnly[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind === 'group') {
      scan(node.items, found);
      continue;
    }
    const after = nodes[i + 1];
    if (node.kind === 'op' && node.text === '!' && isToken(after) && after.kind === 'word') {
      found.push(entry(node, `!${after.text.toUpperCase()}`));
    } else if (node.upper.startsWith('SYSTEM$')) {
      found.push(entry(node, node.upper));
    } else if (isWord(node, 'TAG') && isGroup(nodes[nextSignificant(nodes, i + 1)])) {
      found.push(entry(node, 'TAG'));
    }
  }
}
