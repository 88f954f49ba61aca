/**
 * The shipped `mlc`: bin/mlc.js loads the bundle in dist/bundle/ (scripts/bundle.js, run by
 * the global setup). Installed as npm packs it, with nothing of dist/ but the bundle, it must
 * run its commands from the bundle alone and write what the CLI loaded module by module from
 * dist/ writes. Every module a run loads is recorded by a module hook, worker threads' too.
 */

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO } from '../support/cli.js';

const UNBUNDLED = path.join(REPO, 'scripts/mlc-unbundled.js');
const RECORD_MODULES = pathToFileURL(path.join(REPO, 'test/support/loaded-modules.mjs')).href;
/** Chunks and packages only some commands load: the embedded target, the learners, the Ink UI, the Snowflake driver. */
const LAZY = /\/(duckdb|ml|ink-reporter)-[\w-]+\.js$|\/node_modules\/(ink|react|snowflake-sdk)\//;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The URLs of the modules the process and its workers loaded. */
  loaded: string[];
}

let work: string;
let installed: string;
let runs = 0;

/** The files `npm pack` would publish, copied next to a link to this repository's node_modules. */
function install(dir: string): void {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
  const files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files;
  for (const file of files) cpSync(path.join(REPO, file.path), path.join(dir, file.path));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
}

function run(bin: string, args: string[], cwd: string): Run {
  const log = path.join(work, `loaded-${runs++}.txt`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', RECORD_MODULES, bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true', MLC_LOADED_LOG: log },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, loaded: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const bundled = (args: string[], cwd: string): Run => run(path.join(installed, 'bin/mlc.js'), args, cwd);
const unbundled = (args: string[], cwd: string): Run => run(UNBUNDLED, args, cwd);

/** Loaded modules that are neither built in, nor a dependency, nor the installed bin and bundle. */
function outsideBundle(loaded: string[]): string[] {
  const ours = ['bin/', 'dist/bundle/'].map((dir) => pathToFileURL(path.join(installed, dir)).href);
  return loaded.filter((url) => !url.startsWith('node:') && !url.includes('/node_modules/') && !ours.some((prefix) => url.startsWith(prefix)));
}

/** Every file under dir/compiled, by relative path. */
function compiledFiles(dir: string): Map<string, string> {
  const root = path.join(dir, 'compiled');
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(root, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return files;
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'mlc-bundle-'));
  installed = path.join(work, 'installed');
  install(installed);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the bundled mlc, installed as npm packs it', () => {
  test('the package ships the bundle and none of the rest of dist/', () => {
    expect(readdirSync(path.join(installed, 'dist'))).toEqual(['bundle']);
    expect(readdirSync(path.join(installed, 'dist/bundle'))).toEqual(expect.arrayContaining(['translate-worker.js', 'write-worker.js']));
  });

  test('--version prints the package version, loading only the bundle', () => {
    const result = bundled(['--version'], work);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    expect(result.loaded).toContain(pathToFileURL(path.join(installed, 'dist/bundle/main.js')).href);
    expect(outsideBundle(result.loaded)).toEqual([]);
  });

  test('init, compile, ls and run work in a new project as unbundled, without loading what compile does not use', () => {
    const init = bundled(['init', 'bundled'], work);
    expect(init.status).toBe(0);
    expect(unbundled(['init', 'unbundled'], work).status).toBe(0);
    const bundledDir = path.join(work, 'bundled');
    const unbundledDir = path.join(work, 'unbundled');

    const compile = bundled(['compile'], bundledDir);
    expect(compile.stderr).not.toContain('error');
    expect(compile.status).toBe(0);
    expect(unbundled(['compile'], unbundledDir).status).toBe(0);
    expect(compiledFiles(bundledDir)).toEqual(compiledFiles(unbundledDir));
    expect(compile.loaded.filter((url) => LAZY.test(url))).toEqual([]);

    const ls = bundled(['ls'], bundledDir);
    expect(ls.status).toBe(0);
    expect(ls.stdout).toBe(unbundled(['ls'], unbundledDir).stdout);

    const execution = bundled(['run'], bundledDir);
    expect(execution.stderr).not.toContain('error');
    expect(execution.status).toBe(0);
    expect(execution.stdout).toMatch(/run succeeded: \d+ built, 0 unchanged, 0 skipped, 0 failed/);
    // The same pattern finds what running loads: the check above is not vacuous.
    expect(execution.loaded.filter((url) => LAZY.test(url)).map((url) => path.basename(url).split('-')[0])).toEqual(expect.arrayContaining(['duckdb', 'ml']));
    for (const result of [init, compile, ls, execution]) expect(outsideBundle(result.loaded)).toEqual([]);
  });

  test('YAML that src/project/plain-yaml.ts leaves to the yaml library compiles, and its errors are located, as unbundled', () => {
    const dirs = ['library-bundled', 'library-unbundled'].map((name) => path.join(work, name));
    for (const dir of dirs) cpSync(path.join(REPO, 'project-template'), dir, { recursive: true });
    const model = (dir: string): string => path.join(dir, 'models/customer_classification.yml');
    const original = readFileSync(model(dirs[0]!), 'utf8');
    // A block scalar: valid YAML the fast reader does not read itself.
    const blockDescription = original.replace(/^description: .*$/m, 'description: |\n  Which customers become high-value.');
    expect(blockDescription).not.toBe(original);
    for (const dir of dirs) writeFileSync(model(dir), blockDescription);
    const compile = bundled(['compile'], dirs[0]!);
    expect(compile.stderr).not.toContain('error');
    expect(compile.status).toBe(0);
    expect(unbundled(['compile'], dirs[1]!).status).toBe(0);
    expect(compiledFiles(dirs[0]!)).toEqual(compiledFiles(dirs[1]!));

    for (const dir of dirs) writeFileSync(model(dir), original.replace(/^algorithm: .*$/m, 'algorithm: [oops'));
    const broken = bundled(['compile'], dirs[0]!);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^models\/customer_classification\.yml:\d+:\d+: error: YAML syntax error/m);
    expect(broken.stderr).toBe(unbundled(['compile'], dirs[1]!).stderr);
  });

  test('a first compile of 1,000 features translates and writes on workers, the same files as unbundled', () => {
    const project = path.join(work, 'generated');
    expect(spawnSync(process.execPath, [path.join(REPO, 'bench/compile/generate.js'), project, '1000']).status).toBe(0);
    const other = path.join(work, 'generated-unbundled');
    cpSync(project, other, { recursive: true });

    const compile = bundled(['compile'], project);
    expect(compile.status).toBe(0);
    for (const worker of ['translate-worker.js', 'write-worker.js']) expect(compile.loaded).toContain(pathToFileURL(path.join(installed, 'dist/bundle', worker)).href);
    expect(outsideBundle(compile.loaded)).toEqual([]);
    expect(unbundled(['compile'], other).status).toBe(0);
    const written = compiledFiles(project);
    expect(written.size).toBeGreaterThan(2000);
    expect(written).toEqual(compiledFiles(other));
  });
});
