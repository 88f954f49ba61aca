/** How relations are written in compiled SQL, identically on both targets. */

import type { Relation } from '../graph/node.js';

/** Canonical names are lower-case identifiers (written bare) or already-quoted ones, so they print as they are. */
export function qualified(relation: Relation): string {
  return relation.schema ? `${relation.schema}.${relation.name}` : relation.name;
}

/** A sibling name for building a relation aside before swapping it in. */
export function buildName(relation: Relation): Relation {
  return { ...relation, name: `${relation.name}__mlc_build` };
}

/** A SQL string literal. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
