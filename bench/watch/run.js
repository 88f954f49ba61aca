// Watch mode speed, through the real chokidar watcher in-process (WatchSession from dist/).
// 1. Example project: from writing a feature file to the node_finish event of that node
//    (its table rebuilt and committed). Target: <= 300 ms median.
// 2. 5,000-feature synthetic project (bench/compile/generate.js): the recompile part of an
//    edit, as watch_change.durationMs reports it (re-read the file, compile, diff the
//    fingerprints, write compiled/ but the manifest, which is written after the run).
//    Target: <= 20 ms median. Also printed: the time to the rebuild's first node_start (what
//    the user waits on, planning included) and the CPU of a whole save, manifest included.
// Prints wall and CPU (process.cpuUsage, every thread of the process) medians. Run
// `npm run build` first.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '../../dist/run/runners.js';
import { WatchSession } from '../../dist/watch/index.js';
import { generateProject } from '../compile/generate.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 9;
const TARGET_SAVE_TO_TABLE_MS = 300;
const TARGET_RECOMPILE_MS = 20;
const TIMEOUT_MS = 120_000;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values) => values.map((v) => v.toFixed(0)).join(', ');
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Collects a session's events and waits for the next one that matches. */
class Events {
  events = [];
  waiters = [];
  listener = (event) => {
    this.events.push(event);
    for (const waiter of this.waiters.splice(0)) waiter();
  };

  /** Marks the current end of the stream; `after` then searches only newer events. */
  mark() {
    return this.events.length;
  }

  /** The first event after `mark` that matches. */
  async after(mark, match, what) {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const found = this.events.slice(mark).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function report(label, values, target) {
  const m = median(values);
  const ratio = target ? `; target ${target} ms, ratio ${(m / target).toFixed(2)}` : '';
  console.log(`  ${label}: median ${m.toFixed(1)} ms (runs: ${fmt(values)})${ratio}`);
}

/** Saves `file` RUNS times with a new value and times the session's answer to each save. */
async function edits(session, events, file, edit, { startOf, finishOf } = {}) {
  const original = readFileSync(path.join(session.root, file), 'utf8');
  const figures = { toChange: [], recompile: [], toStart: [], toFinish: [], toFinishCpu: [], toEnd: [], cpuPerSave: [] };
  for (let run = 0; run < RUNS; run++) {
    const mark = events.mark();
    const cpu = process.cpuUsage();
    const start = performance.now();
    writeFileSync(path.join(session.root, file), edit(original, run));
    const change = await events.after(mark, (e) => e.type === 'watch_change' || e.type === 'watch_error', `the change of ${file}`);
    if (change.type === 'watch_error') throw new Error(JSON.stringify(change).slice(0, 500));
    figures.toChange.push(performance.now() - start);
    figures.recompile.push(change.durationMs);
    if (startOf) {
      await events.after(mark, (e) => e.type === 'node_start' && e.id === startOf, `node_start of ${startOf}`);
      figures.toStart.push(performance.now() - start);
    }
    if (finishOf) {
      await events.after(mark, (e) => e.type === 'node_finish' && e.id === finishOf, `node_finish of ${finishOf}`);
      figures.toFinish.push(performance.now() - start);
      figures.toFinishCpu.push(cpuMs(cpu));
    }
    await events.after(mark, (e) => e.type === 'run_end', 'the end of the run');
    figures.toEnd.push(performance.now() - start);
    // The manifest is written right after the run: let it finish so the save's whole CPU cost is counted.
    await new Promise((resolve) => setTimeout(resolve, 100));
    figures.cpuPerSave.push(cpuMs(cpu));
  }
  writeFileSync(path.join(session.root, file), original);
  return figures;
}

async function example() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-bench-watch-'));
  for (const entry of ['mlc.yml', 'features', 'models', 'monitors', 'data']) cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  const events = new Events();
  const session = await WatchSession.start({ root: dir, listener: events.listener, runNode });
  try {
    const first = await events.after(0, (e) => e.type === 'run_end', 'the first run');
    console.log(`example project: first run ${first.status} in ${first.durationMs.toFixed(0)} ms (${first.counts.built} built)`);
    const leaf = await edits(session, events, 'features/customer_features_v2.sql', (text, run) => text.replace('as transactions_per_month', `as transactions_per_month,\n${run} as marker`), { finishOf: 'feature.customer_features_v2' });
    console.log('  edit features/customer_features_v2.sql (no descendants):');
    report('save -> node_finish, wall', leaf.toFinish, TARGET_SAVE_TO_TABLE_MS);
    report('save -> node_finish, CPU', leaf.toFinishCpu);
    report('save -> watch_change (watcher + 40 ms debounce + recompile)', leaf.toChange);
    report('recompile', leaf.recompile);
    const root = await edits(session, events, 'features/customer_features.sql', (text, run) => text.replace('as unique_categories_purchased', `as unique_categories_purchased,\n${run} as marker`), { finishOf: 'feature.customer_features' });
    console.log('  edit features/customer_features.sql (5 descendants, the model retrains):');
    report('save -> node_finish of customer_features, wall', root.toFinish, TARGET_SAVE_TO_TABLE_MS);
    report('save -> node_finish of customer_features, CPU', root.toFinishCpu);
    report('save -> run_end (whole affected subgraph)', root.toEnd);
  } finally {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function synthetic(size) {
  const dir = path.join(os.tmpdir(), `mlc-bench-watch-${size}`);
  generateProject(dir, size);
  const events = new Events();
  const opened = performance.now();
  // Only f_42 runs: the figure here is the recompile, not the warehouse.
  const session = await WatchSession.start({ root: dir, select: 'f_42', listener: events.listener, runNode });
  try {
    await events.after(0, (e) => e.type === 'run_end' || e.type === 'watch_error', 'the first compile and run');
    console.log(`synthetic project: ${size} features, watching and first compile + run in ${(performance.now() - opened).toFixed(0)} ms`);
    const figures = await edits(session, events, 'features/f_42.sql', (text, run) => text.replace('> 3 THEN', `> ${4 + run} THEN`), { startOf: 'feature.f_42' });
    report('recompile of one saved file (watch_change.durationMs)', figures.recompile, TARGET_RECOMPILE_MS);
    report('save -> watch_change (watcher + 40 ms debounce + recompile)', figures.toChange);
    report('save -> node_start of f_42 (and planning the run)', figures.toStart);
    report('save -> run_end (f_42 alone: it fails fast, its parents are not built)', figures.toEnd);
    report('CPU per save, all of it (recompile, run, then compiled/manifest.json)', figures.cpuPerSave);
  } finally {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await example();
await synthetic(5000);
