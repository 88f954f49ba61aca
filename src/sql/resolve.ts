import type { Relation } from '../graph/node.js';
import type { ColumnSource, ColumnsOf, TableReference } from './analysis.js';
import { TABLE_FUNCTION_COLUMNS } from './keywords.js';
import type { ColumnRef, Cte, Expr, ExprItem, FromSource, QueryModel, SelectModel, StarItem, ValuesModel } from './model.js';
import { ilikeMatcher, mergeSources, reshape, type ScopeSource, type Shape } from './shape.js';

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
  aliases: Map<string, OutputColumn>;
  parent: Scope | undefined;
}

const EMPTY_ENV: Env = { ctes: new Map(), parent: undefined };

/**
 * Walks a parsed query once: collects the base relations it reads (CTE names excluded,
 * with WITH scoping) and computes each output column's name and source columns.
 */
export class Resolver {
  private readonly tables = new Map<string, TableReference>();

  constructor(private readonly columnsOf: ColumnsOf | undefined) {}

  resolve(query: QueryModel): { output: QueryOutput; tables: TableReference[] } {
    const output = this.query(query, EMPTY_ENV, undefined);
    const tables = [...this.tables.values()].sort((a, b) => a.offset - b.offset);
    return { output, tables };
  }

  private query(query: QueryModel, env: Env, outer: Scope | undefined, onFirstBranch?: (first: QueryOutput) => void): QueryOutput {
    let inner = env;
    if (query.ctes.length > 0) {
      inner = { ctes: new Map(), parent: env };
      for (const cte of query.ctes) {
        const state: CteState = { cte, env: inner, output: undefined, resolving: false };
        // Registered before resolving, so a recursive CTE sees itself.
        inner.ctes.set(cte.name, state);
        this.cte(state);
      }
    }
    let output: QueryOutput | undefined;
    for (const branch of query.branches) {
      const result = this.branch(branch, inner, outer);
      if (!output) {
        output = { columns: result.columns.map((c) => ({ ...c })), complete: result.complete };
        onFirstBranch?.(output);
        continue;
      }
      output.complete &&= result.complete;
      output.columns.forEach((column, k) => {
        const other = result.columns[k];
        if (other) column.sources = mergeSources([column.sources, other.sources]);
      });
    }
    for (const clause of query.clauses) this.subqueries(clause, inner, outer);
    return output ?? { columns: [], complete: false };
  }

  private cte(state: CteState): QueryOutput | undefined {
    // A reference from inside its own first branch cannot be resolved (and would not terminate).
    if (state.output || state.resolving) return state.output;
    state.resolving = true;
    const aliases = state.cte.columnAliases;
    const rename = (output: QueryOutput): QueryOutput =>
      aliases ? { ...output, columns: output.columns.map((c, k) => ({ ...c, name: aliases[k] ?? c.name })) } : output;
    const output = this.query(state.cte.query, state.env, undefined, (first) => {
      state.output = rename(first);
    });
    state.output = rename(output);
    return state.output;
  }

  private branch(branch: SelectModel | ValuesModel | QueryModel, env: Env, outer: Scope | undefined): QueryOutput {
    if (branch.kind === 'query') return this.query(branch, env, outer);
    if (branch.kind === 'select') return this.select(branch, env, outer);
    const scope: Scope = { sources: [], aliases: new Map(), parent: outer };
    const shape = this.valuesShape(branch.rows, env, scope);
    return {
      columns: (shape.columns ?? []).map((name) => ({ name, sources: shape.lineage(name), item: undefined })),
      complete: true,
    };
  }

  private select(select: SelectModel, env: Env, outer: Scope | undefined): QueryOutput {
    const scope: Scope = { sources: [], aliases: new Map(), parent: outer };
    for (const source of select.from) scope.sources.push(this.source(source, env, scope));
    for (const clause of select.clauses) this.subqueries(clause, env, scope);
    const output: QueryOutput = { columns: [], complete: true };
    for (const item of select.items) {
      if (item.kind === 'star') {
        output.complete = this.expandStar(item, env, scope, output.columns) && output.complete;
        continue;
      }
      const column: OutputColumn = { name: item.name, sources: this.expression(item.expr, env, scope), item };
      output.columns.push(column);
      if (column.name !== undefined && !scope.aliases.has(column.name)) scope.aliases.set(column.name, column);
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
    return { ...reshaped, qualifiers: source.alias !== undefined ? [[source.alias]] : qualifiers, mergedColumns: source.mergedColumns };
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
    const key = `${relation.database ?? ''}.${relation.schema ?? ''}.${relation.name}`;
    const existing = this.tables.get(key);
    if (existing && existing.offset <= source.token.start) return;
    this.tables.set(key, { relation, line: source.token.line, col: source.token.col, offset: source.token.start });
  }

  /** The source columns an expression reads, including through scalar subqueries. */
  private expression(expr: Expr, env: Env, scope: Scope): ColumnSource[] {
    const lists = expr.refs.map((ref) => resolveReference(ref, scope));
    for (const query of expr.subqueries) {
      for (const column of this.query(query, env, scope).columns) lists.push(column.sources);
    }
    return mergeSources(lists);
  }

  private subqueries(expr: Expr, env: Env, scope: Scope | undefined): void {
    for (const query of expr.subqueries) this.query(query, env, scope);
  }
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
  const names = columns.flatMap((c) => (c.name === undefined ? [] : [c.name]));
  return {
    columns: output?.complete && names.length === columns.length ? names : undefined,
    lineage: (column) => columns.find((c) => c.name === column)?.sources ?? [],
  };
}

/** `db.s.t` can be qualified as `t`, `s.t` or `db.s.t`. */
function nameSuffixes(relation: Relation): string[][] {
  const parts = [relation.database, relation.schema, relation.name].filter((p): p is string => p !== undefined);
  return parts.map((_, k) => parts.slice(k));
}

function matchesQualifier(source: ScopeSource, qualifier: readonly string[]): boolean {
  return source.qualifiers.some((q) => q.length === qualifier.length && q.every((part, k) => part === qualifier[k]));
}

/**
 * A qualified reference resolves to the FROM item it names. An unqualified one resolves
 * to the item whose known columns contain it, then to an earlier select alias, then to
 * the only item (or the only one with unknown columns); otherwise to the outer query.
 */
function resolveReference(ref: ColumnRef, scope: Scope): ColumnSource[] {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (ref.qualifier.length > 0) {
      const source = s.sources.find((candidate) => matchesQualifier(candidate, ref.qualifier));
      if (source) return source.lineage(ref.name);
      continue;
    }
    const known = s.sources.find((candidate) => candidate.columns?.includes(ref.name));
    if (known) return known.lineage(ref.name);
    const alias = s.aliases.get(ref.name);
    if (alias) return alias.sources;
    const unknown = s.sources.filter((candidate) => candidate.columns === undefined);
    if (unknown.length === 1) return unknown[0]!.lineage(ref.name);
  }
  return [];
}
