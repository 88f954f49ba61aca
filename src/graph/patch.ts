/**
 * Updates a built graph for edited feature files without rebuilding it, when the edits
 * keep the graph's shape: each file still defines the same node with the same config,
 * reads the same tables and outputs the same columns. Only the edited nodes' definitions
 * and their descendants' fingerprints change, which is what a recompile after saving one
 * file needs to stay in milliseconds. Anything else returns undefined: rebuild instead.
 */

import { checkFeatureLock, readFeatureLock } from '../compile/feature-lock.js';
import type { Diagnostic } from '../project/diagnostic.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { Project } from '../project/load.js';
import type { FeatureAnalyzer, ProjectGraph } from './build.js';
import { definitionHash } from './definition.js';
import { canonicalJson } from './hash.js';
import { relationKey } from './node.js';
import { sameList } from './same-list.js';
import { builtStructure, projectGraph } from './structure.js';
import type { SqlNode } from './types.js';

export interface PatchedGraph {
  graph: ProjectGraph;
  /** Ids of the nodes whose own definition changed. */
  changed: Set<string>;
  diagnostics: Diagnostic[];
}

/** The edited node, or undefined when the edit changes more than the node's own SQL. */
function patchNode(previous: ProjectGraph, feature: FeatureFile, analyze: FeatureAnalyzer): SqlNode | undefined {
  const old = previous.nodes.get(`${feature.config.kind}.${feature.name}`);
  if (!old || (old.kind !== 'feature' && old.kind !== 'dataset') || old.file !== feature.file) return undefined;
  // A point-in-time join rewrites the file's SQL from other files: rebuild.
  if (feature.config.features.length > 0 || canonicalJson(feature.config) !== canonicalJson(old.feature.config)) return undefined;
  const { analysis, statement, sqlHash, problems } = analyze(feature);
  if (!analysis || !statement || sqlHash === undefined || problems.length > 0) return undefined;
  if (!analysis.columnsComplete || !sameList(analysis.columns, old.columns)) return undefined;
  // The edit must keep the node's parents, so a table read has to be one of theirs.
  const byRelation = new Map<string, string>();
  for (const edge of old.parents) {
    const relation = previous.nodes.get(edge.parent)!.relation;
    if (relation) byRelation.set(relationKey(relation), edge.parent);
  }
  const parents: SqlNode['parents'] = [];
  for (const table of analysis.tables) {
    const parent = byRelation.get(relationKey(table.relation));
    if (parent === undefined) return undefined;
    if (!parents.some((e) => e.parent === parent)) parents.push({ parent, file: feature.file, line: table.line, col: table.col });
  }
  if (!sameList(parents.map((e) => e.parent), old.parents.map((e) => e.parent))) return undefined;
  const node: SqlNode = { ...old, feature, statement, sqlHash, lineage: analysis.lineage, parents };
  node.definitionHash = definitionHash(node);
  return node;
}

export function patchGraph(project: Project, previous: ProjectGraph, edited: readonly FeatureFile[], analyze: FeatureAnalyzer): PatchedGraph | undefined {
  const names = new Set(edited.map((f) => f.name.toLowerCase()));
  if (project.features.some((f) => f.config.features.some((join) => names.has(join.from.toLowerCase())))) return undefined;
  const nodes = new Map(previous.nodes);
  const changed = new Set<string>();
  for (const feature of edited) {
    const node = patchNode(previous, feature, analyze);
    if (!node) return undefined;
    nodes.set(node.id, node);
    changed.add(node.id);
  }
  // A formatting-only edit keeps the definition hash, and so every fingerprint.
  const moved = new Set([...changed].filter((id) => nodes.get(id)!.definitionHash !== previous.nodes.get(id)!.definitionHash));
  for (const id of previous.order) if (!moved.has(id) && nodes.get(id)!.parents.some((e) => moved.has(e.parent))) moved.add(id);
  const fingerprints = previous.fingerprints.patched(nodes, moved);
  // The graphology graph only holds the structure, which is unchanged: share it when it was built.
  const structure = builtStructure(previous);
  if (structure) for (const id of changed) structure.replaceNodeAttributes(id, nodes.get(id)!);
  const diagnostics = checkFeatureLock(
    [...changed].map((id) => nodes.get(id)!),
    readFeatureLock(project.root),
  );
  return { graph: projectGraph({ nodes, order: previous.order, layers: previous.layers, fingerprints }, structure), changed, diagnostics };
}

