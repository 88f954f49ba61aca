/** `mlc graph`: the selected part of the DAG as Mermaid, DOT or JSON, optionally with column lineage. */

import { NODE_KINDS } from '../graph/node.js';
import { KIND_COLORS } from './kind-colors.js';
import { columnEdges, type ColumnEdge, type Manifest, type ManifestNode } from './manifest.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphTextOptions {
  format: GraphFormat;
  /** Node ids to show; edges need both ends selected. */
  selected: ReadonlySet<string>;
  columns: boolean;
}

interface Selection {
  nodes: ManifestNode[];
  edges: [string, string][];
  columnEdges: ColumnEdge[];
}

function selection(manifest: Manifest, options: GraphTextOptions): Selection {
  const has = (id: string): boolean => options.selected.has(id);
  return {
    nodes: manifest.nodes.filter((n) => has(n.id)),
    edges: manifest.edges.filter(([from, to]) => has(from) && has(to)),
    columnEdges: options.columns ? columnEdges(manifest).filter((e) => has(e.from.node) && has(e.to.node)) : [],
  };
}

/** Columns drawn inside a node: its own, plus any lineage names that are not among them. */
function columnsOf(node: ManifestNode, edges: ColumnEdge[]): string[] {
  const names = new Set(node.columns ?? []);
  for (const e of edges) {
    if (e.from.node === node.id) names.add(e.from.column);
    if (e.to.node === node.id) names.add(e.to.column);
  }
  return [...names];
}

const mermaidLabel = (text: string): string => `"${text.replace(/"/g, '#quot;')}"`;

function mermaid(s: Selection): string {
  const key = new Map(s.nodes.map((n, i) => [n.id, `n${i}`]));
  const columnKey = new Map<string, string>();
  const lines = ['flowchart LR'];
  for (const node of s.nodes) {
    const id = key.get(node.id)!;
    const columns = s.columnEdges.length > 0 ? columnsOf(node, s.columnEdges) : [];
    if (columns.length === 0) {
      lines.push(`  ${id}[${mermaidLabel(node.id)}]:::${node.kind}`);
      continue;
    }
    lines.push(`  subgraph ${id} [${mermaidLabel(node.id)}]`);
    columns.forEach((column, i) => {
      columnKey.set(`${node.id}\u0000${column}`, `${id}c${i}`);
      lines.push(`    ${id}c${i}[${mermaidLabel(column)}]:::${node.kind}`);
    });
    lines.push('  end');
  }
  for (const [from, to] of s.edges) lines.push(`  ${key.get(from)!} --> ${key.get(to)!}`);
  for (const e of s.columnEdges) {
    lines.push(`  ${columnKey.get(`${e.from.node}\u0000${e.from.column}`)!} -.-> ${columnKey.get(`${e.to.node}\u0000${e.to.column}`)!}`);
  }
  for (const kind of NODE_KINDS) lines.push(`  classDef ${kind} fill:${KIND_COLORS[kind]},stroke:#555`);
  return `${lines.join('\n')}\n`;
}

const dotString = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function dot(s: Selection): string {
  const lines = ['digraph mlc {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fontname="Helvetica"];'];
  for (const node of s.nodes) {
    const columns = s.columnEdges.length > 0 ? columnsOf(node, s.columnEdges) : [];
    const own = `${dotString(node.id)} [label=${dotString(node.name)}, tooltip=${dotString(node.kind)}, fillcolor=${dotString(KIND_COLORS[node.kind])}];`;
    if (columns.length === 0) {
      lines.push(`  ${own}`);
      continue;
    }
    lines.push(`  subgraph ${dotString(`cluster_${node.id}`)} {`, `    label=${dotString(node.id)};`, `    ${own}`);
    for (const column of columns) lines.push(`    ${dotString(`${node.id}.${column}`)} [label=${dotString(column)}, shape=plain, style=""];`);
    lines.push('  }');
  }
  for (const [from, to] of s.edges) lines.push(`  ${dotString(from)} -> ${dotString(to)};`);
  for (const e of s.columnEdges) lines.push(`  ${dotString(`${e.from.node}.${e.from.column}`)} -> ${dotString(`${e.to.node}.${e.to.column}`)} [style=dashed];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function json(s: Selection, columns: boolean): string {
  const nodes = s.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, layer: n.layer, ...(columns && n.columns ? { columns: n.columns } : {}) }));
  const edges = s.edges.map(([from, to]) => ({ from, to }));
  return `${JSON.stringify({ nodes, edges, ...(columns ? { columnEdges: s.columnEdges } : {}) }, null, 2)}\n`;
}

export function graphText(manifest: Manifest, options: GraphTextOptions): string {
  const s = selection(manifest, options);
  if (options.format === 'mermaid') return mermaid(s);
  if (options.format === 'dot') return dot(s);
  return json(s, options.columns);
}
