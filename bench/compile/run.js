// Compile speed on generated projects of 500 and 5,000 feature nodes (see generate.js).
// Cold: a fresh `node bin/mlc.js compile` process, compiled/ and .mlc/ removed first; then
// again with .mlc/'s per-file result cache kept (compiled/ still removed, so every file is written).
// Floor: creating the same files of compiled/ in an empty folder, in-process (what a cold
// compile's writes cost on this file system; compiling adds to it).
// Incremental: in-process, the way watch mode works: Workspace.update([file]) + compile()
// + writing what changed, but for the manifest, which watch mode writes after the run (its
// cost is printed apart). Baseline: a process that reads and sha256s every project file.
// Targets: cold 5,000 nodes <= 1,500 ms wall, incremental <= 20 ms. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE } from '../../dist/compile/compile.js';
import { writeCompiled } from '../../dist/compile/files.js';
import { Workspace } from '../../dist/compile/workspace.js';
import { settle } from '../settle.js';
import { generateProject } from './generate.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SIZES = [500, 5000];
const COLD_RUNS = 5;
const INCREMENTAL_RUNS = 15;
const TARGET_COLD_MS = 1500;
const TARGET_INCREMENTAL_MS = 20;

// Folders a run must not find are moved here and deleted when the benchmark ends. Deleting
// thousands of files just before a timed run makes ext4 (without a journal, as on this VM) scan
// the recently freed inodes on every file it creates next, which multiplies the cost of writing
// compiled/ several times; a fresh clone has deleted nothing.
const TRASH = path.join(os.tmpdir(), 'mlc-bench-compile-trash');
let trashed = 0;
rmSync(TRASH, { recursive: true, force: true });
process.on('exit', () => rmSync(TRASH, { recursive: true, force: true }));
function moveAside(target) {
  mkdirSync(TRASH, { recursive: true });
  try {
    renameSync(target, path.join(TRASH, String(trashed++)));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values) => values.map((v) => v.toFixed(0)).join(', ');

/** CPU time of waited-for children, from /proc (Linux); undefined elsewhere. */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return (ticks * 1000) / 100;
  } catch {
    return undefined;
  }
}

function timeProcess(args, cwd, before) {
  const wall = [];
  const cpu = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    before?.();
    settle();
    const startCpu = childrenCpuMs();
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (startCpu !== undefined) cpu.push(childrenCpuMs() - startCpu);
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  }
  return { wall, cpu };
}

/** The file system's share of a cold compile: creating every file of compiled/ (in-process, no compiling). */
function createFiles(dir) {
  const files = [];
  for (const entry of readdirSync(path.join(dir, 'compiled'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  const contents = files.map((file) => readFileSync(path.join(dir, file), 'utf8'));
  const wall = [];
  const cpu = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const target = path.join(os.tmpdir(), `mlc-bench-create-${run}`);
    moveAside(target);
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const dirName of new Set(files.map((f) => path.dirname(f)))) mkdirSync(path.join(target, dirName), { recursive: true });
    files.forEach((file, k) => writeFileSync(path.join(target, file), contents[k]));
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
    moveAside(target);
  }
  return { wall, cpu };
}

async function incremental(dir) {
  const workspace = await Workspace.open(dir);
  const first = workspace.compile().output;
  await writeCompiled(dir, first.files);
  // As watch mode does: the statement files before the run, the manifest after it (timed apart below).
  let previous = first.statementFiles;
  let last = first;
  const file = 'features/f_42.sql';
  const original = readFileSync(path.join(dir, file), 'utf8');
  const wall = [];
  const cpu = [];
  for (let run = 0; run < INCREMENTAL_RUNS; run++) {
    writeFileSync(path.join(dir, file), original.replace('> 3 THEN', `> ${4 + run} THEN`));
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    workspace.update([file]);
    const result = workspace.compile();
    if (!result.output) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
    const written = await writeCompiled(dir, result.output.statementFiles, previous);
    if (written.length === 0) throw new Error('the change wrote nothing');
    previous = result.output.statementFiles;
    last = result.output;
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  const manifestCpu = process.cpuUsage();
  writeFileSync(path.join(dir, MANIFEST_FILE), last.files.get(MANIFEST_FILE));
  const manifestUsed = process.cpuUsage(manifestCpu);
  // The patched output must be byte for byte what compiling the same files afresh gives.
  const fresh = (await Workspace.open(dir)).compile().output.files;
  const differing = [...fresh].filter(([name, content]) => last.files.get(name) !== content).map(([name]) => name);
  if (differing.length > 0 || fresh.size !== last.files.size) throw new Error(`incremental output differs from a fresh compile: ${differing.slice(0, 5).join(', ')}`);
  writeFileSync(path.join(dir, file), original);
  return { wall, cpu, manifestCpu: (manifestUsed.user + manifestUsed.system) / 1000 };
}

function report(label, figures, target, baseline) {
  for (const kind of ['wall', 'cpu']) {
    const values = figures[kind];
    if (values.length === 0) continue;
    const m = median(values);
    const parts = [`${label} ${kind} median ${m.toFixed(1)} ms (runs: ${fmt(values)})`];
    if (target) parts.push(`target ${target} ms, ratio ${(m / target).toFixed(2)}`);
    if (baseline?.[kind]?.length) parts.push(`vs read+hash ${(m / median(baseline[kind])).toFixed(1)}x`);
    console.log(`  ${parts.join('; ')}`);
  }
}

const cli = path.join(REPO, 'bin', 'mlc.js');
for (const size of SIZES) {
  const dir = path.join(os.tmpdir(), `mlc-bench-compile-${size}`);
  const files = generateProject(dir, size);
  console.log(`compile: ${size} features, ${files.length} project files`);
  const removeCompiled = () => moveAside(path.join(dir, 'compiled'));
  const clean = () => {
    removeCompiled();
    moveAside(path.join(dir, '.mlc'));
  };
  const hashing = timeProcess([path.join(REPO, 'bench/compile/hash-files.js'), dir], dir);
  report('read+hash', hashing);
  const cold = timeProcess([cli, 'compile'], dir, clean);
  report('cold compile', cold, size === 5000 ? TARGET_COLD_MS : undefined, hashing);
  const cached = timeProcess([cli, 'compile'], dir, removeCompiled);
  report('cold compile, result cache kept', cached, size === 5000 ? TARGET_COLD_MS : undefined, hashing);
  report('creating compiled/ files (floor)', createFiles(dir), undefined, hashing);
  const noop = timeProcess([cli, 'compile'], dir);
  report('compile, nothing changed', noop, undefined, hashing);
  const edits = await incremental(dir);
  report('incremental (one file)', edits, TARGET_INCREMENTAL_MS);
  console.log(`  then compiled/manifest.json, written after the run in watch mode: ${edits.manifestCpu.toFixed(1)} ms CPU`);
  // Deleted with the rest at the end, not before the next size's timed runs.
  moveAside(dir);
}
