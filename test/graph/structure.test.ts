import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFeature } from '../../src/graph/analyze.js';
import { buildGraph, type ProjectGraph } from '../../src/graph/build.js';
import { patchGraph } from '../../src/graph/patch.js';
import { select } from '../../src/graph/select.js';
import { loadProject } from '../../src/project/load.js';
import { copyExample } from '../support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const FEATURE = 'features/customer_features.sql';
const EDITED = 'COUNT(*) + 0 as total_transactions';

async function built(dir: string): Promise<ProjectGraph> {
  const { project } = await loadProject(dir);
  const graph = buildGraph(project!).graph;
  expect(graph).toBeDefined();
  return graph!;
}

/** Edits the feature's SQL without changing its shape and patches `previous` with it. */
async function patched(dir: string, previous: ProjectGraph): Promise<ProjectGraph> {
  const file = path.join(dir, FEATURE);
  writeFileSync(file, readFileSync(file, 'utf8').replace('COUNT(*) as total_transactions', EDITED));
  const { project } = await loadProject(dir);
  const edited = project!.features.find((f) => f.file === FEATURE)!;
  const result = patchGraph(project!, previous, [edited], analyzeFeature);
  expect(result).toBeDefined();
  return result!.graph;
}

function sqlOf(graph: ProjectGraph, id: string): string {
  const node = graph.graph.getNodeAttributes(id);
  return node.kind === 'feature' ? node.statement.text : '';
}

describe('walking the graph', () => {
  it('selects ancestors and descendants of a freshly built graph', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const graph = await built(dir);
    expect([...select(graph, '+training_data')].sort()).toEqual(['dataset.training_data', 'feature.customer_features', 'source.orders']);
    expect(select(graph, 'customer_features+')).toContain('model.customer_classification');
  });

  it('walks a patched graph with its edited nodes, whether or not its base was walked first', async () => {
    for (const walkedFirst of [false, true]) {
      const dir = copyExample();
      dirs.push(dir);
      const base = await built(dir);
      if (walkedFirst) expect(select(base, 'customer_features+')).toContain('dataset.training_data');
      const graph = await patched(dir, base);
      expect(sqlOf(graph, 'feature.customer_features')).toContain(EDITED);
      expect(graph.graph.getNodeAttributes('feature.customer_features')).toBe(graph.nodes.get('feature.customer_features'));
      expect([...select(graph, '+training_data')].sort()).toEqual(['dataset.training_data', 'feature.customer_features', 'source.orders']);
      // The structure is unchanged by such an edit: a walked base shares its own rather than building another.
      if (walkedFirst) expect(graph.graph).toBe(base.graph);
    }
  });
});
