import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkCompiled, writeCompiled } from '../../src/compile/files.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-files-'));
  dirs.push(dir);
  return dir;
}

const FILES = new Map([
  ['compiled/embedded/feature/a.sql', 'SELECT 1;\n'],
  ['compiled/embedded/feature/b.sql', 'SELECT 2;\n'],
  ['compiled/snowflake/model/m.sql', 'CALL train();\n'],
  ['compiled/manifest.json', '{}\n'],
]);

describe('writeCompiled', () => {
  test('a first compile creates compiled/ with every file, and a second one writes nothing', async () => {
    const root = project();
    const written = await writeCompiled(root, FILES);
    expect(written.sort()).toEqual([...FILES.keys()].sort());
    for (const [file, content] of FILES) expect(readFileSync(path.join(root, file), 'utf8')).toBe(content);
    expect(await writeCompiled(root, FILES)).toEqual([]);
  });

  test('rewrites a changed file and removes a file no node produces any more', async () => {
    const root = project();
    await writeCompiled(root, FILES);
    const next = new Map(FILES);
    next.delete('compiled/embedded/feature/b.sql');
    next.set('compiled/embedded/feature/a.sql', 'SELECT 10;\n');
    expect(await writeCompiled(root, next)).toEqual(['compiled/embedded/feature/a.sql']);
    expect(readFileSync(path.join(root, 'compiled/embedded/feature/a.sql'), 'utf8')).toBe('SELECT 10;\n');
    expect(existsSync(path.join(root, 'compiled/embedded/feature/b.sql'))).toBe(false);
    expect(await checkCompiled(root, next)).toEqual({ changed: [], missing: [], extra: [] });
  });

  test('checkCompiled names changed, missing and extra files', async () => {
    const root = project();
    await writeCompiled(root, FILES);
    writeFileSync(path.join(root, 'compiled/embedded/feature/a.sql'), 'SELECT 99;\n');
    writeFileSync(path.join(root, 'compiled/embedded/feature/old.sql'), 'SELECT 0;\n');
    rmSync(path.join(root, 'compiled/snowflake/model/m.sql'));
    expect(await checkCompiled(root, FILES)).toEqual({
      changed: ['compiled/embedded/feature/a.sql'],
      missing: ['compiled/snowflake/model/m.sql'],
      extra: ['compiled/embedded/feature/old.sql'],
    });
  });
});
