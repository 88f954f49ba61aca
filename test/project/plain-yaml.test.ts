import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { plainNodeAt, readPlainYaml, type PlainNode } from '../../src/project/plain-yaml.js';
import { REPO } from '../support/cli.js';

/** Documents the reader must either leave to the library or read exactly as it does. */
const CASES = [
  'a: 1\n', 'a: -1\n', 'a: 1.50\n', 'a: -0\n', 'a: 007\n', 'a: +1\n', 'a: .5\n', 'a: 1e3\n', 'a: .inf\n', 'a: .NaN\n', 'a: 0x1F\n',
  'a: 0o7\n', 'a: 1.\n', 'a: 1_000\n', 'a: 12345678901234567890\n', 'a: ~\n', 'a: null\n', 'a: Null\n', 'a: TRUE\n', 'a: yes\n', 'a: on\n',
  'a: b # c\n', 'a: b#c\n', "a: 'it''s'\n", 'a: "q"\n', 'a: "q\\"x"\n', "a: 'x' # c\n", "a: 'x'y\n", 'a: b: c\n', 'a: b:c\n', 'a: http://x\n',
  'a: x y  \n', "a: 'x'   \n", 'a: é ✓\n', 'a: -x\n', 'a: -5 apples\n', 'a: @x\n', 'a: `x`\n', 'a: %x\n', 'a: ?x\n', 'a: -\n', 'a: - x\n',
  'a:\n  b: 1\n  c:\n    - x\n    - y\n', 'a:\n- x\n- y\n', 'a:\n  - k: v\n    k2: w\n  - k: z\n', 'a:\n  -   k: v\n      j: 1\n', 'a:\n  - - x\n',
  'list:\n  - a\n  - b\nnext: 1\n', 'list:\n  - a\n   - b\n', 'a:\n  b:\n    c:\n      d: [1, {e: f}]\n',
  'a: [x, y]\n', 'a: [ x , y ]\n', 'a: []\n', 'a: [ ]\n', 'a: [x, ]\n', 'a: [x,y]\n', "a: [x, 'y z', \"w\"]\n", 'a: [a b, c]\n', 'a: [a#b]\n',
  'a: [x, [y, z]]\n', 'a: [x\n  , y]\n', 'a: {k: v}\n', 'a: { k: v, j: [1, 2], m: { n: 0.5 } }\n', 'a: {}\n', 'a: { k: v }# c\n', 'a: { k: v } # c\n',
  'a: b\n  c\n', 'a: b\n\n  # c\nd: e\n', '# top\n\na: 1\n# mid\nb:\n  # inner\n  c: 2\n', 'a: 1\na: 2\n', '---\na: 1\n', 'a: |\n  x\n', 'a: >\n  x\n',
  'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a:\n', 'a:   \nb: 1\n', '  a: 1\n', 'a: 1\n b: 2\n', 'a:\n    b: 1\n  c: 2\n', 'true: 1\n', 'null: 1\n',
  '1: x\n', 'a-b: 1\n', 'x: 1', 'k: v\r\n', 'k:\tv\n', "k: 'a\n  b'\n", '', '# only a comment\n',
];

/** The library's node at a path, or its deepest existing ancestor (as yaml.ts looks nodes up). */
function libraryNodeAt(root: unknown, keys: (string | number)[]): Node | undefined {
  let node = root as Node | undefined;
  for (const key of keys) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key))?.value;
    else if (isSeq(node)) next = node.items[Number(key)];
    if (!next) return node;
    node = next as Node;
  }
  return node;
}

/** Every path in the document, and below each one a key and an index that do not exist. */
function pathsOf(node: unknown, at: (string | number)[] = []): (string | number)[][] {
  const paths = [at, [...at, 'missing'], [...at, 7]];
  if (isMap(node)) for (const pair of node.items) paths.push(...pathsOf(pair.value, [...at, String((pair.key as { value: unknown }).value)]));
  if (isSeq(node)) node.items.forEach((item, k) => paths.push(...pathsOf(item, [...at, k])));
  return paths;
}

/** Undefined when left to the library; else throws unless the value and every position are the library's. */
function readAsLibrary(text: string): PlainNode | undefined {
  const plain = readPlainYaml(text);
  if (plain === undefined) return undefined;
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  // Key order too: the value is what the schema validates and what later code iterates.
  expect(JSON.stringify(plain.value)).toBe(JSON.stringify(doc.toJS()));
  expect(plain.value).toStrictEqual(doc.toJS());
  for (const at of pathsOf(doc.contents)) expect([at, plainNodeAt(plain, at).offset]).toEqual([at, libraryNodeAt(doc.contents, at)?.range?.[0] ?? 0]);
  return plain;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'mlc-plain-yaml-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readPlainYaml', () => {
  it.each(CASES.map((text) => [JSON.stringify(text), text]))('%s: read as the yaml library reads it, or left to it', (_, text) => {
    readAsLibrary(text);
  });

  it('leaves what it does not read itself to the library', () => {
    for (const text of ['a: 007\n', 'a: &x 1\n', 'a: |\n  x\n', 'a: b\n  c\n', 'a: 1\na: 2\n', 'a: "q\\"x"\n', 'a: [x, ]\n', 'k: v\r\n', 'a:\n- x\n']) {
      expect(readPlainYaml(text)).toBeUndefined();
    }
  });

  it('reads every YAML file of the example project, the template and a generated benchmark project', () => {
    const generated = path.join(work, 'bench');
    const generator = spawnSync(process.execPath, [path.join(REPO, 'bench/compile/generate.js'), generated, '40'], { encoding: 'utf8' });
    expect(generator.status, generator.stderr).toBe(0);
    const files = [
      ...['mlc.yml', 'models', 'monitors'].flatMap((entry) => yamlFiles(REPO, entry)),
      ...['mlc.yml', 'models', 'monitors'].flatMap((entry) => yamlFiles(path.join(REPO, 'project-template'), entry)),
      ...['mlc.yml', 'models'].flatMap((entry) => yamlFiles(generated, entry)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) expect(readAsLibrary(readFileSync(file, 'utf8')), file).toBeDefined();
  });
});

function yamlFiles(root: string, entry: string): string[] {
  const at = path.join(root, entry);
  return entry.endsWith('.yml') ? [at] : readdirSync(at).filter((f) => f.endsWith('.yml')).map((f) => path.join(at, f));
}
