/**
 * A first compile's compiled/ (there is none yet, so nothing to compare or remove). A
 * project of many files has them written by a worker thread as they are rendered, while
 * this thread goes on compiling, saves the result cache and renders the manifest. They go
 * to a folder under .mlc/ that becomes compiled/ only when the whole compile succeeded, so
 * a compile that fails leaves no compiled/ behind.
 */

import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { COMPILED_DIR, MANIFEST_FILE, type CompileOutput } from './compile.js';
import { writeCompiled } from './files.js';

const WRITE_WORKER = new URL('./write-worker.js', import.meta.url);
/** Fewer files are written faster here than a thread starts. */
const MIN_FILES_ASIDE = 1000;
/** Files per message to the worker. */
const BATCH = 500;

export class FirstWrite {
  private pending: [string, string][] = [];
  private worker?: { thread: Worker; done: Promise<void> };
  private readonly staging: string;
  /** False when running from the TypeScript sources, which have no worker script to load. */
  private readonly aside = existsSync(fileURLToPath(WRITE_WORKER));

  private constructor(private readonly root: string) {
    this.staging = path.join(root, '.mlc', `first-compile-${process.pid}`);
  }

  /** Undefined when compiled/ exists: then only what changed is written, after the compile. */
  static start(root: string): FirstWrite | undefined {
    if (existsSync(path.join(root, COMPILED_DIR))) return undefined;
    return new FirstWrite(root);
  }

  /** Pass to the compile: takes each file as it is rendered. */
  readonly rendered = (file: string, content: string): void => {
    if (!this.aside) return;
    this.pending.push([file, content]);
    if (this.pending.length >= (this.worker ? BATCH : MIN_FILES_ASIDE)) this.post();
  };

  /**
   * Writes the compile's output into place and returns the paths written; `meanwhile` is
   * other work of this thread, done while the worker writes.
   */
  async finish(output: CompileOutput, meanwhile: () => void): Promise<string[]> {
    if (!this.worker) {
      meanwhile();
      return writeCompiled(this.root, output.files);
    }
    // The last files go before the manifest is rendered, so the worker writes them meanwhile;
    // then the manifest, which the worker writes while this thread does `meanwhile`.
    this.post();
    this.pending.push([MANIFEST_FILE, output.files.get(MANIFEST_FILE)!]);
    this.post();
    this.worker.thread.postMessage(null);
    try {
      meanwhile();
      await this.worker.done;
      if (!this.moveIntoPlace()) await writeCompiled(this.root, output.files);
    } finally {
      this.discard();
    }
    return [...output.files.keys()];
  }

  /** Renames the written folder to compiled/; false when compiled/ appeared meanwhile (another compile made it). */
  private moveIntoPlace(): boolean {
    try {
      renameSync(path.join(this.staging, COMPILED_DIR), path.join(this.root, COMPILED_DIR));
      return true;
    } catch (error) {
      if (['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
      throw error;
    }
  }

  /** Stops the worker and removes its folder, with what it wrote when the compile failed. */
  discard(): void {
    if (!this.worker) return;
    void this.worker.thread.terminate();
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Sends the pending files; the worker encodes and writes them. */
  private post(): void {
    if (!this.worker) {
      const thread = new Worker(WRITE_WORKER, { workerData: { root: this.staging } });
      const done = new Promise<void>((resolve, reject) => {
        thread.once('error', reject);
        thread.once('exit', () => resolve());
      });
      // A failure is reported by finish(); until then it must not count as unhandled.
      done.catch(() => {});
      this.worker = { thread, done };
    }
    const message: WriteBatch = { files: this.pending };
    this.worker.thread.postMessage(message);
    this.pending = [];
  }
}

/** What the worker is sent: files to write (path, content), then null when there are no more. */
export type WriteBatch = { files: [string, string][] } | null;
