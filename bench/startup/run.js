// Start-up of the shipped CLI (bin/mlc.js, which loads the bundle in dist/bundle/) against
// the same CLI loaded module by module from dist/ as tsc emits it: `mlc --help`, `mlc ls` on
// the example project at the repository root, and a cold `mlc compile` of a generated
// 5,000-feature project (a fresh copy per run, no compiled/ or .mlc/). The two are run in
// turn, each run a fresh process; an empty script is Node's own start-up. Also times the bundle
// step (scripts/bundle.js). Target: cold compile of 5,000 features <= 1,500 ms wall.
// Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from '../compile/generate.js';
import { settle } from '../settle.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 7;
const TARGET_COLD_MS = 1500;

const BUNDLED = [path.join(REPO, 'bin/mlc.js')];
const UNBUNDLED = [path.join(REPO, 'scripts/mlc-unbundled.js')];

// Scratch space, and the compile's project copies, made ahead and removed at the end: deleting
// thousands of files just before a timed run slows creating the next run's compiled/ on some
// file systems (see bench/compile).
const work = path.join(os.tmpdir(), 'mlc-bench-startup');
rmSync(work, { recursive: true, force: true });
mkdirSync(work);
writeFileSync(path.join(work, 'empty.js'), '');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const MEASURE = path.join(REPO, 'bench/run/measure.js');
let measured = 0;

/** One fresh process: its wall time seen from here, its CPU time (all threads) from bench/run/measure.js. */
function timeOnce(args, cwd) {
  const out = path.join(work, `cpu-${measured++}.json`);
  settle();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [MEASURE, out, ...args], { cwd, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
  return { wall, cpu: JSON.parse(readFileSync(out, 'utf8')).cpuMs };
}

/** Runs each variant's command RUNS times, in turn; `cwdOf(run, variant)` gives each run its folder. */
function compare(label, variants, args, cwdOf) {
  const figures = variants.map(() => ({ wall: [], cpu: [] }));
  for (let run = 0; run < RUNS; run++) {
    variants.forEach((variant, k) => {
      const { wall, cpu } = timeOnce([...variant.command, ...args], cwdOf(run, k));
      figures[k].wall.push(wall);
      figures[k].cpu.push(cpu);
    });
  }
  console.log(label);
  variants.forEach((variant, k) => {
    const wall = median(figures[k].wall);
    const ratio = k === 0 ? '' : `, ${(wall / median(figures[0].wall)).toFixed(2)}x of ${variants[0].name}`;
    console.log(`  ${variant.name.padEnd(10)} wall ${wall.toFixed(0).padStart(5)} ms  CPU ${median(figures[k].cpu).toFixed(0).padStart(5)} ms${ratio}`);
  });
  return figures.map((f) => median(f.wall));
}

const variants = [
  { name: 'unbundled', command: UNBUNDLED },
  { name: 'bundled', command: BUNDLED },
];
const atRoot = () => REPO;

console.log(`medians of ${RUNS} fresh processes`);
compare('Node start-up (an empty script)', [{ name: 'node', command: [path.join(work, 'empty.js')] }], [], atRoot);
compare('mlc --help', variants, ['--help'], atRoot);
compare('mlc ls (example project)', variants, ['ls'], atRoot);

const project = path.join(work, 'project');
generateProject(project, 5000);
const copy = (run, k) => path.join(work, `run-${run}-${k}`);
for (let run = 0; run < RUNS; run++) variants.forEach((_, k) => cpSync(project, copy(run, k), { recursive: true }));
const [, coldBundled] = compare('cold mlc compile, 5,000 features', variants, ['compile'], copy);
console.log(`  bundled against the target (${TARGET_COLD_MS} ms): ratio ${(coldBundled / TARGET_COLD_MS).toFixed(2)}`);

// The bundle step rewrites dist/bundle/ with the same files: safe to repeat.
const builds = [];
for (let run = 0; run < 3; run++) builds.push(timeOnce([path.join(REPO, 'scripts/bundle.js')], REPO).wall);
console.log(`bundle step (node scripts/bundle.js): ${median(builds).toFixed(0)} ms wall, median of 3`);
