import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { Workspace } from '../../src/compile/workspace.js';
import type { ProjectGraph } from '../../src/graph/build.js';
import { changedNodes } from '../../src/watch/changed-nodes.js';
import { copyExample } from '../support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every node whose fingerprint differs, found the slow way: hashing both graphs whole. */
function differing(before: ProjectGraph, after: ProjectGraph): string[] {
  const old = new Map(before.fingerprints);
  return [...after.fingerprints].filter(([id, fingerprint]) => old.get(id) !== fingerprint).map(([id]) => id);
}

test('a watch recompile reports exactly the nodes whose fingerprint moved, without hashing the graph', async () => {
  const dir = copyExample();
  dirs.push(dir);
  const file = 'features/training_data.sql';
  const edit = async (from: string, to: string): Promise<ProjectGraph> => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(text).toContain(from);
    writeFileSync(path.join(dir, file), text.replace(from, to));
    workspace.update([file]);
    return workspace.compile().graph!;
  };
  const workspace = await Workspace.open(dir);
  const first = workspace.compile().graph!;

  // Formatting and comments only: nothing to rebuild.
  const reformatted = await edit('WHEN total_spend > 1000 THEN 1', 'when   total_spend > 1000\n  then 1 -- high value');
  expect(changedNodes(first, reformatted)).toEqual({ changed: [], removed: [] });
  expect(differing(first, reformatted)).toEqual([]);

  // A new threshold: the training set and everything built from it, in build order.
  const retargeted = await edit('total_spend > 1000', 'total_spend > 1500');
  const { changed } = changedNodes(reformatted, retargeted);
  expect(changed).toEqual(differing(reformatted, retargeted));
  expect(changed[0]).toBe('dataset.training_data');
  expect(changed).toContain('model.customer_classification');
  expect(changed).not.toContain('feature.customer_features');
});

test('leakage warnings follow an edit of the training set SQL, as a fresh compile reports them', async () => {
  const dir = copyExample();
  dirs.push(dir);
  const file = path.join(dir, 'features/training_data.sql');
  const workspace = await Workspace.open(dir);
  const leaks = (diagnostics: { code: string; message: string }[]): string[] => diagnostics.filter((d) => d.code === 'target-leakage').map((d) => d.message);
  expect(leaks(workspace.compile().diagnostics)).toHaveLength(1);

  // Same columns, but the target no longer derives from a feature.
  writeFileSync(file, readFileSync(file, 'utf8').replace('WHEN total_spend > 1000 THEN 1', 'WHEN customer_id IS NULL THEN 1'));
  workspace.update(['features/training_data.sql']);
  const patched = workspace.compile();
  expect(leaks(patched.diagnostics)).toEqual([]);
  expect(leaks((await Workspace.open(dir)).compile().diagnostics)).toEqual([]);
});
