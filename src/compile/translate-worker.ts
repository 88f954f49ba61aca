/**
 * The worker side of TranslationsAhead: splits each feature file into its statement and
 * translates it to DuckDB, then posts every (statement, translation) pair at once and
 * raises the flag the main thread waits on. The flag is raised whatever happens: a failure
 * here only leaves the main thread to translate the files itself, where the same code
 * reports what went wrong.
 */

import { workerData, type MessagePort } from 'node:worker_threads';
import type { TranslateResult } from '../sql/translate/index.js';

const { texts, port, done } = workerData as { texts: string[]; port: MessagePort; done: Int32Array };
try {
  const { splitStatements } = await import('../sql/statements.js');
  const { translateToDuckDb } = await import('../sql/translate/index.js');
  const results: [string, TranslateResult][] = [];
  for (const text of texts) {
    const statements = splitStatements(text);
    // A file of several statements is an error the main thread reports; it translates nothing.
    if (statements.length === 1) results.push([statements[0]!.text, translateToDuckDb(statements[0]!.text)]);
  }
  port.postMessage(results);
} catch {
  // Nothing is posted: the main thread translates every statement itself.
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
