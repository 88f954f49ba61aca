import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, mlc, REPO } from '../support/cli.js';

const ARTIFACTS = path.join(REPO, 'test/.artifacts/docs');

let dir: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  dir = copyExample();
  const feature = path.join(dir, 'features/customer_features.sql');
  writeFileSync(feature, readFileSync(feature, 'utf8').replace('-- tags: [customer]\n', '-- tags: [customer]\n-- tests: { customer_id: [unique, not_null] }\n'));
  const ran = mlc(['run'], dir);
  expect(ran.status, ran.stderr).toBe(0);
  const compiled = mlc(['compile'], dir);
  expect(compiled.status, compiled.stderr).toBe(0);
  const built = mlc(['docs', 'build', '--out', 'site'], dir);
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).not.toContain('warehouse not read');
  expect(built.stdout).toMatch(/^docs for \d+ nodes written to site in/);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(path.join(dir, 'site/index.html')).href);
});

afterAll(async () => {
  await browser?.close();
});

describe('the docs site of the root example', () => {
  it('loads from disk without errors or network requests and draws every node', async () => {
    const ids = await page.locator('g.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'compiled/manifest.json'), 'utf8')) as { nodes: { id: string }[]; edges: unknown[] };
    expect(ids.sort()).toEqual(manifest.nodes.map((n) => n.id).sort());
    expect(await page.locator('path.edge').count()).toBe(manifest.edges.length);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'graph.png') });
  });

  it('highlights the nodes a search matches', async () => {
    await page.fill('#search', 'features_v2');
    const matched = await page.locator('g.node.match').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
    expect(matched).toEqual(['feature.customer_features_v2']);
    const dimmed = await page.locator('g.node[data-id="feature.customer_features"]').evaluate((n) => getComputedStyle(n).opacity);
    expect(Number(dimmed)).toBeLessThan(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'search.png') });
    await page.fill('#search', '');
    expect(await page.locator('g.node.match').count()).toBe(0);
  });

  it('opens a node with its SQL, columns, tests, fingerprint and last build', async () => {
    await page.click('g.node[data-id="feature.customer_features"]');
    const panel = page.locator('#panel');
    await expect.poll(() => panel.locator('h2').textContent()).toContain('customer_features');
    const text = await panel.textContent();
    expect(text).toContain('feature_store.customer_features');
    expect(text).toContain('days_since_last_order');
    expect(await panel.locator('pre.sql').textContent()).toMatch(/FROM orders/i);
    expect(text).toMatch(/fingerprint[0-9a-f]{16}/);
    expect(text).toMatch(/rows600/);
    expect(await panel.locator('ul.tests li').allTextContents()).toEqual(['customer_id unique', 'customer_id not_null']);
  });

  it('follows a column upstream and downstream', async () => {
    await page.click('#panel a.column:text-is("total_spend")');
    const panel = page.locator('#panel');
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Column total_spend');
    const links = await panel.locator('li a').allTextContents();
    expect(links).toContain('source.orders:amount');
    expect(links).toContain('dataset.training_data:high_value_customer');
    expect(await page.locator('g.node.lineage').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows the model card with metrics, importance, confusion matrix and ROC curve', async () => {
    await page.click('g.node[data-id="model.customer_classification"]');
    const card = page.locator('#panel .model-card');
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text).toContain('Champion: v1');
    expect(await card.locator('table.versions th').allTextContents()).toEqual(expect.arrayContaining(['auc_roc', 'accuracy', 'f1_score']));
    expect(await card.locator('table.versions td').allTextContents()).toContain('CHAMPION');
    expect(text).toContain('Feature importance');
    expect(text).toContain('total_spend');
    expect(await card.locator('table.confusion td').count()).toBe(4);
    const roc = (await card.locator('path.roc-curve').getAttribute('d')) ?? '';
    expect(roc.split('L').length).toBeGreaterThan(2);
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'model-card.png') });
  });

  it('charts the monitor history: its metrics, and each drift method over time with its threshold', async () => {
    await page.click('g.node[data-id="monitor.customer_classification"]');
    await expect.poll(() => page.locator('#panel .monitor figcaption').allTextContents()).toEqual(expect.arrayContaining(['accuracy', 'auc_roc']));
    expect(await page.locator('#panel .drift figcaption').allTextContents()).toEqual(['drift: ks', 'drift: mean_shift', 'drift: psi']);
    const psi = page.locator('#panel .drift figure').filter({ hasText: 'drift: psi' });
    await expect(psi.locator('text', { hasText: 'total_spend' }).count()).resolves.toBe(1);
    await expect(psi.locator('text', { hasText: 'threshold 0.2' }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'monitor.png') });
  });
});

describe('mlc docs serve', () => {
  it('serves the site on 127.0.0.1 until stopped', async () => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/mlc.js'), 'docs', 'serve', '--port', '0', '--out', 'served'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`docs serve exited ${code}: ${out}`)));
      });
      const index = await fetch(url);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toContain('<script src="app.js"></script>');
      expect((await fetch(`${url}data.js`)).status).toBe(200);
      expect((await fetch(`${url}..%2F..%2Fmlc.yml`)).status).not.toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
    expect(code).toBe(0);
  });
});
