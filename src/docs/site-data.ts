/** Everything the docs site shows, gathered into one JSON document the page reads at load. */

import { monitorTables } from '../compile/monitor.js';
import type { MonitorSource } from './warehouse.js';
import type { CompileOutput } from '../compile/compile.js';
import type { ProjectGraph } from '../graph/build.js';
import { relationKey } from '../graph/node.js';
import type { Project } from '../project/load.js';
import type { FeatureConfig } from '../project/schema.js';
import type { Row } from '../targets/index.js';
import { layeredLayout, NODE_HEIGHT, NODE_WIDTH, type Point } from './layout.js';
import { manifestOf, type ManifestNode } from './manifest.js';
import type { ModelVersion, NodeBuild, WarehouseFacts } from './warehouse.js';

export interface SiteNode extends ManifestNode, Point {
  /** The statements the site's target runs for this node. */
  sql: string;
  /** The model or monitor YAML, as validated. */
  spec?: unknown;
  /** Column tests and SQL assertions declared in a feature's config, as text. */
  tests?: { target: string; check: string }[];
  /** For models and monitors: the model's name in the registry. */
  model?: string;
  build?: NodeBuild;
}

export interface SiteData {
  project: string;
  target: string;
  unreachable?: string;
  nodes: SiteNode[];
  edges: [string, string][];
  models: Record<string, ModelVersion[]>;
  /** Monitor node id → the rows of its table. */
  monitoring: Record<string, Row[]>;
  /** Monitor node id → its drift rows (date, feature, method, value, threshold). */
  drift: Record<string, Row[]>;
  size: { width: number; height: number; node: { width: number; height: number } };
}

export interface SiteInput {
  project: Project;
  graph: ProjectGraph;
  output: CompileOutput;
  warehouse: WarehouseFacts;
}

function testsOf(config: FeatureConfig): { target: string; check: string }[] {
  const columns = Object.entries(config.tests).flatMap(([column, tests]) =>
    tests.map((test) => ({ target: column, check: typeof test === 'string' ? test : Object.entries(test).map(([name, args]) => `${name} ${JSON.stringify(args)}`).join(' ') })),
  );
  return [...columns, ...config.assertions.map((a) => ({ target: 'assertion', check: `${a.name}: ${a.sql}` }))];
}

export function siteData({ project, graph, output, warehouse }: SiteInput): SiteData {
  const manifest = manifestOf(output, graph);
  const positions = layeredLayout(manifest.nodes);
  const statements = output.statements.get(warehouse.target);
  const monitoring: Record<string, Row[]> = {};
  const nodes = manifest.nodes.map((node): SiteNode => {
    const source = graph.nodes.get(node.id);
    const sql = (statements?.get(node.id) ?? []).map((s) => `${s};`).join('\n\n');
    const extra: Partial<SiteNode> = {};
    if (source?.kind === 'feature' || source?.kind === 'dataset') extra.tests = testsOf(source.feature.config);
    if (source?.kind === 'model') Object.assign(extra, { spec: source.spec, model: source.name });
    if (source?.kind === 'monitor') {
      Object.assign(extra, { spec: source.spec, model: graph.nodes.get(source.model)?.name });
      const rows = node.relation ? warehouse.monitoring[node.relation] : undefined;
      if (rows) monitoring[node.id] = rows.filter((r) => extra.model === undefined || r.model_name === undefined || r.model_name === extra.model);
    }
    return { ...node, ...positions.get(node.id)!, sql, build: warehouse.builds[node.id], ...extra };
  });
  const width = Math.max(0, ...nodes.map((n) => n.x)) + NODE_WIDTH;
  const height = Math.max(0, ...nodes.map((n) => n.y)) + NODE_HEIGHT;
  return {
    project: project.config.name,
    target: warehouse.target,
    unreachable: warehouse.unreachable,
    nodes,
    edges: manifest.edges,
    models: warehouse.models,
    monitoring,
    drift: warehouse.drift,
    size: { width, height, node: { width: NODE_WIDTH, height: NODE_HEIGHT } },
  };
}

/** What each monitor writes, which the warehouse reader fetches: its performance table and its rows of the drift table. */
export function monitorSources(graph: ProjectGraph): MonitorSource[] {
  return [...graph.nodes.values()].flatMap((n) =>
    n.kind === 'monitor' ? [{ id: n.id, monitor: n.name, performance: relationKey(n.relation), drift: monitorTables(n).drift }] : [],
  );
}
