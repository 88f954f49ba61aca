// Docs site on the 5,000-feature synthetic project (bench/compile/generate.js):
// build = a fresh `mlc docs build` process (compile + layout + write, no warehouse yet);
// open = headless Chromium loading the site from disk until every node is drawn.
// Targets: build <= 5 s, open <= 3 s. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { generateProject } from '../compile/generate.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FEATURES = 5000;
const RUNS = 3;
const TARGET_BUILD_MS = 5000;
const TARGET_OPEN_MS = 3000;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** CPU time of waited-for children, from /proc (Linux). */
function childrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-bench-docs-'));
try {
  generateProject(dir, FEATURES);
  const build = { wall: [], cpu: [] };
  let nodes = 0;
  for (let run = 0; run < RUNS; run++) {
    rmSync(path.join(dir, 'site'), { recursive: true, force: true });
    const cpu = childrenCpuMs();
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/mlc.js'), 'docs', 'build', '--out', 'site'], { cwd: dir, encoding: 'utf8' });
    build.wall.push(performance.now() - started);
    build.cpu.push(childrenCpuMs() - cpu);
    if (result.status !== 0) throw new Error(`mlc docs build failed:\n${result.stderr}`);
    nodes = Number(/docs for (\d+) nodes/.exec(result.stdout)?.[1]);
  }
  const size = (name) => statSync(path.join(dir, 'site', name)).size;

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const open = { wall: [], script: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const started = performance.now();
      await page.goto(pathToFileURL(path.join(dir, 'site/index.html')).href);
      await page.waitForFunction((n) => document.querySelectorAll('g.node').length === n, nodes);
      // One frame, so layout and paint of the drawn graph are counted.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
      open.wall.push(performance.now() - started);
      const { metrics } = await cdp.send('Performance.getMetrics');
      open.script.push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000);
      await page.close();
    }
  } finally {
    await browser.close();
  }

  console.log(`docs site, ${nodes} nodes (${FEATURES} features), median of ${RUNS} runs`);
  console.log(`  site size: data.js ${(size('data.js') / 1e6).toFixed(1)} MB, app.js ${(size('app.js') / 1e3).toFixed(0)} kB`);
  console.log(`  build: wall ${median(build.wall).toFixed(0)} ms, cpu ${median(build.cpu).toFixed(0)} ms (runs: ${build.wall.map((v) => v.toFixed(0)).join(', ')}) — ${(median(build.wall) / TARGET_BUILD_MS).toFixed(2)}x the ${TARGET_BUILD_MS} ms target`);
  console.log(`  open:  wall ${median(open.wall).toFixed(0)} ms, page script ${median(open.script).toFixed(0)} ms (runs: ${open.wall.map((v) => v.toFixed(0)).join(', ')}) — ${(median(open.wall) / TARGET_OPEN_MS).toFixed(2)}x the ${TARGET_OPEN_MS} ms target`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
