import type { Relation } from '../graph/node.js';
import type { ColumnSource } from './analysis.js';
import type { FromSource, PivotClause, UnpivotClause } from './model.js';

/** What a relation in FROM looks like from the query: its columns (if known) and where each comes from. */
export interface Shape {
  columns: string[] | undefined;
  lineage: (column: string) => ColumnSource[];
}

/** A FROM item as the select list sees it. */
export interface ScopeSource extends Shape {
  /** The qualifiers that name it: its alias, or the suffixes of its table name. */
  qualifiers: string[][];
  mergedColumns: string[] | 'natural' | undefined;
}

/** A key that tells relations apart, their database included. */
export function relationId(relation: Relation): string {
  return `${relation.database ?? ''}.${relation.schema ?? ''}.${relation.name}`;
}

/**
 * The union of source lists, in order of first appearance. Every list is already free of
 * duplicates (a table's lineage or an earlier merge) and is never mutated, so a single
 * list, the common case, is its own union. Indexed loops, as in the Resolver that calls it.
 */
export function mergeSources(lists: readonly ColumnSource[][]): ColumnSource[] {
  if (lists.length === 1) return lists[0]!;
  const seen = new Set<string>();
  const merged: ColumnSource[] = [];
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    for (let k = 0; k < list.length; k++) {
      const source = list[k]!;
      const key = `${relationId(source.relation)}.${source.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(source);
    }
  }
  return merged;
}

/** Applies PIVOT/UNPIVOT and then the column alias list of a FROM item. */
export function reshape(shape: Shape, source: FromSource): Shape {
  let result = shape;
  if (source.pivot?.kind === 'pivot') result = pivot(result, source.pivot);
  else if (source.pivot?.kind === 'unpivot') result = unpivot(result, source.pivot);
  if (source.columnAliases) result = renameColumns(result, source.columnAliases);
  return result;
}

function pivot(shape: Shape, clause: PivotClause): Shape {
  const consumed = new Set([clause.pivotColumn, ...clause.valueRefs.map((r) => r.name)]);
  const values = new Set(clause.valueColumns);
  const valueLineage = (): ColumnSource[] => mergeSources(clause.valueRefs.map((r) => shape.lineage(r.name)));
  return {
    columns:
      shape.columns && clause.valueColumns
        ? [...shape.columns.filter((c) => !consumed.has(c)), ...clause.valueColumns]
        : undefined,
    lineage: (column) => (values.has(column) ? valueLineage() : shape.lineage(column)),
  };
}

function unpivot(shape: Shape, clause: UnpivotClause): Shape {
  const consumed = new Set(clause.columns);
  return {
    columns: shape.columns
      ? [...shape.columns.filter((c) => !consumed.has(c)), clause.nameColumn, clause.valueColumn]
      : undefined,
    lineage: (column) => {
      if (column === clause.nameColumn) return [];
      if (column === clause.valueColumn) return mergeSources(clause.columns.map((c) => shape.lineage(c)));
      return shape.lineage(column);
    },
  };
}

/** `AS t (a, b)`: renames the first columns by position. */
function renameColumns(shape: Shape, aliases: string[]): Shape {
  const original = new Map<string, string | undefined>();
  aliases.forEach((alias, k) => original.set(alias, shape.columns?.[k]));
  return {
    columns: shape.columns ? [...aliases, ...shape.columns.slice(aliases.length)] : undefined,
    lineage: (column) => {
      if (!original.has(column)) return shape.lineage(column);
      const name = original.get(column);
      return name === undefined ? [] : shape.lineage(name);
    },
  };
}

/** Snowflake's ILIKE pattern in `* ILIKE '...'`: % and _ wildcards, case-insensitive. */
export function ilikeMatcher(pattern: string): (name: string) => boolean {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  const regex = new RegExp(`^${body}$`, 'is');
  return (name) => regex.test(name.startsWith('"') ? name.slice(1, -1) : name);
}
