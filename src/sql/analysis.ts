import type { Relation } from '../graph/node.js';
import type { SqlProblem } from './problem.js';

/** A base relation a query reads, located at its first occurrence. */
export interface TableReference {
  relation: Relation;
  /** 1-based line and column, and 0-based offset, of the name's first character as written. */
  line: number;
  col: number;
  offset: number;
}

export interface ColumnSource {
  relation: Relation;
  column: string;
}

/** The input columns one output column derives from (one query deep: callers chain queries). */
export interface ColumnLineage {
  column: string;
  sources: ColumnSource[];
}

/** An output expression without an alias that is not a plain column, so it has no usable name. */
export interface UnnamedColumn {
  /** 0-based position in the query's output. */
  position: number;
  /** The expression as written. */
  text: string;
  line: number;
  col: number;
  offset: number;
}

/** Resolves the columns of a relation the query reads (an upstream node's output), if known. */
export type ColumnsOf = (relation: Relation) => string[] | undefined;

export interface AnalyzeOptions {
  columnsOf?: ColumnsOf;
}

export interface QueryAnalysis {
  /** Base relations read, CTE names excluded, in order of first occurrence. */
  tables: TableReference[];
  /** Output column names in order, canonical spelling; unnamed expressions are left out (see `unnamed`). */
  columns: string[];
  /** False when a `*` could not be expanded because a relation's columns are unknown. */
  columnsComplete: boolean;
  unnamed: UnnamedColumn[];
  /** One entry per name in `columns`, in the same order. */
  lineage: ColumnLineage[];
  errors: SqlProblem[];
}
