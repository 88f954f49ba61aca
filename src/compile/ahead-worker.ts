/**
 * The worker side of WorkAhead: reads each feature file; analyzes files from the last one
 * on until the main thread starts analyzing; translates every file's statement to DuckDB
 * and posts all translations at once, raising the flag the main thread waits on whatever
 * happens (a failure here only leaves the main thread to translate the files itself,
 * where the same code reports what went wrong); then analyzes on from where it stopped,
 * as long as it can claim files. Analyses are posted in small batches.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workerData } from 'node:worker_threads';
import { analyzeFeature } from '../graph/analyze.js';
import { splitStatements } from '../sql/statements.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';
import { analysisKey, entryLine, resultKey, storeAnalysis, type StoredAnalysis } from './result-cache.js';
import { FREE, WORKERS, type AheadInput, type AheadMessage, type Made } from './work-ahead.js';

/** Analyses per message: few, so that little is done twice where the two threads meet. */
const BATCH = 8;

const { root, files, port, translated, analyzing, claims } = workerData as AheadInput;

/** Each file's text; undefined for one that is gone by now, which the main thread reports. */
const texts = files.map((file) => {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
});

/** The next file to claim, from the last one down; -1 once the main thread has claimed the rest, or an analysis failed. */
let next = files.length - 1;

/** Analyzes the files it can claim from `next` down while `go()` holds, posting them in batches. */
function analyzeFromBack(go: () => boolean): void {
  let batch: [number, Made<StoredAnalysis>][] = [];
  try {
    for (; next >= 0 && go(); next--) {
      if (Atomics.compareExchange(claims, next, FREE, WORKERS) !== FREE) {
        next = -1;
        break;
      }
      const text = texts[next];
      if (text === undefined) continue;
      const feature = { file: files[next]!, text };
      const key = analysisKey(feature);
      const value = storeAnalysis(analyzeFeature(feature));
      batch.push([next, { key, value, line: entryLine(key, value) }]);
      if (batch.length === BATCH) {
        port.postMessage({ analyses: batch } satisfies AheadMessage);
        batch = [];
      }
    }
  } catch {
    // The files claimed and not posted are analyzed by the main thread, which reports what went wrong.
    next = -1;
  }
  if (batch.length > 0) port.postMessage({ analyses: batch } satisfies AheadMessage);
}

analyzeFromBack(() => Atomics.load(analyzing, 0) === 0);
try {
  const translations: [string, Made<TranslateResult>][] = [];
  for (const text of texts) {
    const statements = text === undefined ? [] : splitStatements(text);
    // A file of several statements is an error the main thread reports; it translates nothing.
    if (statements.length !== 1) continue;
    const sql = statements[0]!.text;
    const key = resultKey('translation', sql);
    const value = translateToDuckDb(sql);
    translations.push([sql, { key, value, line: entryLine(key, value) }]);
  }
  port.postMessage({ translations } satisfies AheadMessage);
} catch {
  // Nothing is posted: the main thread translates every statement itself.
} finally {
  Atomics.store(translated, 0, 1);
  Atomics.notify(translated, 0);
}
analyzeFromBack(() => true);
