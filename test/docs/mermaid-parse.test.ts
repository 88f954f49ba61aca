/**
 * `mlc graph --format mermaid` parsed by Mermaid itself: its browser bundle, loaded into
 * headless Chromium (Mermaid's parser needs a DOM), with and without column lineage.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { copyExample, mlc } from '../support/cli.js';

const MERMAID = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function mermaidParse(text: string): Promise<{ ok: boolean; type?: string; error?: string }> {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: readFileSync(MERMAID, 'utf8') });
    return await page.evaluate(async (chart) => {
      const mermaid = (globalThis as unknown as { mermaid: { initialize(o: object): void; parse(t: string): Promise<{ diagramType: string }> } }).mermaid;
      mermaid.initialize({ startOnLoad: false });
      try {
        return { ok: true, type: (await mermaid.parse(chart)).diagramType };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    }, text);
  } finally {
    await page.close();
  }
}

test('Mermaid parses the graph of the example, with and without column lineage, and rejects a broken chart', async () => {
  const dir = copyExample();
  const chart = mlc(['graph', '--format', 'mermaid'], dir);
  expect(chart.status, chart.stderr).toBe(0);
  expect(await mermaidParse(chart.stdout)).toEqual({ ok: true, type: 'flowchart-v2' });
  const columns = mlc(['graph', '--format', 'mermaid', '--columns'], dir);
  expect(await mermaidParse(columns.stdout)).toMatchObject({ ok: true });
  expect(await mermaidParse(chart.stdout.replace('-->', '--> -->'))).toMatchObject({ ok: false });
});
