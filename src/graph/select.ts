/**
 * Node selection, dbt-style: `name`, `+name` (with ancestors), `name+` (with
 * descendants), `+name+`, `tag:x`, `kind:model`; words separated by spaces are a union.
 */

import { closest } from '../project/diagnostic.js';
import { UserError } from '../project/user-error.js';
import type { ProjectGraph } from './build.js';
import { NODE_KINDS, type NodeKind } from './node.js';

export class SelectionError extends UserError {}

function matchBase(graph: ProjectGraph, selector: string): string[] {
  const nodes = [...graph.nodes.values()];
  if (selector.startsWith('tag:')) {
    const tag = selector.slice(4);
    return nodes.filter((n) => n.tags.includes(tag)).map((n) => n.id);
  }
  if (selector.startsWith('kind:')) {
    const kind = selector.slice(5) as NodeKind;
    if (!NODE_KINDS.includes(kind)) {
      throw new SelectionError(`unknown node kind '${kind}' in --select`, `kinds: ${NODE_KINDS.join(', ')}`);
    }
    return nodes.filter((n) => n.kind === kind).map((n) => n.id);
  }
  const lower = selector.toLowerCase();
  const found = nodes.filter((n) => n.id === lower || n.name.toLowerCase() === lower).map((n) => n.id);
  if (found.length === 0) {
    const suggestion = closest(selector, nodes.map((n) => n.name));
    throw new SelectionError(`no node matches '${selector}'`, suggestion ? `did you mean '${suggestion}'?` : 'list the nodes with `mlc ls`');
  }
  return found;
}

/** A node's parents in the graph, in the order graphology gives them, without building its structure. */
function parentsOf(graph: ProjectGraph, id: string): string[] {
  const parents: string[] = [];
  for (const edge of graph.nodes.get(id)!.parents) if (graph.nodes.has(edge.parent)) parents.push(edge.parent);
  return parents;
}

function walk(graph: ProjectGraph, start: string, direction: 'in' | 'out', into: Set<string>): void {
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const next = direction === 'in' ? parentsOf(graph, id) : graph.graph.outNeighbors(id);
    for (const neighbor of next) {
      if (!into.has(neighbor)) {
        into.add(neighbor);
        stack.push(neighbor);
      }
    }
  }
}

/** A node and every node it is built from. */
export function withAncestors(graph: ProjectGraph, id: string): Set<string> {
  const seen = new Set([id]);
  walk(graph, id, 'in', seen);
  return seen;
}

/** The ids a selection expression names; throws SelectionError for an unknown name or kind. */
export function select(graph: ProjectGraph, expression: string): Set<string> {
  const selected = new Set<string>();
  for (const word of expression.split(/[\s,]+/).filter(Boolean)) {
    const up = word.startsWith('+');
    const down = word.endsWith('+') && word.length > 1;
    const base = word.slice(up ? 1 : 0, down ? -1 : undefined);
    for (const id of matchBase(graph, base)) {
      selected.add(id);
      if (up) walk(graph, id, 'in', selected);
      if (down) walk(graph, id, 'out', selected);
    }
  }
  return selected;
}

/** The selected ids in topological order: everything when no selection is given, minus exclusions. */
export function selectNodes(graph: ProjectGraph, include?: string, exclude?: string): string[] {
  const chosen = include ? select(graph, include) : new Set(graph.order);
  const excluded = exclude ? select(graph, exclude) : new Set<string>();
  return graph.order.filter((id) => chosen.has(id) && !excluded.has(id));
}
