/**
 * Grows one histogram tree over binned inputs. Shared by gradient boosting (one channel:
 * S = -gradient, W = hessian) and random forests (S = weighted one-hot class or target,
 * W = weight): both split on the gain sum_c S_L^2/(W_L+l2) + S_R^2/(W_R+l2) - S^2/(W+l2),
 * which is the Newton gain for boosting and the Gini / variance decrease for forests.
 * Leaves hold S/(W+l2). Nodes are split best gain first, so max_leaf_nodes keeps the best.
 */

import { MISSING_BIN } from './binning.js';
import type { BinnedInputs } from './binning.js';
import { compileHistogramKernel, partitionRows } from './histogram-kernel.js';
import type { HistogramKernel } from './histogram-kernel.js';
import { HistogramWorkers } from './histogram-workers.js';
import type { Rng } from './random.js';

export interface GrowParams {
  maxDepth: number;
  maxLeafNodes: number;
  minSamplesLeaf: number;
  minChildWeight: number;
  l2: number;
  /** Inputs examined per split; fewer than all draws a fresh random subset per node. */
  maxFeatures: number;
}

export interface GrowInput {
  /** Rows of this tree; reordered in place so each leaf's rows are contiguous. */
  rows: Uint32Array;
  /** rows[i] === i for every i: the root then reads the per-row arrays directly. */
  identity: boolean;
  weight: Float64Array;
  /** One array per channel. */
  targets: Float64Array[];
}

export interface GrownTree {
  feature: number[];
  /** The split's bin: "bin <= splitBin" is "x <= threshold". */
  splitBin: number[];
  threshold: number[];
  left: number[];
  right: number[];
  missingLeft: boolean[];
  /** [channel][node]: S/(W+l2) at leaves, 0 at inner nodes. */
  values: number[][];
  /** Each leaf's range in the reordered rows; -1 at inner nodes. */
  leafStart: number[];
  leafEnd: number[];
}

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
  leftW: number;
  leftCount: number;
  leftS: Float64Array;
}

interface OpenNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  w: number;
  count: number;
  s: Float64Array;
  hist: Float64Array | null;
  split: Split | null;
}

const HIST_BINS = 256;
/** Below this many rows per thread, starting threads costs more than they save. */
const MIN_ROWS_PER_THREAD = 20_000;
/**
 * Below this many rows per thread, a node's histograms and partition stay on this thread.
 * Waking the threads and waiting for them costs ~15 us, the histograms of a few hundred rows.
 */
const MIN_NODE_ROWS_PER_THREAD = 1_500;

export class TreeGrower {
  private readonly stride: number;
  private readonly histSize: number;
  private readonly pool: Float64Array[] = [];
  /** The node's weights and targets in the node's row order, for the column-major histograms. */
  private readonly ordW: Float64Array;
  private readonly ordS: Float64Array[];
  private readonly scratch: Uint32Array;
  /** Per bin, 1 if the split being applied sends it left. */
  private readonly goesLeft: Uint8Array;
  private readonly order: Int32Array;
  private readonly candidateS: Float64Array;
  /** Row-major copy of the bins (row * inputs + input), when every split examines every input. */
  private readonly rowBins: Uint8Array | null;
  /** With rowBins: each row's (weight, target), interleaved for the histogram kernel. */
  private readonly ws: Float64Array | null;
  /** With rowBins: the kernel over every input, for nodes this thread builds alone. */
  private readonly kernel: HistogramKernel | null;
  private readonly workers: HistogramWorkers | null;

  constructor(
    private readonly data: BinnedInputs,
    private readonly channels: number,
    private readonly params: GrowParams,
    private readonly rng: Rng,
    /** Threads building histograms (gradient boosting's one-channel, all-inputs trees only). */
    threads = 1,
  ) {
    this.stride = channels + 2;
    this.histSize = data.bins.length * HIST_BINS * this.stride;
    const allInputs = channels === 1 && params.maxFeatures >= data.bins.length;
    const useWorkers = allInputs && threads > 1 && data.rows >= MIN_ROWS_PER_THREAD * threads && data.bins.length > 1;
    this.rowBins = allInputs ? rowMajor(data, useWorkers) : null;
    this.workers = useWorkers ? new HistogramWorkers(this.rowBins!, data.bins, data.rows, Math.min(threads, data.bins.length)) : null;
    this.ws = this.workers?.ws ?? (this.rowBins ? new Float64Array(2 * data.rows) : null);
    this.kernel = this.rowBins ? compileHistogramKernel(data.bins.length, 0, data.bins.length) : null;
    // The row-major kernel reads weights and targets by row id: nothing to gather.
    const ordered = this.rowBins ? 0 : data.rows;
    this.ordW = new Float64Array(ordered);
    this.ordS = Array.from({ length: channels }, () => new Float64Array(ordered));
    this.scratch = this.workers?.scratch ?? new Uint32Array(data.rows);
    this.goesLeft = this.workers?.goesLeft ?? new Uint8Array(HIST_BINS);
    this.order = new Int32Array(data.bins.length);
    this.candidateS = new Float64Array(channels);
  }

  /** An array for grow's input rows; with histogram threads, the one they read, so nothing is copied per node. */
  rowOrder(): Uint32Array {
    return this.workers?.rows ?? new Uint32Array(this.data.rows);
  }

  /** Stops the histogram threads; the grower cannot grow afterwards. */
  close(): void {
    this.workers?.close();
  }

  /** Grows a tree; adds each split's gain to gains[input]. */
  grow(input: GrowInput, gains: Float64Array): GrownTree {
    const tree: GrownTree = { feature: [], splitBin: [], threshold: [], left: [], right: [], missingLeft: [], values: Array.from({ length: this.channels }, () => []), leafStart: [], leafEnd: [] };
    const root = this.newNode(tree, 0, input.rows.length, 0);
    const { rows, identity, weight, targets } = input;
    const all = this.ws ? interleave(weight, targets[0]!, this.ws) : null;
    // With every row in the tree, the interleaving pass has summed the root already.
    if (all && identity) this.setTotals(tree, root, all.weight, rows.length, Float64Array.of(all.target));
    else this.setTotals(tree, root, sumRows(weight, rows, identity), rows.length, Float64Array.from(targets, (target) => sumRows(target, rows, identity)));
    const subtract = this.params.maxFeatures >= this.data.bins.length;
    const open: OpenNode[] = [];
    if (this.splittable(root)) {
      this.prepare(root, input, input.identity);
      if (root.split) open.push(root);
      else this.release(root);
    }
    let leaves = 1;
    while (open.length > 0 && leaves < this.params.maxLeafNodes) {
      const node = this.takeBest(open);
      const split = node.split!;
      const mid = this.partition(input.rows, node, split);
      const left = this.newNode(tree, node.start, mid, node.depth + 1);
      const right = this.newNode(tree, mid, node.end, node.depth + 1);
      this.setSplit(tree, node, split, left.id, right.id);
      gains[split.feature] = gains[split.feature]! + split.gain;
      leaves++;
      this.setTotals(tree, left, split.leftW, split.leftCount, split.leftS);
      this.setTotals(tree, right, node.w - split.leftW, node.count - split.leftCount, node.s.map((v, c) => v - split.leftS[c]!));
      const needLeft = this.splittable(left);
      const needRight = this.splittable(right);
      if ((needLeft || needRight) && subtract && node.hist) {
        // Histogram subtraction: build the smaller child, the sibling is parent - child.
        const [small, large] = left.count <= right.count ? [left, right] : [right, left];
        this.prepare(small, input, false);
        const parent = node.hist;
        const child = small.hist!;
        for (let i = 0; i < parent.length; i++) parent[i] = parent[i]! - child[i]!;
        large.hist = parent;
        node.hist = null;
        this.findSplit(large, null);
        for (const child of [left, right]) {
          if (child.split && this.splittable(child)) open.push(child);
          else this.release(child);
        }
      } else {
        for (const [child, needed] of [[left, needLeft], [right, needRight]] as const) {
          if (!needed) continue;
          this.prepare(child, input, false);
          if (child.split) open.push(child);
          else this.release(child);
        }
      }
      this.release(node);
    }
    for (const node of open) this.release(node);
    return tree;
  }

  private newNode(tree: GrownTree, start: number, end: number, depth: number): OpenNode {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.splitBin.push(0);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.missingLeft.push(false);
    for (const values of tree.values) values.push(0);
    tree.leafStart.push(start);
    tree.leafEnd.push(end);
    return { id, start, end, depth, w: 0, count: 0, s: new Float64Array(this.channels), hist: null, split: null };
  }

  private splittable(node: OpenNode): boolean {
    const p = this.params;
    return node.depth < p.maxDepth && node.count >= 2 * p.minSamplesLeaf && node.w >= 2 * p.minChildWeight;
  }

  private takeBest(open: OpenNode[]): OpenNode {
    if (!Number.isFinite(this.params.maxLeafNodes)) return open.pop()!;
    let best = 0;
    for (let i = 1; i < open.length; i++) {
      const a = open[i]!.split!.gain;
      const b = open[best]!.split!.gain;
      if (a > b || (a === b && open[i]!.id < open[best]!.id)) best = i;
    }
    return open.splice(best, 1)[0]!;
  }

  /** Builds the node's histograms (all inputs, or a random subset) and finds its best split. */
  private prepare(node: OpenNode, input: GrowInput, direct: boolean): void {
    node.hist = this.pool.pop() ?? new Float64Array(this.histSize);
    const count = node.end - node.start;
    if (!direct && !this.rowBins) this.gather(input, node.start, count);
    const f = this.data.bins.length;
    const m = Math.min(this.params.maxFeatures, f);
    if (m >= f) {
      if (this.rowBins) this.buildAllHistograms(node, input, direct, this.rowBins);
      else for (let j = 0; j < f; j++) this.buildHistogram(node, j, input, direct);
      this.findSplit(node, null);
      return;
    }
    for (let j = 0; j < f; j++) this.order[j] = j;
    // Draw m inputs; if none of them splits, keep drawing (as sklearn does) until one does.
    let drawn = 0;
    while (drawn < f) {
      const batch = drawn === 0 ? m : 1;
      for (let t = 0; t < batch && drawn < f; t++, drawn++) {
        const pick = drawn + this.rng.int(f - drawn);
        const chosen = this.order[pick]!;
        this.order[pick] = this.order[drawn]!;
        this.order[drawn] = chosen;
        this.buildHistogram(node, chosen, input, direct);
      }
      this.findSplit(node, this.order.subarray(0, drawn));
      if (node.split) return;
    }
  }

  private gather(input: GrowInput, start: number, count: number): void {
    const rows = input.rows;
    const ordW = this.ordW;
    const weight = input.weight;
    for (let k = 0; k < count; k++) ordW[k] = weight[rows[start + k]!]!;
    for (let c = 0; c < this.channels; c++) {
      const ord = this.ordS[c]!;
      const target = input.targets[c]!;
      for (let k = 0; k < count; k++) ord[k] = target[rows[start + k]!]!;
    }
  }

  /**
   * Every input's histogram in one pass over the node's rows: each row's bins are
   * contiguous, so a row costs one cache line instead of one per input.
   */
  private buildAllHistograms(node: OpenNode, input: GrowInput, direct: boolean, rowBins: Uint8Array): void {
    const count = node.end - node.start;
    const workers = this.workers;
    // Small nodes stay on this thread: waking the others would cost more than it saves.
    if (!workers || count < MIN_NODE_ROWS_PER_THREAD * workers.threads) {
      this.kernel!(node.hist!, rowBins, this.ws!, direct ? null : input.rows, node.start, count);
      return;
    }
    // Threads read the shared rows: rows not from rowOrder are copied there.
    if (input.rows !== workers.rows) workers.rows.set(input.rows);
    workers.build(node.start, count, direct);
    node.hist!.set(workers.hist);
  }

  private buildHistogram(node: OpenNode, feature: number, input: GrowInput, direct: boolean): void {
    const hist = node.hist!;
    const stride = this.stride;
    const base = feature * HIST_BINS * stride;
    hist.fill(0, base, base + HIST_BINS * stride);
    const col = this.data.bins[feature]!;
    const count = node.end - node.start;
    const start = node.start;
    const rows = input.rows;
    const ordW = direct ? input.weight : this.ordW;
    if (this.channels === 1) {
      const ordS = direct ? input.targets[0]! : this.ordS[0]!;
      if (direct) {
        for (let k = 0; k < count; k++) {
          const o = base + col[k]! * 3;
          hist[o] = hist[o]! + ordW[k]!;
          hist[o + 1] = hist[o + 1]! + 1;
          hist[o + 2] = hist[o + 2]! + ordS[k]!;
        }
      } else {
        for (let k = 0; k < count; k++) {
          const o = base + col[rows[start + k]!]! * 3;
          hist[o] = hist[o]! + ordW[k]!;
          hist[o + 1] = hist[o + 1]! + 1;
          hist[o + 2] = hist[o + 2]! + ordS[k]!;
        }
      }
      return;
    }
    const channels = this.channels;
    for (let k = 0; k < count; k++) {
      const row = direct ? k : rows[start + k]!;
      const o = base + col[row]! * stride;
      hist[o] = hist[o]! + ordW[k]!;
      hist[o + 1] = hist[o + 1]! + 1;
      for (let c = 0; c < channels; c++) {
        const ord = direct ? input.targets[c]! : this.ordS[c]!;
        hist[o + 2 + c] = hist[o + 2 + c]! + ord[k]!;
      }
    }
  }

  private findSplit(node: OpenNode, features: Int32Array | null): void {
    const hist = node.hist!;
    const { minSamplesLeaf, minChildWeight, l2 } = this.params;
    const stride = this.stride;
    const channels = this.channels;
    let parentScore = 0;
    for (let c = 0; c < channels; c++) parentScore += (node.s[c]! * node.s[c]!) / (node.w + l2);
    // Gains within rounding of zero (a pure node) are not splits.
    let bestGain = 1e-12 * Math.abs(parentScore);
    let best: Split | null = null;
    const leftS = new Float64Array(channels);
    const cand = this.candidateS;
    const total = features ? features.length : this.data.bins.length;
    for (let t = 0; t < total; t++) {
      const f = features ? features[t]! : t;
      const nb = this.data.nBins[f]!;
      if (nb < 2) continue;
      const base = f * HIST_BINS * stride;
      const m = base + MISSING_BIN * stride;
      const missingW = hist[m]!;
      const missingCount = hist[m + 1]!;
      let lw = 0;
      let lc = 0;
      leftS.fill(0);
      for (let b = 0; b < nb - 1; b++) {
        const o = base + b * stride;
        lw += hist[o]!;
        lc += hist[o + 1]!;
        for (let c = 0; c < channels; c++) leftS[c] = leftS[c]! + hist[o + 2 + c]!;
        for (let variant = 0; variant < (missingCount > 0 ? 2 : 1); variant++) {
          const withMissing = variant === 1;
          const w = withMissing ? lw + missingW : lw;
          const count = withMissing ? lc + missingCount : lc;
          const rw = node.w - w;
          const rc = node.count - count;
          if (count < minSamplesLeaf || rc < minSamplesLeaf || w < minChildWeight || rw < minChildWeight) continue;
          let gain = -parentScore;
          for (let c = 0; c < channels; c++) {
            const sl = withMissing ? leftS[c]! + hist[m + 2 + c]! : leftS[c]!;
            const sr = node.s[c]! - sl;
            cand[c] = sl;
            gain += (sl * sl) / (w + l2) + (sr * sr) / (rw + l2);
          }
          if (gain > bestGain) {
            bestGain = gain;
            // Without missing values here, scoring sends them to the larger child (as sklearn).
            const missingLeft = missingCount > 0 ? withMissing : count >= rc;
            best = { feature: f, bin: b, missingLeft, gain, leftW: w, leftCount: count, leftS: Float64Array.from(cand) };
          }
        }
      }
    }
    node.split = best;
  }

  /** Stable partition of the node's rows: left rows first. Returns the boundary. */
  private partition(rows: Uint32Array, node: OpenNode, split: Split): number {
    const goesLeft = this.goesLeft;
    for (let b = 0; b < HIST_BINS; b++) goesLeft[b] = b <= split.bin ? 1 : 0;
    goesLeft[MISSING_BIN] = split.missingLeft ? 1 : 0;
    const count = node.end - node.start;
    if (this.workers && rows === this.workers.rows && count >= MIN_NODE_ROWS_PER_THREAD * this.workers.threads) return this.workers.partition(node.start, count, split.feature);
    const lefts = partitionRows(rows, this.scratch, this.data.bins[split.feature]!, goesLeft, node.start, node.end);
    rows.set(this.scratch.subarray(node.start, node.end - lefts), node.start + lefts);
    return node.start + lefts;
  }

  private setSplit(tree: GrownTree, node: OpenNode, split: Split, left: number, right: number): void {
    tree.feature[node.id] = split.feature;
    tree.splitBin[node.id] = split.bin;
    tree.threshold[node.id] = this.data.thresholds[split.feature]![split.bin]!;
    tree.missingLeft[node.id] = split.missingLeft;
    tree.left[node.id] = left;
    tree.right[node.id] = right;
    tree.leafStart[node.id] = -1;
    tree.leafEnd[node.id] = -1;
    for (const values of tree.values) values[node.id] = 0;
  }

  /** Records the node's leaf values; setSplit clears them when the node is split. */
  private setTotals(tree: GrownTree, node: OpenNode, w: number, count: number, s: Float64Array): void {
    node.w = w;
    node.count = count;
    node.s = s;
    for (let c = 0; c < this.channels; c++) tree.values[c]![node.id] = s[c]! / (w + this.params.l2);
  }

  private release(node: OpenNode): void {
    if (node.hist) this.pool.push(node.hist);
    node.hist = null;
  }
}

/** The sum of values over rows, in row order; identity: rows[k] === k, read directly. */
function sumRows(values: Float64Array, rows: Uint32Array, identity: boolean): number {
  let sum = 0;
  if (identity) for (let k = 0; k < rows.length; k++) sum += values[k]!;
  else for (let k = 0; k < rows.length; k++) sum += values[rows[k]!]!;
  return sum;
}

/** Fills out with each row's (weight, target) pair; returns their sums over all rows, in row order. */
function interleave(weight: Float64Array, target: Float64Array, out: Float64Array): { weight: number; target: number } {
  let sumW = 0;
  let sumT = 0;
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i]!;
    const t = target[i]!;
    sumW += w;
    sumT += t;
    out[2 * i] = w;
    out[2 * i + 1] = t;
  }
  return { weight: sumW, target: sumT };
}

function rowMajor(data: BinnedInputs, shared: boolean): Uint8Array {
  const f = data.bins.length;
  const out = new Uint8Array(shared ? new SharedArrayBuffer(data.rows * f) : new ArrayBuffer(data.rows * f));
  for (let j = 0; j < f; j++) {
    const col = data.bins[j]!;
    for (let i = 0, at = j; i < data.rows; i++, at += f) out[at] = col[i]!;
  }
  return out;
}
