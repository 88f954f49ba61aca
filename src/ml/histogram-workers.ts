/**
 * Histogram building over worker threads: the inputs are split into contiguous ranges,
 * the main thread takes the first and each worker one of the others. Partitions of large
 * nodes are split the same way over contiguous ranges of the node's rows. Workers share the
 * bins (row-major and column-major), the tree's row order, the per-row (weight, target)
 * pairs and the histogram through SharedArrayBuffers, and are driven synchronously with
 * Atomics, because tree growing is synchronous code. Every input's histogram is computed
 * by the same kernel in the same row order whoever computes it, so the thread count never
 * changes a model.
 */

import { Worker } from 'node:worker_threads';
import { compileHistogramKernel, partitionRows } from './histogram-kernel.js';
import type { HistogramKernel } from './histogram-kernel.js';

/** ctrl[GENERATION] counts jobs; ctrl[DONE] counts workers finished with the current one. */
const GENERATION = 0;
const COUNT = 1;
const DONE = 2;
const STOP = 3;
const START = 4;
/** 1 when position k is row k (a tree's root): the kernel then skips the row lookup. */
const DIRECT = 5;
const JOB = 6;
const FEATURE = 7;
/** ctrl[LEFTS + t]: rows sent left by thread t's part of a partition. */
const LEFTS = 8;
const HISTOGRAMS = 0;
const PARTITION = 1;
/** No worker should need this long for one node; past it the pool is considered broken. */
const STALL_MS = 120_000;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const compileHistogramKernel = ${compileHistogramKernel.toString()};
const partitionRows = ${partitionRows.toString()};
const { ctrl, rowBins, columns, inputs, from, to, rows, ws, hist, scratch, goesLeft, thread, threads } = workerData;
const accumulate = compileHistogramKernel(inputs, from, to);
let generation = 0;
for (;;) {
  // A notify can arrive late, after this worker already saw and ran that job: only a new
  // generation is a new job.
  while (Atomics.load(ctrl, ${GENERATION}) === generation) Atomics.wait(ctrl, ${GENERATION}, generation);
  generation = Atomics.load(ctrl, ${GENERATION});
  if (Atomics.load(ctrl, ${STOP}) === 1) break;
  const start = Atomics.load(ctrl, ${START});
  const count = Atomics.load(ctrl, ${COUNT});
  if (Atomics.load(ctrl, ${JOB}) === ${PARTITION}) {
    const a = start + Math.round((thread * count) / threads);
    const b = start + Math.round(((thread + 1) * count) / threads);
    Atomics.store(ctrl, ${LEFTS} + thread, partitionRows(rows, scratch, columns[Atomics.load(ctrl, ${FEATURE})], goesLeft, a, b));
  } else {
    const order = Atomics.load(ctrl, ${DIRECT}) === 1 ? null : rows;
    accumulate(hist, rowBins, ws, order, start, count);
  }
  Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
}
`;

function shared<T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(bytes, 8)));
}

export class HistogramWorkers {
  /** The tree's row order and the per-row (weight, target) pairs, filled by the caller. */
  readonly rows: Uint32Array;
  readonly ws: Float64Array;
  /** Where `build` leaves the histograms. */
  readonly hist: Float64Array;
  /** Per bin, 1 if the split `partition` applies sends it left; filled by the caller. */
  readonly goesLeft = shared((b) => new Uint8Array(b), 256);
  /** Where partitions put the right rows, at the positions they came from. */
  readonly scratch: Uint32Array;
  private readonly ctrl: Int32Array;
  private readonly workers: Worker[] = [];
  /** This thread and the workers. */
  readonly threads: number;
  /** This thread's part of the histograms: the first range of inputs. */
  private readonly kernel: HistogramKernel;
  /**
   * A shared copy of the column-major bins, for partitions: a row's bin of one input is one
   * byte of a column, where in the row-major bins every row would cost a cache line.
   */
  private readonly columns: Uint8Array[];

  constructor(
    private readonly rowBins: Uint8Array,
    bins: readonly Uint8Array[],
    rowCount: number,
    threads: number,
  ) {
    const inputs = bins.length;
    this.threads = threads;
    const columns = shared((b) => new Uint8Array(b), inputs * rowCount);
    this.columns = bins.map((column, j) => {
      const copy = columns.subarray(j * rowCount, (j + 1) * rowCount);
      copy.set(column);
      return copy;
    });
    this.rows = shared((b) => new Uint32Array(b), rowCount * 4);
    this.ws = shared((b) => new Float64Array(b), rowCount * 16);
    this.hist = shared((b) => new Float64Array(b), inputs * 768 * 8);
    this.scratch = shared((b) => new Uint32Array(b), rowCount * 4);
    this.ctrl = shared((b) => new Int32Array(b), (LEFTS + threads) * 4);
    const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.round((t * inputs) / threads));
    this.kernel = compileHistogramKernel(inputs, 0, bounds[1]!);
    for (let t = 1; t < threads; t++) {
      const workerData = { ctrl: this.ctrl, rowBins, columns: this.columns, inputs, from: bounds[t], to: bounds[t + 1], rows: this.rows, ws: this.ws, hist: this.hist,
        scratch: this.scratch, goesLeft: this.goesLeft, thread: t, threads };
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Fills `hist` from the rows at positions [start, start + count); direct: position k is row k. */
  build(start: number, count: number, direct: boolean): void {
    Atomics.store(this.ctrl, DIRECT, direct ? 1 : 0);
    this.start(HISTOGRAMS, start, count);
    this.kernel(this.hist, this.rowBins, this.ws, direct ? null : this.rows, start, count);
    this.wait();
  }

  /**
   * Stable partition of rows[start, start + count) on `feature` by goesLeft, each thread
   * taking a contiguous part; returns the boundary. The result is the same for any thread
   * count: every part keeps its order and the parts are joined in order. The parts' bounds
   * are the ones the worker source computes.
   */
  partition(start: number, count: number, feature: number): number {
    const threads = this.threads;
    const part = (t: number) => start + Math.round((t * count) / threads);
    Atomics.store(this.ctrl, FEATURE, feature);
    this.start(PARTITION, start, count);
    const lefts = partitionRows(this.rows, this.scratch, this.columns[feature]!, this.goesLeft, start, part(1));
    this.wait();
    Atomics.store(this.ctrl, LEFTS, lefts);
    let at = start;
    for (let t = 0; t < threads; t++) {
      const l = Atomics.load(this.ctrl, LEFTS + t);
      this.rows.copyWithin(at, part(t), part(t) + l);
      at += l;
    }
    const mid = at;
    for (let t = 0; t < threads; t++) {
      const r = part(t + 1) - part(t) - Atomics.load(this.ctrl, LEFTS + t);
      this.rows.set(this.scratch.subarray(part(t), part(t) + r), at);
      at += r;
    }
    return mid;
  }

  private start(job: number, start: number, count: number): void {
    const ctrl = this.ctrl;
    Atomics.store(ctrl, JOB, job);
    Atomics.store(ctrl, START, start);
    Atomics.store(ctrl, COUNT, count);
    Atomics.store(ctrl, DONE, 0);
    Atomics.add(ctrl, GENERATION, 1);
    Atomics.notify(ctrl, GENERATION);
  }

  private wait(): void {
    const ctrl = this.ctrl;
    for (let done = Atomics.load(ctrl, DONE); done < this.workers.length; done = Atomics.load(ctrl, DONE)) {
      if (Atomics.wait(ctrl, DONE, done, STALL_MS) === 'timed-out') throw new Error('histogram worker threads stopped responding');
    }
  }

  close(): void {
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, GENERATION, 1);
    Atomics.notify(this.ctrl, GENERATION);
    for (const worker of this.workers) void worker.terminate();
  }
}
