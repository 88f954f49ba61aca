/**
 * The worker side of translate-ahead.ts: translates the statement of each file it is sent
 * that holds one, until sent null. A file whose translation fails is left out of the answer,
 * for the main thread to translate and report.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { splitStatements } from '../sql/statements.js';
import { translateToDuckDb } from '../sql/translate/index.js';
import { analysisKey, fileTranslationKey } from './result-keys.js';
import { lowerThreadPriority } from './thread-priority.js';
import type { AheadChannel, TranslateBatch, TranslatedBatch } from './translate-ahead.js';

const { port, answered } = workerData as AheadChannel;
lowerThreadPriority();
parentPort!.on('message', (batch: TranslateBatch) => {
  if (batch === null) {
    parentPort!.close();
    return;
  }
  const translated: TranslatedBatch = [];
  for (const [file, text] of batch) {
    try {
      const statements = splitStatements(text);
      if (statements.length === 1) translated.push([fileTranslationKey(analysisKey({ file, text })), translateToDuckDb(statements[0]!.text)]);
    } catch {
      // Left out of the answer: the main thread translates the file and reports what went wrong.
    }
  }
  port.postMessage(translated);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});
