/** Which nodes a recompile changed, from the graph fingerprints before and after. */

import type { ProjectGraph } from '../graph/build.js';

export interface NodeChanges {
  /** New nodes and nodes whose fingerprint changed, in topological order. */
  changed: string[];
  /** Nodes that no longer exist, sorted. */
  removed: string[];
}

export function changedNodes(before: ProjectGraph | undefined, after: ProjectGraph): NodeChanges {
  // A graph patched from `before` knows which fingerprints moved without computing them.
  const moved = before && after.fingerprints.changedSince(before.fingerprints);
  const changed = moved
    ? after.order.filter((id) => moved.has(id))
    : after.order.filter((id) => before?.fingerprints.get(id) !== after.fingerprints.get(id));
  const removed = before ? [...before.fingerprints.keys()].filter((id) => !after.nodes.has(id)).sort() : [];
  return { changed, removed };
}
