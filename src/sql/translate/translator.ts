import { memoizedStatementTokens } from '../significant-tokens.js';
import { identifierName, shapeFirst, shapeLength, shapeOf, tokenize, SqlSyntaxError } from '../tokenize.js';
import type { Token } from '../tokenize.js';
import { duckType, isTypeName } from './data-types.js';
import type { DuckType } from './data-types.js';
import { FUNCTIONS } from './functions.js';
import { defaultCall } from './call.js';
import type { Call } from './call.js';
import { indexStep, jsonOperand, keyStep, parsePath, renderJson } from './json-access.js';
import type { JsonAccess, Operand, PathStep } from './json-access.js';
import { CALLABLE_KEYWORDS, KEYWORDS } from './keywords.js';
import { snowflakeOnly } from './statements.js';
import { stringValue, translateStringLiteral } from './strings.js';
import { buildTree, isGroup, isToken, isTrivia, isWord, isWordIn, nextSignificant, previousSignificant, splitArgs } from './tree.js';
import type { Group, Node } from './tree.js';
import type { TranslateDiagnostic, TranslateResult } from './types.js';

interface Rendered {
  op: Operand;
  next: number;
}

interface ParsedType {
  type: DuckType | undefined;
  raw: string;
  next: number;
}

/** Whole-statement words that mean nothing on DuckDB and are dropped. */
const DROPPED_IN_CREATE = new Set(['TRANSIENT', 'SECURE', 'VOLATILE']);

/** Words that follow a FROM item when more sources are joined to it. */
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'ASOF', 'LATERAL']);

const SAMPLE_METHODS: Record<string, string> = { BERNOULLI: 'bernoulli', ROW: 'bernoulli', SYSTEM: 'system', BLOCK: 'system' };

const TAG = shapeOf('TAG');
const FLATTEN = shapeOf('FLATTEN');
const OBJECT_CONSTRUCT = shapeOf('OBJECT_CONSTRUCT');
const SYSTEM = shapeOf('SYSTEM$');

/** Whether a word of this shape can be SYSTEM$…. */
function mayStartSystem(shape: number): boolean {
  return shapeFirst(shape) === shapeFirst(SYSTEM) && shapeLength(shape) >= shapeLength(SYSTEM);
}

/**
 * Whether the tokens hold a construct only found by walking a statement's whole tree: the
 * anywhere-constructs of snowflakeOnly (`!`, SYSTEM$…, TAG), FLATTEN for
 * collectFlattenAliases and OBJECT_CONSTRUCT for collectStarSources. Most SQL holds none,
 * and one pass over its tokens costs far less than three walks over every node.
 */
function needsWalk(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word') {
      const shape = token.shape;
      // Most words are told apart by shape alone, without their upper case.
      if (shape !== TAG && shape !== FLATTEN && shape !== OBJECT_CONSTRUCT && !mayStartSystem(shape)) continue;
      const upper = token.upper;
      if (upper === 'TAG' || upper === 'FLATTEN' || upper === 'OBJECT_CONSTRUCT' || upper.startsWith('SYSTEM$')) return true;
    } else if (token.kind === 'op' && token.text === '!') return true;
  }
  return false;
}

/**
 * The text as one flat string. Appending with `+=` makes V8 build a rope holding every
 * fragment; a translation kept for the whole compile would keep them all alive (ten times
 * the text's size) and the garbage collector would copy them on each young collection.
 * Reading a character makes V8 flatten the rope in place, so the fragments die young.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/**
 * One translation run. It walks the bracket tree once, left to right, writing DuckDB SQL;
 * tokens it does not rewrite are copied with their whitespace and comments.
 */
export class Translator {
  readonly diagnostics: TranslateDiagnostic[] = [];
  private walk = false;
  private readonly flattenAliases = new Set<string>();
  private bareFlatten = false;
  private pendingMatch: string | undefined;
  private inCreate = false;
  private readonly starSources = new Map<Token, string>();
  private columnDefinitions: Group | undefined;
  /** Where `sql` starts in the text its tokens were located in. */
  private origin: Pick<Token, 'line' | 'col'> = { line: 1, col: 1 };

  translate(sql: string): TranslateResult {
    // A statement translated right after its file was analyzed reuses the file's tokens.
    let tokens = memoizedStatementTokens(sql);
    if (tokens === undefined) {
      try {
        tokens = tokenize(sql);
      } catch (error) {
        if (!(error instanceof SqlSyntaxError)) throw error;
        this.diagnostics.push({ message: error.message, hint: error.hint, line: error.line, col: error.col, construct: 'syntax' });
        return { sql, diagnostics: this.diagnostics };
      }
    }
    if (tokens[0]) this.origin = tokens[0];
    const tree = buildTree(tokens);
    this.walk = needsWalk(tokens);
    let out = '';
    let start = 0;
    for (let i = 0; i <= tree.length; i++) {
      const node = tree[i];
      if (node === undefined || (node.kind === 'op' && node.text === ';')) {
        out += this.statement(tree.slice(start, i));
        if (node) out += node.text;
        start = i + 1;
      }
    }
    return { sql: flat(out), diagnostics: this.diagnostics };
  }

  /** Records a diagnostic at `token`, located in `sql`. */
  diagnose(token: Token, construct: string, message: string, hint: string): void {
    const { origin } = this;
    const line = token.line - origin.line + 1;
    this.diagnostics.push({ message, hint, line, col: line === 1 ? token.col - origin.col + 1 : token.col, construct });
  }

  private statement(nodes: Node[]): string {
    const found = snowflakeOnly(nodes, this.walk);
    for (const d of found) this.diagnose(d.token, d.construct, d.message, d.hint);
    if (found.some((d) => d.whole)) return sourceOf(nodes, 0, nodes.length);
    this.flattenAliases.clear();
    this.bareFlatten = false;
    this.pendingMatch = undefined;
    const first = nodes[nextSignificant(nodes, 0)];
    this.inCreate = isWord(first, 'CREATE');
    this.columnDefinitions = this.inCreate ? columnList(nodes) : undefined;
    this.starSources.clear();
    if (this.walk) {
      this.collectFlattenAliases(nodes);
      this.collectStarSources(nodes);
    }
    return this.seq(nodes);
  }

  /** Renders a run of nodes. */
  seq(nodes: readonly Node[]): string {
    return this.render(nodes).text;
  }

  /** Renders a run of nodes; the operand is kept when the run is a single expression primary. */
  operand(nodes: readonly Node[]): Operand {
    const r = this.render(nodes);
    return r.single && r.text.trim() === r.single.text ? r.single : { text: r.text.trim() };
  }

  private render(nodes: readonly Node[]): { text: string; single: Operand | undefined } {
    let out = '';
    let primaries = 0;
    let single: Operand | undefined;
    let others = 0;
    let lastComma = -1;
    for (let i = 0; i < nodes.length; ) {
      const node = nodes[i]!;
      if (node.kind === 'space') {
        out += node.text;
        i++;
        continue;
      }
      if (node.kind === 'comment') {
        out += node.text.startsWith('//') ? `--${node.text.slice(2)}` : node.text;
        i++;
        continue;
      }
      // A keyword is a clause or copied as written, unless it is called; any other word starts an expression.
      if (node.kind === 'word' && KEYWORDS.hasWord(node) && !this.startsCall(nodes, i)) {
        const clause = this.clause(nodes, i, lastComma >= 0);
        if (clause) {
          if (clause.replaceFromComma) out = out.slice(0, lastComma);
          out += clause.text;
          i = clause.next;
          others++;
          continue;
        }
      } else if (node.kind !== 'op') {
        const r = this.primary(nodes, i);
        out += r.op.text;
        single = r.op;
        primaries++;
        i = r.next;
        continue;
      }
      const token = node as Token;
      if (token.text === ',') lastComma = out.length;
      out += token.text;
      others++;
      i++;
    }
    return { text: out, single: primaries === 1 && others === 0 ? single : undefined };
  }

  /**
   * A word followed by a parenthesised group is a call, unless it is a keyword that takes one.
   * `next` is the index of the node after the word, when the caller has it.
   */
  private startsCall(nodes: readonly Node[], i: number, next = nextSignificant(nodes, i + 1)): boolean {
    const node = nodes[i];
    const g = nodes[next];
    if (node === undefined || node.kind !== 'word' || g === undefined || g.kind !== 'group' || g.open.text !== '(' || g === this.columnDefinitions) return false;
    const upper = node.upper;
    if (!KEYWORDS.has(upper)) return true;
    if (!CALLABLE_KEYWORDS.has(upper)) return false;
    const prev = nodes[previousSignificant(nodes, i)];
    if (upper === 'REPLACE') return !(isToken(prev) && prev.text === '*');
    // `x RLIKE (p)` is the operator; `RLIKE(x, p)` the function.
    if (upper === 'RLIKE' || upper === 'REGEXP') return !endsOperand(prev);
    return true;
  }

  /** Keyword-level rewrites; undefined when the keyword is copied as written. */
  private clause(
    nodes: readonly Node[],
    i: number,
    afterComma: boolean,
  ): { text: string; next: number; replaceFromComma?: boolean } | undefined {
    const token = nodes[i] as Token;
    const upper = token.upper;
    const n1 = nextSignificant(nodes, i + 1);
    const next = nodes[n1];
    switch (upper) {
      case 'ASOF':
        // Snowflake's ASOF JOIN null-pads unmatched left rows; DuckDB's plain ASOF JOIN drops them.
        return isWord(next, 'JOIN') ? { text: `${token.text} LEFT`, next: i + 1 } : undefined;
      case 'MATCH_CONDITION':
        return isGroup(next) ? this.matchCondition(nodes, next, n1) : undefined;
      case 'ON':
        if (this.pendingMatch === undefined) return undefined;
        {
          const text = `${token.text} (${this.pendingMatch}) AND`;
          this.pendingMatch = undefined;
          return { text, next: i + 1 };
        }
      case 'RLIKE':
      case 'REGEXP':
        // Snowflake's RLIKE matches the whole string, as DuckDB's SIMILAR TO does.
        return { text: 'SIMILAR TO', next: i + 1 };
      case 'MINUS':
        return { text: 'EXCEPT', next: i + 1 };
      case 'SAMPLE':
      case 'TABLESAMPLE':
        return this.sample(nodes, i);
      case 'LATERAL':
      case 'TABLE': {
        const call = upper === 'LATERAL' ? n1 : this.tableFlattenCall(next);
        if (call === undefined) return undefined;
        return this.flatten(nodes, i, upper === 'LATERAL' ? n1 : undefined, afterComma);
      }
      case 'TOP':
        this.diagnose(token, 'TOP', 'SELECT TOP n has no DuckDB form here', 'write LIMIT n at the end of the query');
        return undefined;
      case 'COPY':
        if (this.inCreate && isWord(next, 'GRANTS')) return { text: '', next: nextSignificant(nodes, n1 + 1) };
        return undefined;
      case 'CLUSTER': {
        const by = nodes[nextSignificant(nodes, n1 + 1)];
        if (this.inCreate && isWord(next, 'BY') && isGroup(by)) {
          return { text: '', next: nextSignificant(nodes, nextSignificant(nodes, n1 + 1) + 1) };
        }
        return undefined;
      }
      default:
        if (this.inCreate && DROPPED_IN_CREATE.has(upper)) return { text: '', next: n1 };
        return undefined;
    }
  }

  private matchCondition(nodes: readonly Node[], group: Group, at: number): { text: string; next: number } {
    const condition = this.seq(group.items).trim();
    const after = nextSignificant(nodes, at + 1);
    const follow = nodes[after];
    if (isWord(follow, 'ON')) {
      this.pendingMatch = condition;
      return { text: '', next: after };
    }
    if (isWord(follow, 'USING')) {
      this.diagnose(
        (follow as Token),
        'ASOF JOIN … USING',
        'ASOF JOIN with MATCH_CONDITION and USING has no DuckDB translation',
        'write the equality columns as ON l.col = r.col',
      );
    }
    return { text: `ON (${condition})`, next: at + 1 };
  }

  /** `SAMPLE [method] (n [ROWS]) [REPEATABLE|SEED (s)]` as DuckDB's TABLESAMPLE. */
  private sample(nodes: readonly Node[], i: number): { text: string; next: number } | undefined {
    let j = nextSignificant(nodes, i + 1);
    let method = 'bernoulli';
    const m = nodes[j];
    if (isToken(m) && m.kind === 'word' && SAMPLE_METHODS[m.upper]) {
      method = SAMPLE_METHODS[m.upper]!;
      j = nextSignificant(nodes, j + 1);
    }
    const group = nodes[j];
    if (!isGroup(group)) return undefined;
    const inner = group.items.filter((n) => !isTrivia(n));
    const amount = inner[0];
    if (!isToken(amount) || amount.kind !== 'number') {
      this.diagnose(nodes[i] as Token, 'SAMPLE', 'SAMPLE needs a literal size on DuckDB', 'write SAMPLE (10) or SAMPLE (100 ROWS)');
      return undefined;
    }
    const rows = isWord(inner[1], 'ROWS');
    let text = rows ? `TABLESAMPLE reservoir(${amount.text} ROWS)` : `TABLESAMPLE ${method}(${amount.text} PERCENT)`;
    let next = j + 1;
    const s = nextSignificant(nodes, next);
    const seedWord = nodes[s];
    const seedGroup = nodes[nextSignificant(nodes, s + 1)];
    if ((isWord(seedWord, 'SEED') || isWord(seedWord, 'REPEATABLE')) && isGroup(seedGroup)) {
      text += ` REPEATABLE (${this.seq(seedGroup.items).trim()})`;
      next = nextSignificant(nodes, s + 1) + 1;
    }
    return { text, next };
  }

  /** The index of FLATTEN inside `TABLE(FLATTEN(…))`, when that is what the group holds. */
  private tableFlattenCall(group: Node | undefined): number | undefined {
    if (!isGroup(group)) return undefined;
    const at = nextSignificant(group.items, 0);
    const word = group.items[at];
    return isWord(word, 'FLATTEN') ? at : undefined;
  }

  /**
   * `LATERAL FLATTEN(input => x) f` and `TABLE(FLATTEN(…)) f` as the `mlc_flatten` table
   * macro, which DuckDB joins laterally. OUTER => TRUE becomes a LEFT JOIN … ON TRUE.
   */
  private flatten(
    nodes: readonly Node[],
    i: number,
    lateralCall: number | undefined,
    afterComma: boolean,
  ): { text: string; next: number; replaceFromComma?: boolean } | undefined {
    let callNodes: readonly Node[];
    let callIndex: number;
    let after: number;
    if (lateralCall !== undefined) {
      callNodes = nodes;
      callIndex = lateralCall;
      after = nextSignificant(nodes, callIndex + 1) + 1;
    } else {
      const group = nodes[nextSignificant(nodes, i + 1)] as Group;
      callNodes = group.items;
      callIndex = nextSignificant(group.items, 0);
      after = nextSignificant(nodes, i + 1) + 1;
    }
    const name = callNodes[callIndex] as Token;
    const group = callNodes[nextSignificant(callNodes, callIndex + 1)];
    if (!isWord(name, 'FLATTEN') || !isGroup(group)) return undefined;
    let input: string | undefined;
    let path: string | undefined;
    let outer = false;
    splitArgs(group.items).forEach((arg, position) => {
      const at = nextSignificant(arg, 0);
      const arrow = nextSignificant(arg, at + 1);
      const named = isToken(arg[arrow]) && (arg[arrow] as Token).text === '=>';
      const key = named ? (arg[at] as Token).upper : (['INPUT', 'PATH', 'OUTER', 'RECURSIVE', 'MODE'][position] ?? '');
      const valueNodes = named ? arg.slice(arrow + 1) : arg;
      const value = this.seq(valueNodes).trim();
      if (key === 'INPUT') input = value;
      else if (key === 'PATH') {
        const literal = valueNodes.find((n) => !isTrivia(n));
        path = isToken(literal) && literal.kind === 'string' ? stringValue(literal.text) : undefined;
        if (path === undefined) this.diagnose(name, 'FLATTEN', 'FLATTEN path must be a string literal on DuckDB', "write PATH => 'a.b'");
      } else if (key === 'OUTER') outer = value.toUpperCase() === 'TRUE';
      else if ((key === 'RECURSIVE' && value.toUpperCase() !== 'FALSE') || (key === 'MODE' && value.toUpperCase() !== "'BOTH'")) {
        this.diagnose(name, `FLATTEN ${key}`, `FLATTEN ${key} => ${value} has no DuckDB translation`, 'flatten one level at a time');
      }
    });
    if (input === undefined) {
      this.diagnose(name, 'FLATTEN', 'FLATTEN needs an INPUT argument', 'write FLATTEN(INPUT => column)');
      return undefined;
    }
    const steps = path === undefined ? [] : parsePath(path);
    if (steps === undefined) this.diagnose(name, 'FLATTEN', `FLATTEN path '${path}' is not a valid path`, "write PATH => 'a.b[0]'");
    const source = steps?.length ? renderJson({ base: input, steps }, false) : input;
    // Keep the alias: AS f or f.
    let next = after;
    let alias = '';
    const a = nextSignificant(nodes, next);
    const aliasAt = isWord(nodes[a], 'AS') ? nextSignificant(nodes, a + 1) : a;
    const aliasNode = nodes[aliasAt];
    if (isToken(aliasNode) && (aliasNode.kind === 'quoted' || (aliasNode.kind === 'word' && !KEYWORDS.hasWord(aliasNode)))) {
      alias = ` ${identifierName(aliasNode)}`;
      next = aliasAt + 1;
    }
    const call = `mlc_flatten(${source})${alias}`;
    if (outer && afterComma) return { text: ` LEFT JOIN ${call} ON TRUE`, next, replaceFromComma: true };
    if (outer) this.diagnose(name, 'FLATTEN OUTER', 'OUTER => TRUE needs the FLATTEN to follow a comma in FROM', 'write FROM t, LATERAL FLATTEN(…)');
    return { text: call, next };
  }

  /** Aliases of FLATTEN outputs, whose VALUE and THIS columns hold VARIANTs. */
  private collectFlattenAliases(nodes: readonly Node[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (isGroup(node)) this.collectFlattenAliases(node.items);
      const lateral = isWord(node, 'FLATTEN');
      if (!lateral && !(isWord(node, 'TABLE') && this.tableFlattenCall(nodes[nextSignificant(nodes, i + 1)]) !== undefined)) continue;
      // The alias follows FLATTEN(…) or TABLE(…).
      let a = nextSignificant(nodes, nextSignificant(nodes, i + 1) + 1);
      if (lateral && a >= nodes.length) continue;
      if (isWord(nodes[a], 'AS')) a = nextSignificant(nodes, a + 1);
      const alias = nodes[a];
      if (isToken(alias) && (alias.kind === 'quoted' || (alias.kind === 'word' && !KEYWORDS.hasWord(alias)))) {
        this.flattenAliases.add(identifierName(alias));
      } else this.bareFlatten = true;
    }
  }

  /** The row name to read for OBJECT_CONSTRUCT(*) at this token, when its FROM has one source. */
  singleFromAlias(token: Token): string | undefined {
    return this.starSources.get(token);
  }

  private collectStarSources(nodes: readonly Node[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (isGroup(node)) {
        this.collectStarSources(node.items);
        continue;
      }
      const group = nodes[nextSignificant(nodes, i + 1)];
      if (!isWord(node, 'OBJECT_CONSTRUCT') || !isGroup(group)) continue;
      const inner = group.items.filter((n) => !isTrivia(n));
      if (inner.length !== 1 || (inner[0] as Token).text !== '*') continue;
      const from = nodes.findIndex((n, j) => j > i && isWord(n, 'FROM'));
      if (from < 0) continue;
      const source = this.singleSource(nodes, nextSignificant(nodes, from + 1));
      if (source) this.starSources.set(node, source);
    }
  }

  /** The alias (or last name part) of a FROM clause with exactly one table or subquery. */
  private singleSource(nodes: readonly Node[], at: number): string | undefined {
    let i = at;
    let name: string | undefined;
    if (isGroup(nodes[i])) i++;
    else {
      while (isToken(nodes[i]) && ((nodes[i] as Token).kind === 'word' || (nodes[i] as Token).kind === 'quoted')) {
        name = identifierName(nodes[i] as Token);
        if (isToken(nodes[i + 1]) && (nodes[i + 1] as Token).text === '.') i += 2;
        else {
          i++;
          break;
        }
      }
    }
    let a = nextSignificant(nodes, i);
    if (isWord(nodes[a], 'AS')) a = nextSignificant(nodes, a + 1);
    const alias = nodes[a];
    if (isToken(alias) && (alias.kind === 'quoted' || (alias.kind === 'word' && !KEYWORDS.hasWord(alias)))) {
      name = identifierName(alias);
      a = nextSignificant(nodes, a + 1);
    }
    const follow = nodes[a];
    const joined = isToken(follow) && (follow.text === ',' || isWordIn(follow, JOIN_WORDS));
    return joined ? undefined : name;
  }

  private primary(nodes: readonly Node[], i: number): Rendered {
    const node = nodes[i]!;
    let op: Operand;
    let next = i + 1;
    let identifier: string | undefined;
    if (node.kind === 'group') op = this.groupPrimary(node);
    else if (node.kind === 'string') op = { text: translateStringLiteral(node.text) };
    else if (node.kind === 'quoted') {
      identifier = identifierName(node);
      op = { text: identifier };
    } else if (node.kind === 'word') {
      const g = nextSignificant(nodes, i + 1);
      const typed = nodes[g];
      // A call reads its own postfix.
      if (this.startsCall(nodes, i, g)) return this.call(nodes, i, g);
      if (typed !== undefined && typed.kind === 'string' && isTypeName(node.text)) {
        const type = duckType(node.text, []);
        op = type?.family === 'json' ? this.toJson(translateStringLiteral(typed.text)) : { text: `${type?.sql ?? node.text} ${translateStringLiteral(typed.text)}` };
        next = g + 1;
      } else {
        identifier = node.text.toLowerCase();
        op = { text: identifier };
        if (this.bareFlatten && (identifier === 'value' || identifier === 'this')) op = jsonOperand({ base: identifier, steps: [] });
      }
    } else op = { text: node.text };
    return this.postfix(nodes, next, op, identifier);
  }

  private groupPrimary(group: Group): Operand {
    const close = group.close?.text ?? '';
    if (group === this.columnDefinitions) return { text: `(${this.columns(group.items)}${close}` };
    if (group.open.text === '(') return { text: `(${this.seq(group.items)}${close}` };
    const args = splitArgs(group.items);
    if (group.open.text === '[') return this.toJsonText(`json_array(${args.map((a) => this.seq(a).trim()).join(', ')})`);
    // {'k': v, …} object constant: same rules as OBJECT_CONSTRUCT.
    const entries: string[] = [];
    for (const arg of args) {
      const colon = arg.findIndex((n) => isToken(n) && n.text === ':');
      if (colon < 0) {
        this.diagnose(group.open, 'OBJECT constant', 'object constant entries must be key: value', "write {'key': value}");
        return { text: `{${this.seq(group.items)}}` };
      }
      entries.push(`{'k': ${this.seq(arg.slice(0, colon)).trim()}, 'v': to_json(${this.seq(arg.slice(colon + 1)).trim()})}`);
    }
    return this.toJsonText(entries.length ? `mlc_object([${entries.join(', ')}])` : `'{}'::JSON`);
  }

  /** CREATE TABLE column definitions: each `name TYPE …` gets its DuckDB type. */
  private columns(items: readonly Node[]): string {
    const parts: string[] = [];
    for (const def of splitArgs(items)) {
      const at = nextSignificant(def, 0);
      const name = def[at];
      const typeAt = nextSignificant(def, at + 1);
      const constraint = isToken(name) && name.kind === 'word' && KEYWORDS.hasWord(name);
      if (!isToken(name) || constraint || (name.kind !== 'word' && name.kind !== 'quoted')) {
        parts.push(this.seq(def));
        continue;
      }
      const parsed = this.parseType(def, typeAt);
      const type = parsed.type?.sql ?? parsed.raw;
      parts.push(`${this.seq(def.slice(0, at))}${identifierName(name)}${this.seq(def.slice(at + 1, typeAt))}${type}${this.seq(def.slice(parsed.next))}`);
    }
    return parts.join(',');
  }

  private toJsonText(text: string): Operand {
    return jsonOperand({ base: text, steps: [] });
  }

  toJson(text: string): Operand {
    return this.toJsonText(`to_json(${text})`);
  }

  /** Qualified names, `:path`, `[index]` and `::type` after a primary. */
  private postfix(nodes: readonly Node[], start: number, first: Operand, identifier: string | undefined): Rendered {
    let op = first;
    // Steps into a VARIANT taken since `op` was rendered: the access is rendered once, when the chain is cast or ends.
    let access: JsonAccess | undefined;
    let i = start;
    let name = identifier;
    for (;;) {
      const node = nodes[i];
      if (node === undefined) break;
      const after = nodes[i + 1];
      if (node.kind === 'op' && node.text === '.' && isToken(after) && (after.kind === 'word' || after.kind === 'quoted' || after.text === '*')) {
        if (access !== undefined || (op.json && op.json.steps.length > 0)) {
          access = stepInto(op, access, keyStep(keyOf(after)));
        } else {
          const part = after.text === '*' ? '*' : identifierName(after);
          const qualified = `${op.text}.${part}`;
          if (name !== undefined && this.flattenAliases.has(name) && (part === 'value' || part === 'this')) {
            op = jsonOperand({ base: qualified, steps: [] });
          } else {
            if (name !== undefined && this.flattenAliases.has(name) && part === 'seq') {
              this.diagnose(after, 'FLATTEN SEQ', 'FLATTEN SEQ has no DuckDB counterpart (it is NULL there)', 'use INDEX, or ROW_NUMBER() over the input rows');
            }
            op = { text: qualified };
          }
          name = part;
        }
        i += 2;
        continue;
      }
      if (node.kind === 'op' && node.text === ':' && isToken(after) && (after.kind === 'word' || after.kind === 'quoted')) {
        access = stepInto(op, access, keyStep(keyOf(after)));
        i += 2;
        continue;
      }
      if (node.kind === 'group' && node.open.text === '[') {
        access = stepInto(op, access, this.indexStep(node));
        i += 1;
        continue;
      }
      const c = nextSignificant(nodes, i);
      const cast = nodes[c];
      if (cast !== undefined && cast.kind === 'op' && cast.text === '::') {
        if (access !== undefined) {
          op = jsonOperand(access);
          access = undefined;
        }
        const parsed = this.parseType(nodes, nextSignificant(nodes, c + 1));
        op = parsed.type ? this.cast(op, parsed.type, false) : { text: `${op.text}::${parsed.raw}` };
        i = parsed.next;
        continue;
      }
      break;
    }
    return { op: access === undefined ? op : jsonOperand(access), next: i };
  }

  private indexStep(group: Group): PathStep {
    const inner = group.items.filter((n) => !isTrivia(n));
    const only = inner.length === 1 ? inner[0] : undefined;
    if (isToken(only) && only.kind === 'number' && /^\d+$/.test(only.text)) return indexStep(Number(only.text));
    if (isToken(only) && only.kind === 'string') return keyStep(stringValue(only.text));
    return { kind: 'dynamic', expr: `(${this.seq(group.items).trim()})` };
  }

  /** A type at `i`: name, optional second word (DOUBLE PRECISION …) and (args). */
  parseType(nodes: readonly Node[], i: number): ParsedType {
    const word = nodes[i];
    if (!isToken(word) || word.kind !== 'word') return { type: undefined, raw: '', next: i };
    let next = i + 1;
    let raw = word.text;
    const second = nodes[nextSignificant(nodes, next)];
    if (isWord(second, 'PRECISION') || isWord(second, 'VARYING')) {
      raw += ` ${(second as Token).text}`;
      next = nextSignificant(nodes, next) + 1;
    }
    let args: string[] = [];
    const g = nodes[next];
    if (isGroup(g) && g.open.text === '(') {
      args = splitArgs(g.items).map((a) => this.seq(a).trim());
      raw += `(${args.join(',')})`;
      next++;
    }
    const type = duckType(word.text, args);
    if (!type) this.diagnose(word, word.text.toUpperCase(), `type ${word.text.toUpperCase()} has no DuckDB counterpart`, 'cast to a standard type');
    return { type, raw, next };
  }

  /** Snowflake's cast; a VARIANT read as a scalar loses its JSON quoting. */
  cast(op: Operand, type: DuckType, tryCast: boolean): Operand {
    if (type.family === 'json') return op.json ? op : this.toJson(op.text);
    if (op.json) {
      const text = renderJson(op.json, true);
      return { text: type.family === 'string' ? text : `${tryCast ? 'TRY_CAST' : 'CAST'}(${text} AS ${type.sql})` };
    }
    return { text: tryCast ? `TRY_CAST(${op.text} AS ${type.sql})` : `${op.text}::${type.sql}` };
  }

  private call(nodes: readonly Node[], i: number, g: number): Rendered {
    const name = nodes[i] as Token;
    const group = nodes[g] as Group;
    const argNodes = splitArgs(group.items);
    // Plain loops, no slice/map/join over nodes: with those, the optimized `call` met new
    // object shapes in their callbacks and fell back to unoptimized code about ten times
    // per process, which made it the costliest part of a cold translation.
    const args: string[] = [];
    const operands: Operand[] = [];
    // Each argument is rendered once; the group text is rebuilt from them to keep the layout.
    let inner = '';
    for (let k = 0; k < argNodes.length; k++) {
      const r = this.render(argNodes[k]!);
      const text = r.text.trim();
      const operand = r.single && text === r.single.text ? r.single : { text };
      operands.push(operand);
      args.push(operand.text);
      inner += k === 0 ? r.text : `,${r.text}`;
    }
    if (argNodes.length === 0) inner = this.seq(group.items);
    const call: Call = {
      name: name.upper,
      token: name,
      argNodes,
      args,
      operands,
      group: `${sourceOf(nodes, i + 1, g)}(${inner}${group.close?.text ?? ''}`,
      within: undefined,
      nulls: undefined,
      over: '',
    };
    let next = g + 1;
    // Suffixes that Snowflake writes after the call and DuckDB wants elsewhere.
    for (;;) {
      const s = nextSignificant(nodes, next);
      const word = nodes[s];
      if (word === undefined || word.kind !== 'word') break;
      const w2 = nodes[nextSignificant(nodes, s + 1)];
      if (isWord(word, 'WITHIN') && isWord(w2, 'GROUP')) {
        const og = nextSignificant(nodes, nextSignificant(nodes, s + 1) + 1);
        const order = nodes[og];
        if (!isGroup(order)) break;
        call.within = this.seq(order.items).trim();
        next = og + 1;
      } else if ((isWord(word, 'IGNORE') || isWord(word, 'RESPECT')) && isWord(w2, 'NULLS')) {
        call.nulls = `${word.upper} NULLS`;
        next = nextSignificant(nodes, s + 1) + 1;
      } else if (isWord(word, 'OVER')) {
        const w = nextSignificant(nodes, s + 1);
        const spec = nodes[w];
        const specText = isGroup(spec) ? `(${this.seq(spec.items)}${spec.close?.text ?? ''}` : identifierName(spec as Token);
        call.over = `${sourceOf(nodes, next, s)}${word.text}${sourceOf(nodes, s + 1, w)}${specText}`;
        next = w + 1;
        break;
      } else break;
    }
    const handler = FUNCTIONS.get(call.name);
    const result = handler?.(call, this);
    const op = typeof result === 'string' ? { text: result } : (result ?? { text: defaultCall(call) });
    return this.postfix(nodes, next, op, undefined);
  }
}

/** The text of nodes[from, to) as written. */
function sourceOf(nodes: readonly Node[], from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) {
    const node = nodes[k]!;
    out += node.kind === 'group' ? `${node.open.text}${sourceOf(node.items, 0, node.items.length)}${node.close?.text ?? ''}` : node.text;
  }
  return out;
}

/** The column list of `CREATE … TABLE name (…)`, if the statement has one. */
function columnList(nodes: readonly Node[]): Group | undefined {
  const table = nodes.findIndex((n) => isWord(n, 'TABLE'));
  if (table < 0) return undefined;
  let i = nextSignificant(nodes, table + 1);
  if (isWord(nodes[i], 'IF')) i = nextSignificant(nodes, i + 3);
  while (isToken(nodes[i]) && ((nodes[i] as Token).kind === 'word' || (nodes[i] as Token).kind === 'quoted' || (nodes[i] as Token).text === '.')) i++;
  const group = nodes[nextSignificant(nodes, i)];
  return isGroup(group) && group.open.text === '(' ? group : undefined;
}

function endsOperand(node: Node | undefined): boolean {
  if (node === undefined) return false;
  if (isGroup(node)) return true;
  if (node.kind === 'word') return !KEYWORDS.hasWord(node);
  return node.kind === 'string' || node.kind === 'number' || node.kind === 'quoted';
}

/** `access`, or else a new access into `op`, with one more step. */
function stepInto(op: Operand, access: JsonAccess | undefined, step: PathStep): JsonAccess {
  const into = access ?? { base: op.json ? op.json.base : op.text, steps: op.json ? op.json.steps.slice() : [] };
  into.steps.push(step);
  return into;
}

function keyOf(token: Token): string {
  return token.kind === 'quoted' ? token.text.slice(1, -1).replace(/""/g, '"') : token.text;
}

