/**
 * Leakage checks from column lineage: a model's target must not derive from the same
 * inputs as one of its features (the seed's `high_value_customer` is `total_spend > 1000`
 * while `total_spend` is a feature), and a training set should join features to a spine
 * with event timestamps so no row sees values computed after its event.
 */

import type { Diagnostic } from '../project/diagnostic.js';
import type { ProjectGraph } from './build.js';
import { relationKey } from './node.js';
import type { GraphNode, ModelNode, SqlNode } from './types.js';

type ColumnRef = string;

/** Where an output column is defined in a SQL node's file: its alias, else its first mention. */
function columnLocation(node: SqlNode, column: string): { line: number; col: number } {
  const lines = node.feature.text.split('\n');
  const patterns = [new RegExp(`\\bas\\s+"?${column}"?\\b`, 'i'), new RegExp(`\\b${column}\\b`, 'i')];
  for (const pattern of patterns) {
    for (let i = 0; i < lines.length; i++) {
      if (/^\s*--/.test(lines[i]!)) continue;
      const match = pattern.exec(lines[i]!);
      if (match) return { line: i + 1, col: match.index + 1 + (match[0].toLowerCase().startsWith('as') ? match[0].length - column.length : 0) };
    }
  }
  return { line: node.line, col: node.col };
}

/** Every column, across nodes, that an output column of `node` derives from (itself included); the nodes looked at go to `read`. */
function origins(byRelation: Map<string, GraphNode>, read: Set<GraphNode>, node: GraphNode, column: string, seen = new Set<ColumnRef>()): Set<ColumnRef> {
  const ref = `${node.id}.${column}`;
  if (seen.has(ref)) return seen;
  seen.add(ref);
  read.add(node);
  if (node.kind !== 'feature' && node.kind !== 'dataset') return seen;
  const lineage = node.lineage.find((l) => l.column === column);
  for (const source of lineage?.sources ?? []) {
    const parent = byRelation.get(relationKey(source.relation));
    if (parent) origins(byRelation, read, parent, source.column, seen);
    else seen.add(`${relationKey(source.relation)}.${source.column}`);
  }
  return seen;
}

/**
 * Per model: its warnings and the nodes they were derived from. A recompile after an edit
 * keeps the node objects it did not change (and every relation), so a model whose nodes
 * are all still the graph's has the same warnings: only the affected subgraph is rechecked.
 */
const checked = new WeakMap<ModelNode, { read: GraphNode[]; warnings: Diagnostic[] }>();

export function leakageWarnings(graph: ProjectGraph): Diagnostic[] {
  let byRelation: Map<string, GraphNode> | undefined;
  const warnings: Diagnostic[] = [];
  for (const node of graph.nodes.values()) {
    if (node.kind !== 'model') continue;
    const hit = checked.get(node);
    if (hit && hit.read.every((n) => graph.nodes.get(n.id) === n)) {
      warnings.push(...hit.warnings);
      continue;
    }
    if (!byRelation) {
      byRelation = new Map();
      for (const n of graph.nodes.values()) if (n.relation) byRelation.set(relationKey(n.relation), n);
    }
    const read = new Set<GraphNode>();
    const found = modelWarnings(graph, byRelation, read, node);
    checked.set(node, { read: [...read], warnings: found });
    warnings.push(...found);
  }
  return warnings;
}

function modelWarnings(graph: ProjectGraph, byRelation: Map<string, GraphNode>, read: Set<GraphNode>, node: ModelNode): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const training = graph.nodes.get(node.trainingData)!;
  read.add(training);
  if (training.kind !== 'feature' && training.kind !== 'dataset') return warnings;
  warnings.push(...targetLeaks(byRelation, read, node, training));
  if (training.kind === 'dataset' && !training.feature.config.timestamp) {
    warnings.push({
      file: training.file,
      line: 1,
      col: 1,
      severity: 'warning',
      code: 'no-point-in-time',
      message: `training set '${training.name}' has no event timestamp: its features are not joined point-in-time, so a row may see values computed after its event`,
      hint: 'build it from a spine with an event time column (config `timestamp: <column>`) joined to features as of that time',
    });
  }
  return warnings;
}

function targetLeaks(byRelation: Map<string, GraphNode>, read: Set<GraphNode>, model: ModelNode, training: SqlNode): Diagnostic[] {
  const target = model.spec.target.toLowerCase();
  const targetOrigins = origins(byRelation, read, training, target);
  targetOrigins.delete(`${training.id}.${target}`);
  const leaks: Diagnostic[] = [];
  for (const feature of model.featureColumns) {
    const shared = [...origins(byRelation, read, training, feature)].filter((ref) => targetOrigins.has(ref));
    if (shared.length === 0) continue;
    const at = columnLocation(training, target);
    const featureAt = columnLocation(training, feature);
    leaks.push({
      file: training.file,
      ...at,
      severity: 'warning',
      code: 'target-leakage',
      message: `target '${target}' of model '${model.name}' is derived from feature '${feature}' (${training.file}:${featureAt.line}:${featureAt.col}), both from ${shared[0]}`,
      hint: `drop '${feature}' from the features in ${model.file}, or compute the target from later outcomes than the features`,
    });
  }
  return leaks;
}
