/**
 * Resolves a loaded project into a graph: every SQL file's tables become edges to the
 * nodes (or declared sources) that produce them; models, scoring and monitors attach
 * to the nodes their YAML names. Problems are collected, not thrown.
 */

import type { DirectedGraph } from 'graphology';
import type { Diagnostic } from '../project/diagnostic.js';
import { closest } from '../project/diagnostic.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { Project, SpecFile } from '../project/load.js';
import type { ModelSpec, MonitorSpec } from '../project/schema.js';
import type { ColumnsOf, QueryAnalysis } from '../sql/analysis.js';
import type { Statement } from '../sql/statements.js';
import { sqlProblemToDiagnostic } from '../sql/problem.js';
import { pointInTimeFile } from '../compile/dataset.js';
import { checkFeatureLock, readFeatureLock } from '../compile/feature-lock.js';
import { analyzeFeature, type FeatureAnalysis } from './analyze.js';
import { findCycle } from './cycle.js';
import { definitionHash } from './definition.js';
import { Fingerprints } from './fingerprints.js';
import { MinHeap } from './min-heap.js';
import { projectGraph } from './structure.js';
import { relationKey, type Location, type Relation } from './node.js';
import type { GraphNode, ModelNode, MonitorNode, ScoringNode, SourceNode, SqlNode } from './types.js';

export interface ProjectGraph {
  /** The nodes and edges for walking; built when first read. */
  readonly graph: DirectedGraph<GraphNode>;
  nodes: Map<string, GraphNode>;
  /** Node ids in a deterministic topological order. */
  order: string[];
  /** Depth of each node: 0 for nodes without parents. */
  layers: Map<string, number>;
  /** Hash of a node's definition and its parents' fingerprints. */
  fingerprints: Fingerprints;
}

export interface BuildResult {
  graph?: ProjectGraph;
  diagnostics: Diagnostic[];
}

function error(at: Location, code: string, message: string, hint: string): Diagnostic {
  return { ...at, severity: 'error', code, message, hint };
}

/**
 * Analyzes a feature file; with `columnsOf`, the columns of the relations it reads (a second
 * pass expands `SELECT *` with them). A caller may memoize it by the file's text and those columns.
 */
export type FeatureAnalyzer = (feature: FeatureFile, columnsOf?: ColumnsOf) => FeatureAnalysis;

export function buildGraph(project: Project, analyze: FeatureAnalyzer = analyzeFeature): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map<string, GraphNode>();
  const byRelation = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const add = (node: GraphNode): GraphNode => {
    nodes.set(node.id, node);
    if (node.relation) {
      const key = relationKey(node.relation);
      const existing = byRelation.get(key);
      if (existing) {
        diagnostics.push(
          error(node, 'duplicate-relation', `${node.id} and ${existing} both write ${key}`, 'give one of them another name or schema'),
        );
      } else byRelation.set(key, node.id);
      const named = byName.get(node.relation.name);
      if (named) named.push(node.id);
      else byName.set(node.relation.name, [node.id]);
    }
    return node;
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

  const broken: BrokenNames = { tables: new Set(project.broken.tables), models: new Set(project.broken.models) };
  const analyses = new Map<string, QueryAnalysis>();
  const featuresByName = new Map(project.features.map((f) => [f.name.toLowerCase(), f]));
  for (const file of project.features) {
    const { feature, diagnostics: joinProblems } = pointInTimeFile(file, featuresByName, config);
    if (joinProblems.length > 0) diagnostics.push(...joinProblems);
    const { analysis, statement, sqlHash, problems } = analyze(feature);
    for (const p of problems) diagnostics.push(sqlProblemToDiagnostic(p, feature.file));
    if (!analysis || !statement || sqlHash === undefined) {
      broken.tables.add(feature.name.toLowerCase());
      continue;
    }
    const node = sqlNode(feature, config.schemas.features, analysis, statement, sqlHash);
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
        else if (!node.parents.some((e) => e.parent === parent)) node.parents.push({ parent, file: at.file, line: at.line, col: at.col });
      } else if (!broken.tables.has(table.relation.name)) {
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

  const named = new NodesByName(nodes);
  for (const model of project.models) {
    for (const node of modelNodes(model, named, diagnostics, broken)) named.add(add(node));
  }
  for (const monitor of project.monitors) {
    const node = monitorNode(monitor, named, byRelation, byName, diagnostics, broken);
    if (node) add(node);
  }

  const { order, layers } = topologicalOrder(nodes);
  // Only a graph with a cycle orders fewer nodes than it has: the search that names the cycle runs then.
  const cycle = order.length < nodes.size ? findCycle(nodes) : undefined;
  if (cycle) {
    const steps = cycle.map((edge) => `${edge.parent} -> ${nodes.get(edge.child)!.id} (${edge.file}:${edge.line})`);
    diagnostics.push(
      error(cycle[0]!, 'cycle', `dependency cycle: ${steps.join(', ')}`, 'break the cycle: one of these tables must not read the next'),
    );
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  resolveColumns(order, nodes, analyses, analyze, diagnostics);
  for (const node of nodes.values()) node.definitionHash = definitionHash(node);
  diagnostics.push(...checkFeatureLock(nodes.values(), readFeatureLock(project.root)));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { graph: projectGraph({ nodes, order, layers, fingerprints: Fingerprints.of(nodes, order) }), diagnostics };
}

function sqlNode(feature: FeatureFile, featureSchema: string, analysis: QueryAnalysis, statement: Statement, sqlHash: string): SqlNode {
  const kind = feature.config.kind;
  const schema = feature.config.schema?.toLowerCase() ?? (kind === 'feature' ? featureSchema.toLowerCase() : undefined);
  const name = feature.name.toLowerCase();
  // A feature version is its own table; its name without the version is a view on it.
  const physical = kind === 'feature' && feature.config.materialized !== 'view' ? { schema, name: `${name}__v${feature.config.version}` } : undefined;
  return {
    id: `${kind}.${feature.name}`,
    kind,
    name: feature.name,
    file: feature.file,
    line: 1,
    col: 1,
    tags: feature.config.tags,
    description: feature.config.description,
    relation: { schema, name },
    physical,
    columns: analysis.columnsComplete ? analysis.columns : undefined,
    parents: [],
    definitionHash: '',
    feature,
    statement,
    sqlHash,
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

/** Nodes by lower-cased name, in insertion order, so YAML references resolve without scanning every node. */
class NodesByName {
  private readonly byName = new Map<string, GraphNode[]>();
  private readonly scoringByModel = new Map<string, GraphNode>();

  constructor(readonly nodes: Map<string, GraphNode>) {
    for (const node of nodes.values()) this.add(node);
  }

  add(node: GraphNode): void {
    const key = node.name.toLowerCase();
    const list = this.byName.get(key);
    if (list) list.push(node);
    else this.byName.set(key, [node]);
    if (node.kind === 'scoring' && !this.scoringByModel.has(node.model)) this.scoringByModel.set(node.model, node);
  }

  find(name: string, kinds: GraphNode['kind'][]): GraphNode | undefined {
    return this.byName.get(name.toLowerCase())?.find((n) => kinds.includes(n.kind));
  }

  scoringOf(model: string): GraphNode | undefined {
    return this.scoringByModel.get(model);
  }

  namesOf(kinds: GraphNode['kind'][]): string[] {
    return [...this.nodes.values()].filter((n) => kinds.includes(n.kind)).map((n) => n.name);
  }
}

/** Names of files that failed, so references to them are not reported again. */
interface BrokenNames {
  tables: Set<string>;
  models: Set<string>;
}

function modelNodes(model: SpecFile<ModelSpec>, nodes: NodesByName, diagnostics: Diagnostic[], broken: BrokenNames): GraphNode[] {
  const at = (path: (string | number)[]): Location => ({ file: model.file, ...model.locate(path) });
  const training = nodes.find(model.spec.training_data, ['feature', 'dataset', 'source']);
  if (!training) {
    // The model's own error is enough: a monitor of it would only report a knock-on error.
    broken.models.add(model.name.toLowerCase());
    if (broken.tables.has(model.spec.training_data.toLowerCase())) return [];
    const suggestion = closest(model.spec.training_data, nodes.namesOf(['feature', 'dataset']));
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
    const input = nodes.find(inputName, ['feature', 'dataset', 'source']);
    if (!input) {
      broken.models.add(model.name.toLowerCase());
      if (broken.tables.has(inputName.toLowerCase())) return result;
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
  nodes: NodesByName,
  byRelation: Map<string, string>,
  byName: Map<string, string[]>,
  diagnostics: Diagnostic[],
  broken: BrokenNames,
): MonitorNode | undefined {
  const at = (path: (string | number)[]): Location => ({ file: monitor.file, ...monitor.locate(path) });
  const model = nodes.find(monitor.spec.model, ['model']);
  if (!model) {
    if (broken.models.has(monitor.spec.model.toLowerCase())) return undefined;
    const suggestion = closest(monitor.spec.model, nodes.namesOf(['model']));
    diagnostics.push(
      error(at(['model']), 'unknown-node', `unknown model '${monitor.spec.model}'`, suggestion ? `did you mean '${suggestion}'?` : 'name a file in models/'),
    );
    return undefined;
  }
  const scoring = nodes.scoringOf(model.id);
  if (!scoring) {
    if (broken.models.has(model.name.toLowerCase())) return undefined;
    diagnostics.push(
      error(at(['model']), 'no-scoring', `model '${model.name}' has no batch scoring to monitor`, `add serving.batch.table to ${model.file}`),
    );
    return undefined;
  }
  // A table the monitor names: resolved to its node, or a located error (none when its file already failed).
  const table = (name: string, path: string[], what: string): string | undefined => {
    const found = resolveRelation({ name: name.toLowerCase() }, byRelation, byName);
    if (typeof found === 'string') return found;
    if (!broken.tables.has(name.toLowerCase())) {
      const hint = found.suggestion ? `did you mean '${found.suggestion}'?` : "declare it under 'sources:' in mlc.yml";
      diagnostics.push(error(at(path), 'unknown-table', `unknown ${what} table '${name}'`, hint));
    }
    return undefined;
  };
  const actuals = table(monitor.spec.actuals.table, ['actuals', 'table'], 'actuals');
  if (actuals === undefined) return undefined;
  const scoresTable = monitor.spec.scores?.table;
  const scores = scoresTable === undefined ? undefined : table(scoresTable, ['scores', 'table'], 'scores');
  if (scoresTable !== undefined && scores === undefined) return undefined;
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
      ...(scores === undefined ? [] : [{ parent: scores, ...at(['scores', 'table']) }]),
    ],
    definitionHash: '',
    spec: monitor.spec,
    locate: monitor.locate,
    model: model.id,
    scoring: scoring.id,
    actuals,
    scores,
  };
}

/**
 * Kahn's algorithm taking the smallest ready id first, so the order is the same on every
 * machine, and each node's depth (layer) as it is taken. Nodes on a cycle never become
 * ready: the order leaves them out.
 */
function topologicalOrder(nodes: Map<string, GraphNode>): { order: string[]; layers: Map<string, number> } {
  const indegree = new Map<string, number>();
  const children = new Map<string, string[]>();
  const ready = new MinHeap();
  for (const node of nodes.values()) {
    indegree.set(node.id, node.parents.length);
    if (node.parents.length === 0) ready.push(node.id);
    for (const edge of node.parents) {
      const list = children.get(edge.parent);
      if (list) list.push(node.id);
      else children.set(edge.parent, [node.id]);
    }
  }
  const order: string[] = [];
  const layers = new Map<string, number>();
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    order.push(id);
    let layer = 0;
    for (const edge of nodes.get(id)!.parents) layer = Math.max(layer, layers.get(edge.parent)! + 1);
    layers.set(id, layer);
    for (const child of children.get(id) ?? []) {
      const left = indegree.get(child)! - 1;
      indegree.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return { order, layers };
}

/** Second pass, in topological order: expand `SELECT *` now that upstream columns are known. */
function resolveColumns(
  order: string[],
  nodes: Map<string, GraphNode>,
  analyses: Map<string, QueryAnalysis>,
  analyze: FeatureAnalyzer,
  diagnostics: Diagnostic[],
): void {
  const columnsByRelation = new Map<string, string[] | undefined>();
  const declared = new Map<string, string[] | undefined>();
  for (const node of nodes.values()) {
    if (!node.relation) continue;
    const key = relationKey(node.relation);
    if (!declared.has(key)) declared.set(key, node.columns);
  }
  for (const id of order) {
    const node = nodes.get(id)!;
    const analysis = analyses.get(id);
    if (analysis && !analysis.columnsComplete) {
      const sql = node as SqlNode;
      const { analysis: again } = analyze(sql.feature, (relation) => columnsByRelation.get(relationKey(relation)) ?? declared.get(relationKey(relation)));
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

