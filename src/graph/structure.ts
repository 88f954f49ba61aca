/**
 * The graphology view of a graph's nodes, built on first use: compiling never walks it,
 * only walking descendants does, and building it for thousands of nodes was about a
 * third of a cold compile's graph step. The library is loaded then too, synchronously
 * through require, so a compile does not pay for loading it either.
 */

import { createRequire } from 'node:module';
import type { DirectedGraph } from 'graphology';
import type { ProjectGraph } from './build.js';
import type { GraphNode } from './types.js';

/** The structures built so far, so a patched graph can share its base's instead of building one. */
const built = new WeakMap<ProjectGraph, DirectedGraph<GraphNode>>();

type Graphology = typeof import('graphology');

function structureOf(nodes: ReadonlyMap<string, GraphNode>): DirectedGraph<GraphNode> {
  const { DirectedGraph: Directed } = createRequire(import.meta.url)('graphology') as Graphology;
  const graph = new Directed<GraphNode>({ allowSelfLoops: false });
  for (const node of nodes.values()) graph.addNode(node.id, node);
  for (const node of nodes.values()) {
    for (const edge of node.parents) if (nodes.has(edge.parent)) graph.mergeEdge(edge.parent, node.id);
  }
  return graph;
}

/** A project graph whose `graph` is `structure` when given, else built from `nodes` when first read. */
export function projectGraph(parts: Omit<ProjectGraph, 'graph'>, structure?: DirectedGraph<GraphNode>): ProjectGraph {
  const result: ProjectGraph = {
    get graph(): DirectedGraph<GraphNode> {
      let graph = built.get(result);
      if (!graph) built.set(result, (graph = structureOf(parts.nodes)));
      return graph;
    },
    nodes: parts.nodes,
    order: parts.order,
    layers: parts.layers,
    fingerprints: parts.fingerprints,
  };
  if (structure) built.set(result, structure);
  return result;
}

/** The structure of `graph` if it has been built, without building it. */
export function builtStructure(graph: ProjectGraph): DirectedGraph<GraphNode> | undefined {
  return built.get(graph);
}
