/** The typed nodes of the project graph. */

export type NodeKind = 'source' | 'feature' | 'dataset' | 'model' | 'scoring' | 'monitor';

export const NODE_KINDS: readonly NodeKind[] = ['source', 'feature', 'dataset', 'model', 'scoring', 'monitor'];

/** A table or view in the warehouse. `schema` is undefined for the connection's default schema. */
export interface Relation {
  /** Set only when the SQL names the database (`db.schema.table`). */
  database?: string;
  schema?: string;
  name: string;
}

export function relationKey(relation: Relation): string {
  return relation.schema ? `${relation.schema}.${relation.name}` : relation.name;
}

export interface Location {
  file: string;
  line: number;
  col: number;
}
