/**
 * bench/run: `mlc run` on a 200-node project over a 1M-row source, against the same
 * compiled statements executed by a bare @duckdb/node-api script (bare.js), in the same
 * order, one connection, fresh database each time. Targets: mlc ≤ 1.15× bare; a no-change
 * re-run under 1 s; two independent heavy nodes overlap in time with --threads 2.
 * Environment: BENCH_RUNS (default 3), BENCH_ROWS (default 1000000).
 */

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from './project.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const mlcBin = path.join(repo, 'bin/mlc.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const env = { ...process.env, NO_COLOR: '1', CI: 'true' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${Math.round(value)} ms`;

/** Wall and CPU time (all threads) of one Node script run as a child process. */
function measure(script, args, cwd) {
  const out = path.join(dir, `.cpu-${process.pid}.json`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(here, 'measure.js'), out, script, ...args], { cwd, env, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout.slice(-2000)}`);
  const { cpuMs } = JSON.parse(readFileSync(out, 'utf8'));
  return { wallMs, cpuMs, stdout: result.stdout };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-bench-run-'));
console.log(`generating ${rows.toLocaleString('en')} rows and 200 nodes in ${dir}`);
await generateProject(dir, { rows, nodes: 200 });
const compile = spawnSync(process.execPath, [mlcBin, 'compile'], { cwd: dir, env, encoding: 'utf8' });
if (compile.status !== 0) throw new Error(compile.stderr);

const bareDb = path.join(dir, 'bare.duckdb');
const mlcDb = path.join(dir, '.mlc/warehouse.duckdb');
const fresh = (file) => rmSync(file, { force: true }) ?? rmSync(`${file}.wal`, { force: true });
const bare = [];
const full = [];
// Interleaved, so both see the same load on a shared machine.
for (let i = 0; i < runs; i++) {
  fresh(bareDb);
  bare.push(measure(path.join(here, 'bare.js'), [dir, bareDb], dir));
  fresh(mlcDb);
  rmSync(path.join(dir, '.mlc/source-hashes.json'), { force: true });
  full.push(measure(mlcBin, ['run', '--quiet', '--threads', '1'], dir));
  console.log(`  run ${i + 1}: bare ${ms(bare[i].wallMs)} wall ${ms(bare[i].cpuMs)} CPU; mlc ${ms(full[i].wallMs)} wall ${ms(full[i].cpuMs)} CPU`);
}

const rerun = [];
for (let i = 0; i < 5; i++) {
  const m = measure(mlcBin, ['run', '--json'], dir);
  const end = JSON.parse(m.stdout.trim().split('\n').pop());
  if (end.counts.unchanged !== 200) throw new Error(`the re-run was not a no-change run: ${JSON.stringify(end.counts)}`);
  rerun.push({ ...m, runMs: end.durationMs });
}

/** Two independent heavy nodes with --threads 2: when each started and finished, from the events. */
function overlapRun() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mlcBin, 'run', '--json', '--threads', '2', '--full-refresh', '--select', 'agg_000 agg_001'], { cwd: dir, env });
    const t0 = performance.now();
    const times = {};
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line);
        if (event.type !== 'node_start' && event.type !== 'node_finish') continue;
        times[event.id] ??= {};
        times[event.id][event.type === 'node_start' ? 'start' : 'finish'] = performance.now() - t0;
      }
    });
    child.on('close', (code) => (code === 0 ? resolve(times) : reject(new Error(`overlap run exited ${code}`))));
  });
}
const overlaps = [];
for (let i = 0; i < 3; i++) {
  const times = await overlapRun();
  const [a, b] = Object.values(times);
  overlaps.push({ overlapMs: Math.min(a.finish, b.finish) - Math.max(a.start, b.start), a, b });
}

const bareWall = median(bare.map((m) => m.wallMs));
const bareCpu = median(bare.map((m) => m.cpuMs));
const mlcWall = median(full.map((m) => m.wallMs));
const mlcCpu = median(full.map((m) => m.cpuMs));
const rerunWall = median(rerun.map((m) => m.wallMs));
const overlap = median(overlaps.map((o) => o.overlapMs));
console.log(`
full build, 200 nodes, ${rows.toLocaleString('en')} source rows, --threads 1 (median of ${runs}):
  bare @duckdb/node-api: ${ms(bareWall)} wall, ${ms(bareCpu)} CPU
  mlc run:               ${ms(mlcWall)} wall, ${ms(mlcCpu)} CPU
  ratio mlc/bare:        ${(mlcWall / bareWall).toFixed(3)} wall, ${(mlcCpu / bareCpu).toFixed(3)} CPU   (target ≤ 1.15)
no-change re-run (median of 5):
  process ${ms(rerunWall)} wall, ${ms(median(rerun.map((m) => m.cpuMs)))} CPU; the run itself ${ms(median(rerun.map((m) => m.runMs)))}
  ratio to target 1 s:   ${(rerunWall / 1000).toFixed(3)} wall
--threads 2, agg_000 and agg_001 (median of 3):
  overlap ${ms(overlap)} (positive: both built at once); e.g. ${overlaps
    .map((o) => `[${ms(o.a.start)}–${ms(o.a.finish)}] vs [${ms(o.b.start)}–${ms(o.b.finish)}]`)
    .join(', ')}`);
rmSync(dir, { recursive: true, force: true });
