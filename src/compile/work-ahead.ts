/**
 * Per-file work of a first compile of many feature files, shared with a worker thread. The
 * worker reads the files itself and analyzes them from the last towards the first until
 * this thread starts analyzing them from the first (it is still reading the files and
 * loading modules); then it translates each one's statement to DuckDB, which this thread
 * needs only after it has built the graph, and goes back to analyzing from where it
 * stopped. Each file is claimed in shared memory by the thread that takes it, until the
 * two meet. Neither waits for the other's analyses: a file the worker claimed but has not
 * posted yet is analyzed here again (at most one batch). The worker also renders each
 * result's line of the result cache. A few files are not worth a thread's start-up.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TranslateResult } from '../sql/translate/index.js';
import type { StoredAnalysis } from './result-cache.js';

const WORKER = new URL('./ahead-worker.js', import.meta.url);
/** Fewer files are done faster here than a thread starts and loads the translator. */
const MIN_FILES = 1000;
/** Far longer than translating any project takes: past it the worker is considered lost. */
const WAIT_MS = 120_000;

/** A file's claim: free, or taken by this thread or by the worker. */
export const FREE = 0;
const MINE = 1;
export const WORKERS = 2;

export interface AheadInput {
  root: string;
  files: string[];
  port: MessagePort;
  /** Set to 1 once the translations are posted (or the worker failed). */
  translated: Int32Array;
  /** Set to 1 when this thread starts analyzing. */
  analyzing: Int32Array;
  /** One claim per file's analysis. */
  claims: Int32Array;
}

/** A result with its line of the result cache; `key` is that of the text the worker read. */
export interface Made<T> {
  key: string;
  value: T;
  line: string;
}

/** What the worker posts: the translations once, then analyses in batches. */
export type AheadMessage = { translations: [string, Made<TranslateResult>][] } | { analyses: [number, Made<StoredAnalysis>][] };

export class WorkAhead {
  private translations?: Map<string, Made<TranslateResult>>;
  private readonly analyses = new Map<number, Made<StoredAnalysis>>();

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly input: AheadInput,
    private readonly indexOf: Map<string, number>,
  ) {}

  /**
   * Starts the worker on these feature files (paths relative to root). Undefined for too few
   * files, and when running from the TypeScript sources, which have no worker script to load.
   */
  static start(root: string, files: string[]): WorkAhead | undefined {
    if (files.length < MIN_FILES || !existsSync(fileURLToPath(WORKER))) return undefined;
    const shared = (length: number): Int32Array => new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
    const { port1, port2 } = new MessageChannel();
    const input: AheadInput = { root, files, port: port2, translated: shared(1), analyzing: shared(1), claims: shared(files.length) };
    const worker = new Worker(WORKER, { workerData: input, transferList: [port2] });
    // The process never waits for it: its results are taken synchronously, or not at all.
    worker.unref();
    return new WorkAhead(worker, port1, { ...input, port: port1 }, new Map(files.map((f, i) => [f, i])));
  }

  /**
   * The worker's analysis of `file`, if it made one of the text whose result key is `key`;
   * otherwise the file is claimed for this thread, which analyzes it.
   */
  analysis(file: string, key: string): Made<StoredAnalysis> | undefined {
    Atomics.store(this.input.analyzing, 0, 1);
    const index = this.indexOf.get(file);
    if (index === undefined || Atomics.compareExchange(this.input.claims, index, FREE, MINE) === FREE) return undefined;
    this.receive();
    const made = this.analyses.get(index);
    return made?.key === key ? made : undefined;
  }

  /** The worker's translation of `sql`, if it made one; the first call waits for the translations. */
  translation(sql: string): Made<TranslateResult> | undefined {
    if (!this.translations) {
      Atomics.wait(this.input.translated, 0, 0, WAIT_MS);
      this.receive();
      this.translations ??= new Map();
    }
    return this.translations.get(sql);
  }

  /** Ends the worker: what it has not posted is not needed. */
  stop(): void {
    this.port.close();
    void this.worker.terminate();
  }

  private receive(): void {
    for (let received = receiveMessageOnPort(this.port); received; received = receiveMessageOnPort(this.port)) {
      const message = received.message as AheadMessage;
      if ('translations' in message) this.translations = new Map(message.translations);
      else for (const [index, made] of message.analyses) this.analyses.set(index, made);
    }
  }
}
