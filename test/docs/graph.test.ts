import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';
import { parseFlowchart } from './mermaid-grammar.js';

interface Manifest {
  nodes: { id: string }[];
  edges: [string, string][];
}

let dir: string;
let manifest: Manifest;

beforeAll(() => {
  dir = copyExample();
  const compiled = mlc(['compile'], dir);
  expect(compiled.status, compiled.stderr).toBe(0);
  manifest = JSON.parse(readFileSync(path.join(dir, 'compiled/manifest.json'), 'utf8')) as Manifest;
});

/** stdout of a command that must succeed; its stderr explains a failure. */
function graph(args: string[]): string {
  const result = mlc(['graph', ...args], dir);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const sorted = (edges: [string, string][]): string[] => edges.map(([a, b]) => `${a} -> ${b}`).sort();

describe('mlc graph', () => {
  it('prints the whole DAG as a Mermaid flowchart with exactly the manifest edges', () => {
    const chart = parseFlowchart(graph(['--format', 'mermaid']));
    expect([...chart.labels.values()].sort()).toEqual(manifest.nodes.map((n) => n.id).sort());
    const edges = chart.edges.map((e): [string, string] => [chart.labels.get(e.from)!, chart.labels.get(e.to)!]);
    expect(sorted(edges)).toEqual(sorted(manifest.edges));
  });

  it('keeps only the selected nodes and the edges between them', () => {
    const chart = parseFlowchart(graph(['--select', 'customer_features+', '--exclude', 'kind:monitor']));
    const labels = [...chart.labels.values()];
    expect(labels).toContain('feature.customer_features');
    expect(labels).toContain('scoring.customer_scores');
    expect(labels).not.toContain('source.orders');
    expect(labels).not.toContain('monitor.customer_classification');
    const edges = chart.edges.map((e) => [chart.labels.get(e.from), chart.labels.get(e.to)]);
    expect(edges).toContainEqual(['feature.customer_features', 'dataset.training_data']);
    expect(edges.flat()).not.toContain(undefined);
  });

  it('adds column lineage edges with --columns, in every format, from the SQL rather than compiled/manifest.json', () => {
    expect(manifest.nodes.filter((n) => 'lineage' in n)).toEqual([]);
    const json = JSON.parse(graph(['--format', 'json', '--columns'])) as {
      nodes: { id: string }[];
      columnEdges: { from: { node: string; column: string }; to: { node: string; column: string } }[];
    };
    expect(json.columnEdges).toContainEqual({ from: { node: 'source.orders', column: 'amount' }, to: { node: 'feature.customer_features', column: 'total_spend' } });
    expect(json.columnEdges).toContainEqual({
      from: { node: 'feature.customer_features', column: 'total_spend' },
      to: { node: 'dataset.training_data', column: 'high_value_customer' },
    });

    const chart = parseFlowchart(graph(['--columns']));
    expect([...chart.subgraphs.values()]).toContain('feature.customer_features');
    expect(chart.edges.filter((e) => e.dotted).length).toBe(json.columnEdges.length);

    const dot = graph(['--format', 'dot', '--columns']);
    expect(dot).toMatch(/^digraph mlc \{/);
    expect(dot).toContain('"source.orders.amount" -> "feature.customer_features.total_spend" [style=dashed];');
    expect(dot.split('{').length).toBe(dot.split('}').length);
  });

  it('rejects an unknown format with a hint', () => {
    const result = mlc(['graph', '--format', 'svg'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unknown graph format 'svg'");
    expect(result.stderr).toContain('mermaid, dot, json');
  });
});
