/**
 * compiled/manifest.json: the graph as data, for tools, docs and `mlc compile --check`.
 * Column lineage is left out: it is derived from the SQL and would double the file;
 * `mlc graph --columns` and the docs site take it from the compiled graph (docs/manifest.ts).
 * One node and one edge per line: a change shows in review as the lines of the nodes it
 * touched, and the file stays a fraction of the size an indented layout gives (most of a
 * large manifest was indentation). Each node's line is rendered on its own and remembered
 * for as long as its node object lives, so a recompile after one file changed re-renders
 * only the nodes whose fingerprint changed.
 */

import type { ProjectGraph } from '../graph/build.js';
import { prettyJson, prettyJsonArray } from '../graph/hash.js';
import { relationKey } from '../graph/node.js';
import { sameList } from '../graph/same-list.js';
import type { GraphNode } from '../graph/types.js';
import type { Project } from '../project/load.js';

interface RenderedNode {
  /** What the text depends on besides the node itself and its fingerprint. */
  layer: number | undefined;
  compiled: string[] | undefined;
  fingerprint: string | undefined;
  entry: string;
  /** The entry's text before and after its fingerprint's value, found when an upstream edit first changes only that. */
  around?: [head: string, tail: string];
  edges: string[];
}

const rendered = new WeakMap<GraphNode, RenderedNode>();

/** The text around a fingerprint's value; only the field itself can hold it, inside a JSON string the quotes would be escaped. */
function aroundFingerprint(entry: string, fingerprint: string): [string, string] | undefined {
  const value = JSON.stringify(fingerprint);
  const field = entry.indexOf(`"fingerprint":${value}`);
  if (field < 0) return undefined;
  const at = field + '"fingerprint":'.length;
  return [entry.slice(0, at), entry.slice(at + value.length)];
}

function renderNode(node: GraphNode, graph: ProjectGraph, compiled: string[] | undefined): RenderedNode {
  const fingerprint = graph.fingerprints.get(node.id);
  const layer = graph.layers.get(node.id);
  const hit = rendered.get(node);
  if (hit && hit.layer === layer && sameList(hit.compiled, compiled)) {
    if (hit.fingerprint === fingerprint) return hit;
    const around = hit.fingerprint !== undefined && fingerprint !== undefined ? (hit.around ??= aroundFingerprint(hit.entry, hit.fingerprint)) : undefined;
    if (around) {
      hit.fingerprint = fingerprint;
      hit.entry = `${around[0]}${JSON.stringify(fingerprint)}${around[1]}`;
      return hit;
    }
  }
  // Pushed, not mapped, as in fingerprintOf: a source's empty array then has the same kind as the others'.
  const parents: string[] = [];
  for (const edge of node.parents) parents.push(edge.parent);
  parents.sort();
  // Keys in sorted order here and in every object inside, so the plain serialization is the canonical one.
  const entry = {
    columns: node.columns,
    compiled,
    description: node.description,
    file: node.file,
    fingerprint,
    id: node.id,
    kind: node.kind,
    layer,
    line: node.line,
    name: node.name,
    parents,
    relation: node.relation ? relationKey(node.relation) : undefined,
    tags: node.tags.length > 0 ? node.tags : undefined,
  };
  const result: RenderedNode = { layer, compiled, fingerprint, entry: JSON.stringify(entry), edges: parents.map((p) => JSON.stringify([p, node.id])) };
  rendered.set(node, result);
  return result;
}

export function manifestJson(project: Project, graph: ProjectGraph, files: Map<string, string[]>): string {
  const nodes = graph.order.map((id) => renderNode(graph.nodes.get(id)!, graph, files.get(id)));
  const targets = Object.fromEntries(Object.entries(project.config.targets).map(([name, t]) => [name, t.type]));
  // The two arrays are the only ones at the top level, so their empty renderings are unique.
  return prettyJson({ format: 'mlc.manifest/2', project: project.config.name, targets, nodes: [], edges: [] })
    .replace('\n  "edges": []', () => `\n  "edges": ${prettyJsonArray(nodes.flatMap((n) => n.edges), 1)}`)
    .replace('\n  "nodes": []', () => `\n  "nodes": ${prettyJsonArray(nodes.map((n) => n.entry), 1)}`)
    .concat('\n');
}
