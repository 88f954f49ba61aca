/**
 * The shape of a parsed query: only what the analyses need (which relations it reads,
 * which columns it outputs and which input columns each output uses), not a full AST.
 */

import type { Relation } from '../graph/node.js';
import type { Token } from './tokenize.js';

/** A column reference in an expression: `col`, `t.col`, `schema.t.col`. Names are canonical. */
export interface ColumnRef {
  qualifier: string[];
  name: string;
  token: Token;
}

/** What an expression uses: column references and the subqueries inside it. */
export interface Expr {
  refs: ColumnRef[];
  subqueries: QueryModel[];
}

export interface ExprItem {
  kind: 'expr';
  expr: Expr;
  /** The alias, or the column's own name when the expression is a plain column reference. */
  name: string | undefined;
  /** First token of the expression, and its source text. */
  token: Token;
  text: string;
}

export interface StarItem {
  kind: 'star';
  /** `t.*` qualifier parts; empty for a bare `*`. */
  qualifier: string[];
  /** ILIKE pattern, as written between the quotes. */
  ilike: string | undefined;
  exclude: string[];
  replace: { name: string; expr: Expr }[];
  rename: { from: string; to: string }[];
  token: Token;
}

export type SelectItem = ExprItem | StarItem;

export interface PivotClause {
  kind: 'pivot';
  /** Columns the aggregate reads, which PIVOT consumes. */
  valueRefs: ColumnRef[];
  pivotColumn: string;
  /** Output column names for the listed values; undefined for ANY or a subquery. */
  valueColumns: string[] | undefined;
  subqueries: QueryModel[];
}

export interface UnpivotClause {
  kind: 'unpivot';
  valueColumn: string;
  nameColumn: string;
  columns: string[];
}

interface SourceBase {
  alias: string | undefined;
  columnAliases: string[] | undefined;
  pivot: PivotClause | UnpivotClause | undefined;
  /** Columns this item is joined on by `USING (...)`, or all shared ones for NATURAL: `*` shows them once. */
  mergedColumns: string[] | 'natural' | undefined;
}

export interface TableSource extends SourceBase {
  kind: 'table';
  relation: Relation;
  /** First token of the name as written. */
  token: Token;
}

export interface QuerySource extends SourceBase {
  kind: 'query';
  query: QueryModel;
}

export interface FunctionSource extends SourceBase {
  kind: 'function';
  /** Upper-case function name: FLATTEN, GENERATOR, ... */
  name: string;
  args: Expr;
}

export interface ValuesSource extends SourceBase {
  kind: 'values';
  rows: Expr[][];
}

export type FromSource = TableSource | QuerySource | FunctionSource | ValuesSource;

export interface SelectModel {
  kind: 'select';
  items: SelectItem[];
  from: FromSource[];
  /** WHERE, ON, GROUP BY, HAVING, QUALIFY, ORDER BY ...: read for their subqueries. */
  clauses: Expr[];
}

export interface ValuesModel {
  kind: 'values';
  rows: Expr[][];
}

export interface Cte {
  name: string;
  columnAliases: string[] | undefined;
  query: QueryModel;
}

export interface QueryModel {
  kind: 'query';
  ctes: Cte[];
  /** Set-operation branches in order; the first one names the columns. */
  branches: (SelectModel | ValuesModel | QueryModel)[];
  /** ORDER BY / LIMIT after the branches. */
  clauses: Expr[];
}
