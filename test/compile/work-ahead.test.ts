import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFeature } from '../../src/graph/analyze.js';
import { splitStatements } from '../../src/sql/statements.js';
import { translateToDuckDb } from '../../src/sql/translate/index.js';
import { analysisKey, entryLine, resultKey, storeAnalysis } from '../../src/compile/result-cache.js';
import { REPO } from '../support/cli.js';

// The worker runs from dist/ (built by the global setup): the sources have no worker script.
const { WorkAhead } = (await import(path.join(REPO, 'dist/compile/work-ahead.js'))) as typeof import('../../src/compile/work-ahead.js');

const FILES = 1100;
const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-ahead-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sql(k: number): string {
  return `-- description: feature ${k}\n\nSELECT customer_id, IFF(amount > ${k}, 1, 0) AS flag_${k}, DATEADD(day, -${k}, order_date) AS since\nFROM raw.orders\n`;
}

describe('the worker that shares a first compile', () => {
  mkdirSync(path.join(dir, 'features'));
  const files = Array.from({ length: FILES }, (_, k) => `features/f_${String(k).padStart(4, '0')}.sql`);
  files.forEach((file, k) => writeFileSync(path.join(dir, file), sql(k)));

  it('translates every file, analyzes files from the back until this thread meets it, and makes the same results', async () => {
    const ahead = WorkAhead.start(dir, files)!;
    expect(ahead).toBeDefined();
    const feature = (k: number): { file: string; text: string } => ({ file: files[k]!, text: sql(k) });
    const half = FILES / 2;
    try {
      // This thread claims the first half at once: the worker is still translating.
      for (let k = 0; k < half; k++) expect(ahead.analysis(files[k]!, analysisKey(feature(k)))).toBeUndefined();
      // Waits for the translations; then the worker turns to analyses from the last file on.
      const first = splitStatements(sql(0))[0]!.text;
      const translation = ahead.translation(first)!;
      expect(translation.value).toEqual(translateToDuckDb(first));
      expect(translation.line).toBe(entryLine(resultKey('translation', first), translation.value));
      await new Promise((resolve) => setTimeout(resolve, 500));

      const byWorker: number[] = [];
      for (let k = half; k < FILES; k++) {
        const key = analysisKey(feature(k));
        const made = ahead.analysis(files[k]!, key);
        if (!made) continue;
        byWorker.push(k);
        const expected = storeAnalysis(analyzeFeature(feature(k)));
        expect(made.value).toEqual(expected);
        expect(made.line).toBe(entryLine(key, expected));
      }
      // The worker's share is an unbroken run at the end of the list.
      expect(byWorker.length).toBeGreaterThan(0);
      expect(byWorker.at(-1)).toBe(FILES - 1);
      expect(byWorker[0]! + byWorker.length).toBe(FILES);
    } finally {
      ahead.stop();
    }
  });

  it('gives nothing for a text other than the one the worker read: that file is analyzed here', async () => {
    const ahead = WorkAhead.start(dir, files)!;
    try {
      ahead.translation('SELECT 1');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const file = files[FILES - 1]!;
      expect(ahead.analysis(file, analysisKey({ file, text: `${sql(FILES - 1)}-- edited since\n` }))).toBeUndefined();
      expect(ahead.analysis(file, analysisKey({ file, text: sql(FILES - 1) }))?.value).toEqual(storeAnalysis(analyzeFeature({ file, text: sql(FILES - 1) })));
    } finally {
      ahead.stop();
    }
  });
});
