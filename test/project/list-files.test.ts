import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fileKind, listProjectFiles } from '../../src/project/load.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

it('lists the project files, sorted, in nested folders too, and nothing else', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mlc-list-'));
  dirs.push(root);
  const files = [
    'mlc.yml',
    'top.sql',
    'features/a.sql',
    'features/notes.md',
    'features/a.sql.bak',
    'features/sub/b.sql',
    'models/m.yml',
    'models/n.yaml',
    'models/x.json',
    'models/sub/deep.yml',
    'monitors/p.yml',
    'monitors/q.sql',
    'data/orders.csv',
  ];
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  expect(await listProjectFiles(root)).toEqual([
    'features/a.sql',
    'features/sub/b.sql',
    'mlc.yml',
    'models/m.yml',
    'models/n.yaml',
    'models/sub/deep.yml',
    'monitors/p.yml',
  ]);
  expect(['features/a.yml', 'models/m.sql', 'monitors', 'featuresx/a.sql', 'mlc.yaml'].map(fileKind)).toEqual([undefined, undefined, undefined, undefined, undefined]);
});
