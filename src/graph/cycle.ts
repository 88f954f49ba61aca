import type { GraphNode } from './types.js';

export interface CycleEdge {
  parent: string;
  child: string;
  file: string;
  line: number;
  col: number;
}

/** The first dependency cycle found, as its edges in order, or undefined for a DAG. */
export function findCycle(nodes: Map<string, GraphNode>): CycleEdge[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: CycleEdge[] = [];
  const visit = (id: string): CycleEdge[] | undefined => {
    state.set(id, 'open');
    const node = nodes.get(id)!;
    for (const edge of node.parents) {
      const seen = state.get(edge.parent);
      if (seen === 'done' || !nodes.has(edge.parent)) continue;
      const step = { parent: edge.parent, child: id, file: edge.file, line: edge.line, col: edge.col };
      if (seen === 'open') {
        const start = stack.findIndex((e) => e.child === edge.parent);
        return [...stack.slice(start === -1 ? stack.length : start), step].reverse();
      }
      stack.push(step);
      const found = visit(edge.parent);
      if (found) return found;
      stack.pop();
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of [...nodes.keys()].sort()) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return undefined;
}
