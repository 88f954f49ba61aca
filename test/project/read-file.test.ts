import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readProjectFile } from '../../src/project/load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function featureFile(text: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mlc-read-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'features'));
  writeFileSync(path.join(root, 'features/wide.sql'), text);
  return root;
}

describe('reading a project file', () => {
  for (const columns of [3, 4000]) {
    it(`keeps all of a feature file's text, accents included (${columns} columns)`, () => {
      // Each line holds a two-byte character, so a large file has one across any fixed-size boundary.
      const select = Array.from({ length: columns }, (_, k) => `  'café ${k}' AS label_${k}`).join(',\n');
      const text = `-- description: Labels\n\nSELECT\n${select}\nFROM raw.orders\n`;
      const root = featureFile(text);
      const parsed = readProjectFile(root, 'features/wide.sql');
      expect(parsed.kind === 'feature' && parsed.feature?.text).toBe(text);
    });
  }

  it('fails as reading a missing file does', () => {
    const root = featureFile('SELECT 1 AS one\n');
    expect(() => readProjectFile(root, 'features/gone.sql')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
