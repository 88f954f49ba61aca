/** compiled/manifest.json as the docs and `mlc graph` read it, with column lineage, plus the column edges the lineage implies. */

import { COMPILED_DIR, type CompileOutput } from '../compile/compile.js';
import type { ProjectGraph } from '../graph/build.js';
import { relationKey, type NodeKind } from '../graph/node.js';
import type { ColumnLineage } from '../sql/analysis.js';

export interface ManifestNode {
  id: string;
  kind: NodeKind;
  name: string;
  file: string;
  line: number;
  description?: string;
  relation?: string;
  columns?: string[];
  lineage?: { column: string; sources: string[] }[];
  tags?: string[];
  layer: number;
  parents: string[];
  fingerprint: string;
  compiled?: string[];
}

export interface Manifest {
  format: string;
  project: string;
  targets: Record<string, string>;
  nodes: ManifestNode[];
  edges: [string, string][];
}

/** One column feeding another: `from` is upstream. */
export interface ColumnEdge {
  from: { node: string; column: string };
  to: { node: string; column: string };
}

/** The compile's manifest; each SQL node gets its column lineage from the graph, which compiled/manifest.json leaves out. */
export function manifestOf(output: CompileOutput, graph: ProjectGraph): Manifest {
  const text = output.files.get(`${COMPILED_DIR}/manifest.json`);
  if (text === undefined) throw new Error('the compile output has no manifest');
  const manifest = JSON.parse(text) as Manifest;
  for (const node of manifest.nodes) {
    const source = graph.nodes.get(node.id);
    if (source && 'lineage' in source) node.lineage = lineageEntries(source.lineage);
  }
  return manifest;
}

/** Lineage with each source named `relation.column`. */
function lineageEntries(lineage: readonly ColumnLineage[]): { column: string; sources: string[] }[] {
  return lineage.map(({ column, sources }) => ({ column, sources: sources.map((s) => `${relationKey(s.relation)}.${s.column}`) }));
}

/**
 * Lineage names its sources as `relation.column`; the relation is a node's when some
 * node materializes it. Sources outside the project (undeclared tables) are left out.
 * The docs site runs this same function in the browser (see site-files.ts), so it stays
 * self-contained.
 */
export function columnEdges(manifest: { nodes: readonly Pick<ManifestNode, 'id' | 'relation' | 'lineage'>[] }): ColumnEdge[] {
  const byRelation = new Map<string, string>();
  for (const node of manifest.nodes) if (node.relation) byRelation.set(node.relation.toLowerCase(), node.id);
  const edges: ColumnEdge[] = [];
  for (const node of manifest.nodes) {
    for (const { column, sources } of node.lineage ?? []) {
      for (const source of sources) {
        const dot = source.lastIndexOf('.');
        const parent = byRelation.get(source.slice(0, dot).toLowerCase());
        if (parent !== undefined) edges.push({ from: { node: parent, column: source.slice(dot + 1) }, to: { node: node.id, column } });
      }
    }
  }
  return edges;
}
