import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCompiled } from '../../src/compile/files.js';
import { canonicalJson } from '../../src/graph/hash.js';
import { Workspace, type CompileResult } from '../../src/compile/workspace.js';
import { copyExample } from '../support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const FEATURE = 'features/customer_features.sql';

function edit(dir: string, from: string, to: string): void {
  const file = path.join(dir, FEATURE);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

/** The workspace's recompile must give what a fresh process compiling the same files gives. */
async function expectSameAsFresh(dir: string, result: CompileResult): Promise<void> {
  const fresh = (await Workspace.open(dir)).compile();
  const key = (r: CompileResult): string[] => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}:${d.code}:${d.message}`).sort();
  expect(key(result)).toEqual(key(fresh));
  expect(result.output === undefined).toBe(fresh.output === undefined);
  if (!result.output || !fresh.output) return;
  expect([...result.output.files.keys()].sort()).toEqual([...fresh.output.files.keys()].sort());
  for (const [file, content] of fresh.output.files) expect(result.output.files.get(file), file).toBe(content);
  expect(Object.fromEntries(result.graph!.fingerprints)).toEqual(Object.fromEntries(fresh.graph!.fingerprints));
}

describe('recompiling after feature files change', () => {
  it('gives byte-identical output to a fresh compile, whether the graph keeps its shape or not', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const workspace = await Workspace.open(dir);
    const first = workspace.compile();
    expect(first.output).toBeDefined();
    // Walking the graph (a selection does) builds its structure.
    const structure = first.graph!.graph;

    // Same tables and columns: only this node's SQL and its descendants' fingerprints change.
    edit(dir, 'COUNT(*) as total_transactions', 'COUNT(*) + 0 as total_transactions');
    workspace.update([FEATURE]);
    const patched = workspace.compile();
    expect(patched.output!.files.get('compiled/embedded/feature/customer_features.sql')).toContain('COUNT(*) + 0 as total_transactions');
    expect(patched.graph!.fingerprints.get('feature.customer_features')).not.toBe(first.graph!.fingerprints.get('feature.customer_features'));
    // Patched, not rebuilt: the structure is shared with the previous graph.
    expect(patched.graph!.graph).toBe(structure);
    // The manifest assembled from per-node parts is what rendering it whole gives: each node and edge on a line of its own, canonical.
    const manifest = patched.output!.files.get('compiled/manifest.json')!;
    const parsed = JSON.parse(manifest) as { nodes: unknown[]; edges: unknown[] };
    const lines = manifest.split('\n').map((line) => line.trim().replace(/,$/, ''));
    for (const item of [...parsed.nodes, ...parsed.edges]) expect(lines).toContain(canonicalJson(item));
    await expectSameAsFresh(dir, patched);

    // A new output column changes what readers see: the graph is rebuilt.
    edit(dir, 'SUM(amount) as total_spend,', 'SUM(amount) as total_spend,\nMIN(amount) as min_transaction_amount,');
    workspace.update([FEATURE]);
    const widened = workspace.compile();
    expect(widened.graph!.nodes.get('feature.customer_features')!.columns).toContain('min_transaction_amount');
    await expectSameAsFresh(dir, widened);

    // A broken file, then its fix.
    edit(dir, 'FROM orders', 'FROM orders WHERE (');
    workspace.update([FEATURE]);
    const broken = workspace.compile();
    expect(broken.diagnostics.some((d) => d.severity === 'error' && d.file === FEATURE)).toBe(true);
    await expectSameAsFresh(dir, broken);
    edit(dir, 'FROM orders WHERE (', 'FROM orders');
    workspace.update([FEATURE]);
    edit(dir, 'COUNT(*) + 0 as total_transactions', 'COUNT(*) + 1 as total_transactions');
    workspace.update([FEATURE]);
    await expectSameAsFresh(dir, workspace.compile());
  });

  it('a table read by the edit that does not exist is reported as on a fresh compile', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const workspace = await Workspace.open(dir);
    workspace.compile();
    edit(dir, 'FROM orders', 'FROM orderz');
    workspace.update([FEATURE]);
    const result = workspace.compile();
    expect(result.diagnostics.some((d) => d.code === 'unknown-table')).toBe(true);
    await expectSameAsFresh(dir, result);
  });

  it('writes only the files the edit changed', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const workspace = await Workspace.open(dir);
    const first = workspace.compile().output!.files;
    await writeCompiled(dir, first);
    edit(dir, 'MAX(amount) as max_transaction_amount', 'MAX(amount) + 0 as max_transaction_amount');
    workspace.update([FEATURE]);
    const next = workspace.compile().output!.files;
    const written = await writeCompiled(dir, next, first);
    expect(written).toContain('compiled/embedded/feature/customer_features.sql');
    expect(written).toContain('compiled/manifest.json');
    expect(written.length).toBeLessThan(first.size / 2);
    for (const file of written) expect(readFileSync(path.join(dir, file), 'utf8')).toBe(next.get(file));
    // Without the previous output, unchanged files on disk are compared and left alone.
    expect(await writeCompiled(dir, next)).toEqual([]);
  });
});
