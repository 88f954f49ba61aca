/**
 * Histogram building over worker threads: the inputs are split into contiguous ranges,
 * the main thread takes the first and each worker one of the others. Workers share the
 * row-major bins, the node's rows and (weight, target) sums and the histogram through
 * SharedArrayBuffers, and are driven synchronously with Atomics, because tree growing
 * is synchronous code. Every input's histogram is computed by the same kernel in the
 * same row order whoever computes it, so the thread count never changes a model.
 */

import { Worker } from 'node:worker_threads';
import { accumulateHistograms } from './histogram-kernel.js';

/** ctrl[GENERATION] counts jobs; ctrl[DONE] counts workers finished with the current one. */
const GENERATION = 0;
const COUNT = 1;
const DONE = 2;
const STOP = 3;
/** No worker should need this long for one node; past it the pool is considered broken. */
const STALL_MS = 120_000;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const accumulate = ${accumulateHistograms.toString()};
const { ctrl, rowBins, inputs, from, to, rows, w, s, hist } = workerData;
let generation = 0;
for (;;) {
  Atomics.wait(ctrl, ${GENERATION}, generation);
  generation = Atomics.load(ctrl, ${GENERATION});
  if (Atomics.load(ctrl, ${STOP}) === 1) break;
  accumulate(hist, rowBins, inputs, from, to, rows, Atomics.load(ctrl, ${COUNT}), w, s);
  Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
}
`;

function shared<T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(bytes, 8)));
}

export class HistogramWorkers {
  /** The node's rows, weights and targets, filled by the caller before `build`. */
  readonly rows: Uint32Array;
  readonly w: Float64Array;
  readonly s: Float64Array;
  /** Where `build` leaves the histograms. */
  readonly hist: Float64Array;
  private readonly ctrl = shared((b) => new Int32Array(b), 16);
  private readonly workers: Worker[] = [];
  private readonly mainTo: number;

  constructor(
    private readonly rowBins: Uint8Array,
    private readonly inputs: number,
    rowCount: number,
    threads: number,
  ) {
    this.rows = shared((b) => new Uint32Array(b), rowCount * 4);
    this.w = shared((b) => new Float64Array(b), rowCount * 8);
    this.s = shared((b) => new Float64Array(b), rowCount * 8);
    this.hist = shared((b) => new Float64Array(b), inputs * 768 * 8);
    const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.round((t * inputs) / threads));
    this.mainTo = bounds[1]!;
    for (let t = 1; t < threads; t++) {
      const workerData = { ctrl: this.ctrl, rowBins, inputs, from: bounds[t], to: bounds[t + 1], rows: this.rows, w: this.w, s: this.s, hist: this.hist };
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** Fills `hist` from the first `count` entries of rows, w and s. */
  build(count: number): void {
    const ctrl = this.ctrl;
    Atomics.store(ctrl, COUNT, count);
    Atomics.store(ctrl, DONE, 0);
    Atomics.add(ctrl, GENERATION, 1);
    Atomics.notify(ctrl, GENERATION);
    accumulateHistograms(this.hist, this.rowBins, this.inputs, 0, this.mainTo, this.rows, count, this.w, this.s);
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
