/** compiled/manifest.json: the graph as data, for tools, docs and `mlc compile --check`. */

import type { ProjectGraph } from '../graph/build.js';
import { prettyJson } from '../graph/hash.js';
import { relationKey } from '../graph/node.js';
import type { Project } from '../project/load.js';

export function manifestJson(project: Project, graph: ProjectGraph, files: Map<string, string[]>): string {
  const nodes = graph.order.map((id) => {
    const node = graph.nodes.get(id)!;
    // Keys in sorted order, so prettyJson can serialize the object as it is.
    return {
      columns: node.columns,
      compiled: files.get(id),
      description: node.description,
      file: node.file,
      fingerprint: graph.fingerprints.get(id),
      id,
      kind: node.kind,
      layer: graph.layers.get(id),
      line: node.line,
      lineage: 'lineage' in node ? node.lineage.map((l) => ({ column: l.column, sources: l.sources.map((s) => `${relationKey(s.relation)}.${s.column}`) })) : undefined,
      name: node.name,
      parents: node.parents.map((e) => e.parent).sort(),
      relation: node.relation ? relationKey(node.relation) : undefined,
      tags: node.tags.length > 0 ? node.tags : undefined,
    };
  });
  const edges = nodes.flatMap((n) => n.parents.map((p) => [p, n.id]));
  const targets = Object.fromEntries(Object.entries(project.config.targets).map(([name, t]) => [name, t.type]));
  return prettyJson({ format: 'mlc.manifest/1', project: project.config.name, targets, nodes, edges });
}
