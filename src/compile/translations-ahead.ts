/**
 * DuckDB translations of many feature files, computed on a worker thread while this thread
 * analyzes the same files. On a cold compile of a large project the two take about as long
 * and the machine has a second core; a few files are not worth a thread's start-up.
 * Compiling is synchronous, so the results are taken with a blocking wait on a shared flag.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TranslateResult } from '../sql/translate/index.js';

const WORKER = new URL('./translate-worker.js', import.meta.url);
/** Fewer files translate faster here than a thread starts and loads the translator. */
const MIN_FILES = 1000;
/** Far longer than translating any project takes: past it the worker is considered lost. */
const WAIT_MS = 120_000;

export class TranslationsAhead {
  private results?: Map<string, TranslateResult>;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly done: Int32Array,
  ) {}

  /**
   * Starts translating the one statement of each feature file text. Undefined for too few
   * files, and when running from the TypeScript sources, which have no worker script to load.
   */
  static start(texts: string[]): TranslationsAhead | undefined {
    if (texts.length < MIN_FILES || !existsSync(fileURLToPath(WORKER))) return undefined;
    const done = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER, { workerData: { texts, port: port2, done }, transferList: [port2] });
    // The process never waits for it: its results are taken synchronously, or not at all.
    worker.unref();
    return new TranslationsAhead(worker, port1, done);
  }

  /** The worker's translation of `sql`, if it made one; the first call waits for the worker to finish. */
  get(sql: string): TranslateResult | undefined {
    if (!this.results) {
      Atomics.wait(this.done, 0, 0, WAIT_MS);
      const posted = receiveMessageOnPort(this.port)?.message as [string, TranslateResult][] | undefined;
      this.results = new Map(posted);
      this.port.close();
      void this.worker.terminate();
    }
    return this.results.get(sql);
  }
}
