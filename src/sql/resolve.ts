import type { Relation } from '../graph/node.js';
import type { ColumnSource, ColumnsOf, TableReference } from './analysis.js';
import { TABLE_FUNCTION_COLUMNS } from './keywords.js';
import type { ColumnRef, Cte, Expr, ExprItem, FromSource, QueryModel, SelectModel, StarItem, ValuesModel } from './model.js';
import { ilikeMatcher, mergeSources, relationId, reshape, type ScopeSource, type Shape } from './shape.js';

export interface OutputColumn {
  name: string | undefined;
  sources: ColumnSource[];
  /** The select item, for locating unnamed expressions. */
  item: ExprItem | undefined;
}

export interface QueryOutput {
  columns: OutputColumn[];
  /** False when a `*` met a relation whose columns are unknown. */
  complete: boolean;
}

interface CteState {
  cte: Cte;
  env: Env;
  output: QueryOutput | undefined;
  resolving: boolean;
}

/** The WITH names visible at a point of the query. */
interface Env {
  ctes: Map<string, CteState>;
  parent: Env | undefined;
}

/** The FROM items and earlier select aliases visible to an expression; `parent` for correlation. */
interface Scope {
  sources: ScopeSource[];
  /**
   * The named columns of the earlier select items, looked up by name (the first wins): there
   * are a few, so a scan costs less than hashing each name.
   */
  aliases: OutputColumn[];
  parent: Scope | undefined;
}

const EMPTY_ENV: Env = { ctes: new Map(), parent: undefined };

/**
 * Walks a parsed query once: collects the base relations it reads (CTE names excluded,
 * with WITH scoping) and computes each output column's name and source columns.
 * Loops index their arrays rather than use for...of or callbacks: an iterator loop compiles
 * to a try/finally, which slows the not-yet-optimized code and makes the optimizing
 * compiler's work (done for every process) larger.
 */
export class Resolver {
  /** Every base relation read, at each place it is read. */
  private readonly tables: TableReference[] = [];

  constructor(private readonly columnsOf: ColumnsOf | undefined) {}

  resolve(query: QueryModel): { output: QueryOutput; tables: TableReference[] } {
    const output = this.query(query, EMPTY_ENV, undefined);
    return { output, tables: firstOccurrences(this.tables) };
  }

  /** `ofCte` is the WITH query whose body this is, if any. */
  private query(query: QueryModel, env: Env, outer: Scope | undefined, ofCte?: CteState): QueryOutput {
    let inner = env;
    if (query.ctes.length > 0) {
      inner = { ctes: new Map(), parent: env };
      for (let k = 0; k < query.ctes.length; k++) {
        const cte = query.ctes[k]!;
        const state: CteState = { cte, env: inner, output: undefined, resolving: false };
        // Registered before resolving, so a recursive CTE sees itself.
        inner.ctes.set(cte.name, state);
        this.cte(state);
      }
    }
    let output: QueryOutput | undefined;
    for (let b = 0; b < query.branches.length; b++) {
      const result = this.branch(query.branches[b]!, inner, outer);
      if (!output) {
        output = { columns: copyColumns(result.columns), complete: result.complete };
        // The later branches of a recursive CTE read the columns of its first one.
        if (ofCte) ofCte.output = withColumnAliases(output, ofCte.cte.columnAliases);
        continue;
      }
      output.complete &&= result.complete;
      for (let k = 0; k < output.columns.length; k++) {
        const column = output.columns[k]!;
        const other = result.columns[k];
        if (other) column.sources = mergeSources([column.sources, other.sources]);
      }
    }
    for (let k = 0; k < query.clauses.length; k++) this.subqueries(query.clauses[k]!, inner, outer);
    return output ?? { columns: [], complete: false };
  }

  private cte(state: CteState): QueryOutput | undefined {
    // A reference from inside its own first branch cannot be resolved (and would not terminate).
    if (state.output || state.resolving) return state.output;
    state.resolving = true;
    state.output = withColumnAliases(this.query(state.cte.query, state.env, undefined, state), state.cte.columnAliases);
    return state.output;
  }

  private branch(branch: SelectModel | ValuesModel | QueryModel, env: Env, outer: Scope | undefined): QueryOutput {
    if (branch.kind === 'query') return this.query(branch, env, outer);
    if (branch.kind === 'select') return this.select(branch, env, outer);
    const scope: Scope = { sources: [], aliases: [], parent: outer };
    const shape = this.valuesShape(branch.rows, env, scope);
    return {
      columns: (shape.columns ?? []).map((name) => ({ name, sources: shape.lineage(name), item: undefined })),
      complete: true,
    };
  }

  private select(select: SelectModel, env: Env, outer: Scope | undefined): QueryOutput {
    const scope: Scope = { sources: [], aliases: [], parent: outer };
    for (let k = 0; k < select.from.length; k++) scope.sources.push(this.source(select.from[k]!, env, scope));
    for (let k = 0; k < select.clauses.length; k++) this.subqueries(select.clauses[k]!, env, scope);
    const output: QueryOutput = { columns: [], complete: true };
    for (let k = 0; k < select.items.length; k++) {
      const item = select.items[k]!;
      if (item.kind === 'star') {
        output.complete = this.expandStar(item, env, scope, output.columns) && output.complete;
        continue;
      }
      const column: OutputColumn = { name: item.name, sources: this.expression(item.expr, env, scope), item };
      output.columns.push(column);
      if (column.name !== undefined) scope.aliases.push(column);
    }
    return output;
  }

  /** Appends the columns a `*` stands for; false when some are unknown. */
  private expandStar(item: StarItem, env: Env, scope: Scope, out: OutputColumn[]): boolean {
    const targets =
      item.qualifier.length === 0 ? scope.sources : scope.sources.filter((s) => matchesQualifier(s, item.qualifier));
    const matches = item.ilike === undefined ? undefined : ilikeMatcher(item.ilike);
    const exclude = new Set(item.exclude);
    const replace = new Map(item.replace.map((r) => [r.name, r.expr]));
    const rename = new Map(item.rename.map((r) => [r.from, r.to]));
    let complete = targets.length > 0;
    const shown = new Set<string>();
    for (const target of targets) {
      if (!target.columns) {
        complete = false;
        continue;
      }
      // A bare * shows the columns of a USING or NATURAL join once, from the left side.
      const merged = item.qualifier.length > 0 ? undefined : target.mergedColumns;
      const skip = merged === 'natural' ? shown : new Set(merged);
      for (const name of target.columns) {
        if (skip.has(name)) continue;
        shown.add(name);
        if (exclude.has(name) || (matches && !matches(name))) continue;
        const replaced = replace.get(name);
        out.push({
          name: rename.get(name) ?? name,
          sources: replaced ? this.expression(replaced, env, scope) : target.lineage(name),
          item: undefined,
        });
      }
    }
    return complete;
  }

  private source(source: FromSource, env: Env, scope: Scope): ScopeSource {
    let shape: Shape;
    let qualifiers: string[][] = [];
    switch (source.kind) {
      case 'table': {
        const { relation } = source;
        const cte = relation.schema === undefined ? lookupCte(env, relation.name) : undefined;
        if (cte) {
          shape = outputShape(this.cte(cte));
        } else {
          this.recordTable(relation, source);
          const known = this.columnsOf?.(relation);
          shape = { columns: known && [...known], lineage: (column) => [{ relation, column }] };
        }
        qualifiers = nameSuffixes(relation);
        break;
      }
      case 'query':
        // A subquery in FROM may be LATERAL, so it sees the items before it.
        shape = outputShape(this.query(source.query, env, scope));
        break;
      case 'function': {
        const input = this.expression(source.args, env, scope);
        const columns = TABLE_FUNCTION_COLUMNS.get(source.name);
        shape = { columns: columns && [...columns], lineage: (column) => (column === 'seq' ? [] : input) };
        break;
      }
      case 'values':
        shape = this.valuesShape(source.rows, env, scope);
        break;
    }
    const reshaped = reshape(shape, source);
    if (source.pivot?.kind === 'pivot') for (const query of source.pivot.subqueries) this.query(query, env, scope);
    return {
      columns: reshaped.columns,
      lineage: reshaped.lineage,
      qualifiers: source.alias !== undefined ? [[source.alias]] : qualifiers,
      mergedColumns: source.mergedColumns,
    };
  }

  /** VALUES rows: Snowflake names the columns column1, column2, ... */
  private valuesShape(rows: Expr[][], env: Env, scope: Scope): Shape {
    const width = rows[0]?.length ?? 0;
    const lineage = Array.from({ length: width }, (_, k) =>
      mergeSources(rows.map((row) => (row[k] ? this.expression(row[k], env, scope) : []))),
    );
    const columns = lineage.map((_, k) => `column${k + 1}`);
    return { columns, lineage: (column) => lineage[columns.indexOf(column)] ?? [] };
  }

  private recordTable(relation: Relation, source: FromSource & { kind: 'table' }): void {
    this.tables.push({ relation, line: source.token.line, col: source.token.col, offset: source.token.start });
  }

  /** The source columns an expression reads, including through scalar subqueries. */
  private expression(expr: Expr, env: Env, scope: Scope): ColumnSource[] {
    const lists: ColumnSource[][] = [];
    for (let k = 0; k < expr.refs.length; k++) lists.push(resolveReference(expr.refs[k]!, scope));
    for (let k = 0; k < expr.subqueries.length; k++) {
      const { columns } = this.query(expr.subqueries[k]!, env, scope);
      for (let c = 0; c < columns.length; c++) lists.push(columns[c]!.sources);
    }
    return mergeSources(lists);
  }

  private subqueries(expr: Expr, env: Env, scope: Scope | undefined): void {
    for (let k = 0; k < expr.subqueries.length; k++) this.query(expr.subqueries[k]!, env, scope);
  }
}

/**
 * Copies of the columns, field by field (an object spread is slow in not-yet-optimized code),
 * pushed rather than mapped: map() makes a holey array, and column lists of two array kinds
 * send the compiled code that reads them back to the interpreter.
 */
function copyColumns(columns: readonly OutputColumn[]): OutputColumn[] {
  const copies: OutputColumn[] = [];
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k]!;
    copies.push({ name: column.name, sources: column.sources, item: column.item });
  }
  return copies;
}

/** `WITH name (a, b) AS (...)`: the output with its first columns renamed. */
function withColumnAliases(output: QueryOutput, aliases: readonly string[] | undefined): QueryOutput {
  if (!aliases) return output;
  return { ...output, columns: output.columns.map((c, k) => ({ ...c, name: aliases[k] ?? c.name })) };
}

/**
 * Each relation once, where the text first reads it, in text order. Sorting every read and
 * skipping repeats, rather than comparing with the recorded one as each is read, leaves no
 * branch that only a repeated table takes (compiled code without feedback for it deoptimizes).
 */
function firstOccurrences(references: TableReference[]): TableReference[] {
  references.sort((a, b) => a.offset - b.offset);
  const seen = new Set<string>();
  const first: TableReference[] = [];
  for (let k = 0; k < references.length; k++) {
    const reference = references[k]!;
    const key = relationId(reference.relation);
    if (seen.has(key)) continue;
    seen.add(key);
    first.push(reference);
  }
  return first;
}

function lookupCte(env: Env, name: string): CteState | undefined {
  for (let e: Env | undefined = env; e; e = e.parent) {
    const state = e.ctes.get(name);
    if (state) return state;
  }
  return undefined;
}

function outputShape(output: QueryOutput | undefined): Shape {
  const columns = output?.columns ?? [];
  return {
    columns: output?.complete ? namesOf(columns) : undefined,
    lineage: (column) => {
      for (let k = 0; k < columns.length; k++) if (columns[k]!.name === column) return columns[k]!.sources;
      return [];
    },
  };
}

/** The names of the columns, or undefined when one has none. */
function namesOf(columns: readonly OutputColumn[]): string[] | undefined {
  const names: string[] = [];
  for (let k = 0; k < columns.length; k++) {
    const { name } = columns[k]!;
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

/** `db.s.t` can be qualified as `t`, `s.t` or `db.s.t`. */
function nameSuffixes(relation: Relation): string[][] {
  const { database, schema, name } = relation;
  if (schema === undefined) return database === undefined ? [[name]] : [[database, name], [name]];
  return database === undefined ? [[schema, name], [name]] : [[database, schema, name], [schema, name], [name]];
}

// Loops rather than find/some/every: this runs for column references, mostly before the JIT optimizes it.
function matchesQualifier(source: ScopeSource, qualifier: readonly string[]): boolean {
  for (let q = 0; q < source.qualifiers.length; q++) {
    const names = source.qualifiers[q]!;
    if (names.length !== qualifier.length) continue;
    let k = 0;
    while (k < names.length && names[k] === qualifier[k]) k++;
    if (k === names.length) return true;
  }
  return false;
}

/**
 * A qualified reference resolves to the FROM item it names. An unqualified one resolves
 * to the item whose known columns contain it, then to an earlier select alias, then to
 * the only item (or the only one with unknown columns); otherwise to the outer query.
 */
function resolveReference(ref: ColumnRef, scope: Scope): ColumnSource[] {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (ref.qualifier.length > 0) {
      for (let k = 0; k < s.sources.length; k++) if (matchesQualifier(s.sources[k]!, ref.qualifier)) return s.sources[k]!.lineage(ref.name);
      continue;
    }
    let unknown: ScopeSource | undefined;
    let unknownCount = 0;
    for (let k = 0; k < s.sources.length; k++) {
      const source = s.sources[k]!;
      if (source.columns === undefined) {
        unknown = source;
        unknownCount++;
      } else if (source.columns.includes(ref.name)) return source.lineage(ref.name);
    }
    for (let k = 0; k < s.aliases.length; k++) if (s.aliases[k]!.name === ref.name) return s.aliases[k]!.sources;
    if (unknownCount === 1) return unknown!.lineage(ref.name);
  }
  return [];
}
