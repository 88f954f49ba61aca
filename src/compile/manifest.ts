/**
 * compiled/manifest.json: the graph as data, for tools, docs and `mlc compile --check`.
 * Column lineage is left out: it is derived from the SQL, would double the file, and a
 * column edit would change the lines of every node downstream in review. `mlc graph
 * --columns` and the docs site take it from the compiled graph (docs/manifest.ts).
 * One node and one edge per line: a change shows in review as the lines of the nodes it
 * touched, and the file stays a fraction of the size an indented layout gives (most of a
 * large manifest was indentation). Each node's line is rendered on its own and remembered
 * for as long as its node object lives, so a recompile after one file changed re-renders
 * only the nodes whose fingerprint changed.
 */

import type { ProjectGraph } from '../graph/build.js';
import { prettyJson, prettyJsonArray } from '../graph/hash.js';
import { relationKey } from '../graph/node.js';
import type { GraphNode } from '../graph/types.js';
import type { Project } from '../project/load.js';

interface RenderedNode {
  /** What the text depends on besides the node itself and its fingerprint. */
  key: string;
  fingerprint: string | undefined;
  /** The entry's text around its fingerprint's value: an upstream edit changes only that. */
  head: string;
  tail: string;
  entry: string;
  edges: string[];
}

const rendered = new WeakMap<GraphNode, RenderedNode>();

function renderNode(node: GraphNode, graph: ProjectGraph, compiled: string[] | undefined): RenderedNode {
  const fingerprint = graph.fingerprints.get(node.id);
  const layer = graph.layers.get(node.id);
  const key = `${layer}|${compiled?.join(',')}`;
  const hit = rendered.get(node);
  if (hit?.key === key && hit.fingerprint !== undefined && fingerprint !== undefined) {
    if (hit.fingerprint !== fingerprint) {
      hit.fingerprint = fingerprint;
      hit.entry = `${hit.head}${JSON.stringify(fingerprint)}${hit.tail}`;
    }
    return hit;
  }
  const parents = node.parents.map((e) => e.parent).sort();
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
  const text = JSON.stringify(entry);
  // Only the field itself can hold this text: inside a JSON string the quotes would be escaped.
  const value = JSON.stringify(fingerprint);
  const field = fingerprint === undefined ? -1 : text.indexOf(`"fingerprint":${value}`);
  const at = field < 0 ? -1 : field + '"fingerprint":'.length;
  const result = {
    key,
    fingerprint: at < 0 ? undefined : fingerprint,
    head: at < 0 ? '' : text.slice(0, at),
    tail: at < 0 ? '' : text.slice(at + value.length),
    entry: text,
    edges: parents.map((p) => JSON.stringify([p, node.id])),
  };
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
