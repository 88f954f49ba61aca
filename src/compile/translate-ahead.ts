/**
 * A cold compile of many feature files translates their statements to DuckDB on a worker
 * thread while this thread reads and analyzes them: translating is a third of the work per
 * file. The worker runs at a lower priority, on what the cores have left, so this thread and
 * V8's compiler threads are not slowed. Compiling a node takes the worker's translation,
 * waiting for it when it has not come yet; without it (a file the worker could not translate,
 * or a worker that stopped answering) this thread translates, with the same result. The
 * worker side is translate-worker.ts.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TranslateResult } from '../sql/translate/index.js';

const TRANSLATE_WORKER = new URL('./translate-worker.js', import.meta.url);
/** Fewer files are translated here sooner than a thread starts. */
export const MIN_FILES_AHEAD = 1000;
/** Files per message, each way. */
const BATCH = 250;
/** How long to wait for one answer before translating here instead: a batch takes the worker tens of milliseconds. */
const PATIENCE_MS = 2000;

/** What the worker is sent: files (path, text), then null when there are no more. */
export type TranslateBatch = [file: string, text: string][] | null;
/** What it answers for each batch: per file it translated, the file's translation key and the translation. */
export type TranslatedBatch = [key: string, result: TranslateResult][];

/** What the worker is given: the port it answers on, and a counter it adds one to after each answer. */
export interface AheadChannel {
  port: MessagePort;
  answered: Int32Array;
}

export class TranslateAhead {
  private pending: [string, string][] = [];
  /** Batches sent and not yet answered. */
  private unanswered = 0;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly channel: AheadChannel,
  ) {}

  /** Undefined when there is no worker script: running from the TypeScript sources. */
  static start(): TranslateAhead | undefined {
    if (!existsSync(fileURLToPath(TRANSLATE_WORKER))) return undefined;
    const { port1, port2 } = new MessageChannel();
    const answered = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(TRANSLATE_WORKER, { workerData: { port: port2, answered } satisfies AheadChannel, transferList: [port2] });
    // A worker that fails leaves its files to this thread; it never keeps the process alive.
    worker.on('error', () => {});
    worker.unref();
    return new TranslateAhead(worker, { port: port1, answered });
  }

  /** Queues a file to translate; sends the queue when it is a batch. */
  offer(file: string, text: string): void {
    this.pending.push([file, text]);
    if (this.pending.length >= BATCH) this.send();
  }

  /** Sends what is queued: no more files follow. */
  close(): void {
    if (this.closed) return;
    this.send();
    this.worker.postMessage(null satisfies TranslateBatch);
    this.closed = true;
  }

  /**
   * Hands each translation the worker sends to `take`, until `enough()` or until every batch
   * is answered. False when the worker has nothing more to send: every batch is answered, or
   * it stopped answering.
   */
  receive(take: (key: string, result: TranslateResult) => void, enough: () => boolean): boolean {
    this.close();
    while (this.unanswered > 0 && !enough()) {
      const seen = Atomics.load(this.channel.answered, 0);
      const answer = receiveMessageOnPort(this.channel.port);
      if (answer) {
        this.unanswered--;
        for (const [key, result] of answer.message as TranslatedBatch) take(key, result);
      } else if (Atomics.wait(this.channel.answered, 0, seen, PATIENCE_MS) === 'timed-out') {
        this.stop();
        return false;
      }
    }
    if (this.unanswered > 0) return true;
    this.stop();
    return false;
  }

  private send(): void {
    if (this.pending.length === 0) return;
    this.worker.postMessage(this.pending satisfies TranslateBatch);
    this.pending = [];
    this.unanswered++;
  }

  /** Stops the worker; what it has not sent is translated here when needed. */
  stop(): void {
    this.closed = true;
    this.unanswered = 0;
    this.channel.port.close();
    void this.worker.terminate();
  }
}
