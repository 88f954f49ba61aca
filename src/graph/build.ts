/**
 * Resolves a loaded project into a graph: every SQL file's tables become edges to the
 * nodes (or declared sources) that produce them; models, scoring and monitors attach
 * to the nodes their YAML names. Problems are collected, not thrown.
 */

import { DirectedGraph } from 'graphology';
import type { Diagnostic } from '../project/diagnostic.js';
import { closest } from '../project/diagnostic.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { Project, SpecFile } from '../project/load.js';
import type { ModelSpec, MonitorSpec } from '../project/schema.js';
import type { QueryAnalysis } from '../sql/analysis.js';
import { sqlProblemToDiagnostic } from '../sql/problem.js';
import { analyzeFeature } from './analyze.js';
import { findCycle } from './cycle.js';
import { definitionHashes } from './definition.js';
import { shortHash } from './hash.js';
import { relationKey, type Location, type Relation } from './node.js';
import type { GraphNode, ModelNode, MonitorNode, ScoringNode, SourceNode, SqlNode } from './types.js';

export interface ProjectGraph {
  graph: DirectedGraph<GraphNode>;
  nodes: Map<string, GraphNode>;
  /** Node ids in a deterministic topological order. */
  order: string[];
  /** Depth of each node: 0 for nodes without parents. */
  layers: Map<string, number>;
  /** Hash of a node's definition and its parents' fingerprints. */
  fingerprints: Map<string, string>;
}

export interface BuildResult {
  graph?: ProjectGraph;
  diagnostics: Diagnostic[];
}

function error(at: Location, code: string, message: string, hint: string): Diagnostic {
  return { ...at, severity: 'error', code, message, hint };
}

export function buildGraph(project: Project): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, GraphNode>();
  const byRelation = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const add = (node: GraphNode): void => {
    nodes.set(node.id, node);
    if (node.relation) {
      const key = relationKey(node.relation);
      const existing = byRelation.get(key);
      if (existing) {
        diagnostics.push(
          error(node, 'duplicate-relation', `${node.id} and ${existing} both write ${key}`, 'give one of them another name or schema'),
        );
      } else byRelation.set(key, node.id);
      byName.set(node.relation.name, [...(byName.get(node.relation.name) ?? []), node.id]);
    }
  };

  const config = project.config;
  for (const [key, source] of Object.entries(config.sources)) {
    const at = project.locateConfig(['sources', key]);
    add({
      id: `source.${key}`,
      kind: 'source',
      name: key,
      file: 'mlc.yml',
      ...at,
      tags: [],
      description: source.description,
      relation: { schema: source.schema?.toLowerCase(), name: (source.table ?? key).toLowerCase() },
      columns: source.columns?.map((c) => c.toLowerCase()),
      parents: [],
      definitionHash: '',
      source,
    } satisfies SourceNode);
  }

  const analyses = new Map<string, QueryAnalysis>();
  for (const feature of project.features) {
    const { analysis, problems } = analyzeFeature(feature);
    diagnostics.push(...problems.map((p) => sqlProblemToDiagnostic(p, feature.file)));
    if (!analysis) continue;
    const node = sqlNode(feature, config.schemas.features, analysis);
    analyses.set(node.id, analysis);
    add(node);
  }

  for (const [id, analysis] of analyses) {
    const node = nodes.get(id) as SqlNode;
    for (const table of analysis.tables) {
      const parent = resolveRelation(table.relation, byRelation, byName);
      const at = { file: node.file, line: table.line, col: table.col };
      if (typeof parent === 'string') {
        if (parent === id) diagnostics.push(error(at, 'self-reference', `${node.name} reads itself`, 'a feature cannot select from its own table'));
        else if (!node.parents.some((e) => e.parent === parent)) node.parents.push({ parent, ...at });
      } else {
        diagnostics.push(
          error(
            at,
            'unknown-table',
            `unknown table '${relationKey(table.relation)}'`,
            parent.suggestion
              ? `did you mean '${parent.suggestion}'?`
              : `declare it under 'sources:' in mlc.yml, or add features/${table.relation.name}.sql`,
          ),
        );
      }
    }
  }

  for (const model of project.models) {
    for (const node of modelNodes(model, nodes, diagnostics)) add(node);
  }
  for (const monitor of project.monitors) {
    const node = monitorNode(monitor, nodes, byRelation, byName, diagnostics);
    if (node) add(node);
  }

  const graph = new DirectedGraph<GraphNode>({ allowSelfLoops: false });
  for (const node of nodes.values()) graph.addNode(node.id, node);
  for (const node of nodes.values()) {
    for (const edge of node.parents) if (nodes.has(edge.parent)) graph.mergeEdge(edge.parent, node.id);
  }
  const cycle = findCycle(nodes);
  if (cycle) {
    const steps = cycle.map((edge) => `${edge.parent} -> ${nodes.get(edge.child)!.id} (${edge.file}:${edge.line})`);
    diagnostics.push(
      error(cycle[0]!, 'cycle', `dependency cycle: ${steps.join(', ')}`, 'break the cycle: one of these tables must not read the next'),
    );
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const order = topologicalOrder(nodes);
  resolveColumns(order, nodes, analyses, diagnostics);
  const layers = new Map<string, number>();
  for (const id of order) {
    const node = nodes.get(id)!;
    layers.set(id, Math.max(-1, ...node.parents.map((e) => layers.get(e.parent)!)) + 1);
  }
  const hashes = definitionHashes(nodes);
  const fingerprints = new Map<string, string>();
  for (const id of order) {
    const node = nodes.get(id)!;
    node.definitionHash = hashes.get(id)!;
    const parents = node.parents.map((e) => fingerprints.get(e.parent)!).sort();
    fingerprints.set(id, shortHash(hashes.get(id)!, ...parents));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { graph: { graph, nodes, order, layers, fingerprints }, diagnostics };
}

function sqlNode(feature: FeatureFile, featureSchema: string, analysis: QueryAnalysis): SqlNode {
  const kind = feature.config.kind;
  const schema = feature.config.schema ?? (kind === 'feature' ? featureSchema : undefined);
  return {
    id: `${kind}.${feature.name}`,
    kind,
    name: feature.name,
    file: feature.file,
    line: 1,
    col: 1,
    tags: feature.config.tags,
    description: feature.config.description,
    relation: { schema: schema?.toLowerCase(), name: feature.name.toLowerCase() },
    columns: analysis.columnsComplete ? analysis.columns : undefined,
    parents: [],
    definitionHash: '',
    feature,
    lineage: analysis.lineage,
  };
}

type Resolution = string | { suggestion?: string };

function resolveRelation(relation: Relation, byRelation: Map<string, string>, byName: Map<string, string[]>): Resolution {
  const exact = byRelation.get(relationKey({ schema: relation.schema, name: relation.name }));
  if (exact) return exact;
  const sameName = byName.get(relation.name) ?? [];
  if (sameName.length > 0) {
    return { suggestion: [...byRelation].find(([, id]) => id === sameName[0])?.[0] };
  }
  const all = [...byRelation.keys()];
  return { suggestion: closest(relationKey(relation), all) };
}

function findNodeByName(name: string, nodes: Map<string, GraphNode>, kinds: GraphNode['kind'][]): GraphNode | undefined {
  const lower = name.toLowerCase();
  return [...nodes.values()].find((n) => kinds.includes(n.kind) && n.name.toLowerCase() === lower);
}

function namesOf(nodes: Map<string, GraphNode>, kinds: GraphNode['kind'][]): string[] {
  return [...nodes.values()].filter((n) => kinds.includes(n.kind)).map((n) => n.name);
}

function modelNodes(model: SpecFile<ModelSpec>, nodes: Map<string, GraphNode>, diagnostics: Diagnostic[]): GraphNode[] {
  const at = (path: (string | number)[]): Location => ({ file: model.file, ...model.locate(path) });
  const training = findNodeByName(model.spec.training_data, nodes, ['feature', 'dataset', 'source']);
  if (!training) {
    const suggestion = closest(model.spec.training_data, namesOf(nodes, ['feature', 'dataset']));
    diagnostics.push(
      error(
        at(['training_data']),
        'unknown-node',
        `unknown training data '${model.spec.training_data}'`,
        suggestion ? `did you mean '${suggestion}'?` : 'name a feature or dataset file (features/<name>.sql)',
      ),
    );
    return [];
  }
  const modelNode: ModelNode = {
    id: `model.${model.name}`,
    kind: 'model',
    name: model.name,
    file: model.file,
    line: 1,
    col: 1,
    tags: [],
    description: model.spec.description,
    parents: [{ parent: training.id, ...at(['training_data']) }],
    definitionHash: '',
    spec: model.spec,
    locate: model.locate,
    trainingData: training.id,
    featureColumns: model.spec.features ?? [],
  };
  const result: GraphNode[] = [modelNode];
  const batch = model.spec.serving.batch;
  if (batch) {
    const inputName = batch.input ?? model.spec.training_data;
    const input = findNodeByName(inputName, nodes, ['feature', 'dataset', 'source']);
    if (!input) {
      diagnostics.push(
        error(at(['serving', 'batch', 'input']), 'unknown-node', `unknown scoring input '${inputName}'`, 'name a feature, dataset or source'),
      );
      return result;
    }
    result.push({
      id: `scoring.${batch.table}`,
      kind: 'scoring',
      name: batch.table,
      ...at(['serving', 'batch']),
      tags: [],
      relation: { schema: batch.schema?.toLowerCase(), name: batch.table.toLowerCase() },
      parents: [
        { parent: modelNode.id, ...at(['serving', 'batch']) },
        { parent: input.id, ...at(['serving', 'batch', batch.input ? 'input' : 'table']) },
      ],
      definitionHash: '',
      model: modelNode.id,
      input: input.id,
      serving: model.spec.serving,
    } satisfies ScoringNode);
  }
  return result;
}

function monitorNode(
  monitor: SpecFile<MonitorSpec>,
  nodes: Map<string, GraphNode>,
  byRelation: Map<string, string>,
  byName: Map<string, string[]>,
  diagnostics: Diagnostic[],
): MonitorNode | undefined {
  const at = (path: (string | number)[]): Location => ({ file: monitor.file, ...monitor.locate(path) });
  const model = findNodeByName(monitor.spec.model, nodes, ['model']);
  if (!model) {
    const suggestion = closest(monitor.spec.model, namesOf(nodes, ['model']));
    diagnostics.push(
      error(at(['model']), 'unknown-node', `unknown model '${monitor.spec.model}'`, suggestion ? `did you mean '${suggestion}'?` : 'name a file in models/'),
    );
    return undefined;
  }
  const scoring = [...nodes.values()].find((n) => n.kind === 'scoring' && n.model === model.id);
  if (!scoring) {
    diagnostics.push(
      error(at(['model']), 'no-scoring', `model '${model.name}' has no batch scoring to monitor`, `add serving.batch.table to ${model.file}`),
    );
    return undefined;
  }
  const actuals = resolveRelation({ name: monitor.spec.actuals.table.toLowerCase() }, byRelation, byName);
  if (typeof actuals !== 'string') {
    diagnostics.push(
      error(
        at(['actuals', 'table']),
        'unknown-table',
        `unknown actuals table '${monitor.spec.actuals.table}'`,
        actuals.suggestion ? `did you mean '${actuals.suggestion}'?` : "declare it under 'sources:' in mlc.yml",
      ),
    );
    return undefined;
  }
  return {
    id: `monitor.${monitor.name}`,
    kind: 'monitor',
    name: monitor.name,
    file: monitor.file,
    line: 1,
    col: 1,
    tags: [],
    description: monitor.spec.description,
    relation: { name: monitor.spec.table.toLowerCase() },
    parents: [
      { parent: scoring.id, ...at(['model']) },
      { parent: actuals, ...at(['actuals', 'table']) },
    ],
    definitionHash: '',
    spec: monitor.spec,
    locate: monitor.locate,
    model: model.id,
    scoring: scoring.id,
    actuals,
  };
}

/** Kahn's algorithm with a sorted frontier, so the order is the same on every machine. */
function topologicalOrder(nodes: Map<string, GraphNode>): string[] {
  const indegree = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const node of nodes.values()) {
    indegree.set(node.id, node.parents.length);
    for (const edge of node.parents) children.set(edge.parent, [...(children.get(edge.parent) ?? []), node.id]);
  }
  const ready = [...nodes.keys()].filter((id) => indegree.get(id) === 0).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    const next: string[] = [];
    for (const child of children.get(id) ?? []) {
      const left = indegree.get(child)! - 1;
      indegree.set(child, left);
      if (left === 0) next.push(child);
    }
    ready.push(...next);
    ready.sort();
  }
  return order;
}

/** Second pass, in topological order: expand `SELECT *` now that upstream columns are known. */
function resolveColumns(order: string[], nodes: Map<string, GraphNode>, analyses: Map<string, QueryAnalysis>, diagnostics: Diagnostic[]): void {
  const columnsByRelation = new Map<string, string[] | undefined>();
  for (const id of order) {
    const node = nodes.get(id)!;
    const analysis = analyses.get(id);
    if (analysis && !analysis.columnsComplete) {
      const sql = node as SqlNode;
      const { analysis: again } = analyzeFeature(sql.feature, (relation) => columnsByRelation.get(relationKey(relation)) ?? columnsByName(relation, nodes));
      if (again) {
        analyses.set(id, again);
        sql.lineage = again.lineage;
        if (again.columnsComplete) sql.columns = again.columns;
      }
    }
    if (node.kind === 'model') node.featureColumns = modelFeatures(node, nodes, diagnostics);
    if (node.relation) columnsByRelation.set(relationKey(node.relation), node.columns);
  }
}

function columnsByName(relation: Relation, nodes: Map<string, GraphNode>): string[] | undefined {
  for (const node of nodes.values()) {
    if (node.relation && relationKey(node.relation) === relationKey(relation)) return node.columns;
  }
  return undefined;
}

function modelFeatures(model: ModelNode, nodes: Map<string, GraphNode>, diagnostics: Diagnostic[]): string[] {
  const training = nodes.get(model.trainingData)!;
  const spec = model.spec;
  const known = training.columns;
  const at = (path: (string | number)[]): Location => ({ file: model.file, ...model.locate(path) });
  if (!known) return (spec.features ?? []).map((f) => f.toLowerCase());
  const check = (column: string, path: (string | number)[], what: string): void => {
    if (!known.includes(column.toLowerCase())) {
      const suggestion = closest(column, known);
      diagnostics.push(
        error(at(path), 'unknown-column', `${what} '${column}' is not a column of ${training.name}`, suggestion ? `did you mean '${suggestion}'?` : `columns: ${known.join(', ')}`),
      );
    }
  };
  check(spec.target, ['target'], 'target');
  check(spec.entity, ['entity'], 'entity key');
  spec.features?.forEach((f, i) => check(f, ['features', i], 'feature'));
  if (spec.features) return spec.features.map((f) => f.toLowerCase());
  const exclude = new Set([spec.target.toLowerCase(), spec.entity.toLowerCase()]);
  return known.filter((c) => !exclude.has(c));
}

