/**
 * A batch scorer for scoring inside the embedded database and for served batches. Tree ensembles on
 * numeric features are padded to complete trees, so a row walks each tree with the same
 * number of branch-free steps, four rows at a time (independent chains keep the CPU
 * busy). Leaf values are added in the SQL expression's order (sumSql: the base score,
 * then the trees, in short left-to-right chains joined pairwise), so batch scores match
 * the SQL function a plain connection calls, ulp for ulp before the link.
 */

import { compileScorer, type Artifact, type Tree } from '../ml/index.js';
import { treeDepth } from '../ml/grown-tree.js';
import { sigmoid } from '../ml/link.js';

/**
 * Scores `rows` rows into `out`, given their values row after row (`rows × features`,
 * in the artifact's feature order; NaN = missing): the layout the trees are walked in.
 */
export type BatchScorer = (values: Float64Array, rows: number, out: Float64Array) => void;

/** Deeper trees would pad to too many nodes; their rows walk the trees as stored. */
const MAX_COMPLETE_DEPTH = 10;
/** sumSql's chain length. */
const CHAIN = 16;

/** Null when a feature is categorical or the model is multiclass: those score in SQL. */
export function compileBatchScorer(artifact: Artifact): BatchScorer | null {
  if (artifact.task === 'multiclass' || artifact.features.some((f) => f.type !== 'numeric')) return null;
  if (artifact.kind !== 'tree_ensemble') return linearScorer(artifact);
  return treeScorer(artifact);
}

function linearScorer(artifact: Artifact): BatchScorer {
  const score = compileScorer(artifact);
  const names = artifact.features.map((f) => f.name);
  const row: Record<string, unknown> = {};
  return (values, rows, out) => {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < names.length; j++) {
        const v = values[i * names.length + j]!;
        row[names[j]!] = v === v ? v : null;
      }
      out[i] = score(row).score;
    }
  };
}

/** Sums terms[lo, hi) as sumSql nests them. */
function sumLikeSql(terms: Float64Array, lo: number, hi: number): number {
  if (hi - lo <= CHAIN) {
    let sum = terms[lo]!;
    for (let k = lo + 1; k < hi; k++) sum += terms[k]!;
    return sum;
  }
  const half = Math.ceil((hi - lo) / 2);
  return sumLikeSql(terms, lo, lo + half) + sumLikeSql(terms, lo + half, hi);
}

/** A stored tree's leaf for a row (NaN = missing goes where missingLeft says), as the JS scorer walks it. */
function storedLeaf(tree: Tree, x: Float64Array, offset: number): number {
  let node = 0;
  let f = tree.feature[node]!;
  while (f >= 0) {
    const v = x[offset + f]!;
    node = (v !== v ? tree.missingLeft[node]! : v <= tree.threshold[node]!) ? tree.left[node]! : tree.right[node]!;
    f = tree.feature[node]!;
  }
  return tree.value[node]!;
}

function treeScorer(artifact: Artifact): BatchScorer {
  const trees = artifact.trees!;
  const depth = Math.max(0, ...trees.map((t) => treeDepth(t)));
  const complete = depth <= MAX_COMPLETE_DEPTH;
  const inner = complete ? (1 << depth) - 1 : 0;
  const leaves = complete ? 1 << depth : 0;
  const feature = new Int32Array(trees.length * inner);
  const threshold = new Float64Array(trees.length * inner);
  const value = new Float64Array(trees.length * leaves);
  if (complete) {
    trees.forEach((tree, t) => {
      // Heap layout: children of p are 2p+1 and 2p+2. A leaf above the last level fills its
      // subtree: +Infinity thresholds always go left, down to copies of its value.
      const fill = (node: number, position: number, level: number): void => {
        if (level === depth) {
          value[t * leaves + position - inner] = tree.value[node]!;
          return;
        }
        const leaf = tree.feature[node]! < 0;
        feature[t * inner + position] = leaf ? 0 : tree.feature[node]!;
        threshold[t * inner + position] = leaf ? Infinity : tree.threshold[node]!;
        fill(leaf ? node : tree.left[node]!, 2 * position + 1, level + 1);
        fill(leaf ? node : tree.right[node]!, 2 * position + 2, level + 1);
      };
      fill(0, 0, 0);
    });
  }
  const width = artifact.features.length;
  const treeCount = trees.length;
  const logit = artifact.link === 'logit';
  // terms[r][0] is the base score, terms[r][t + 1] tree t's leaf: four rows' worth.
  const terms = Array.from({ length: 4 }, () => {
    const row = new Float64Array(treeCount + 1);
    row[0] = artifact.baseScore[0]!;
    return row;
  });
  const finish = (r: number): number => {
    const raw = sumLikeSql(terms[r]!, 0, treeCount + 1);
    return logit ? sigmoid(raw) : raw;
  };
  /** The values of the batch being scored. */
  let packed: Float64Array = new Float64Array(0);

  const scoreStored = (i: number): number => {
    const t0 = terms[0]!;
    for (let t = 0; t < treeCount; t++) t0[t + 1] = storedLeaf(trees[t]!, packed, i * width);
    return finish(0);
  };
  /** Whether rows [i, i + 4) have a missing value: those walk the stored trees. */
  const anyMissing = (i: number): boolean => {
    for (let k = i * width; k < (i + 4) * width; k++) if (packed[k] !== packed[k]) return true;
    return false;
  };

  return (values, rows, out) => {
    packed = values;
    let i = 0;
    if (complete) {
      for (; i + 4 <= rows; i += 4) {
        if (anyMissing(i)) {
          for (let r = i; r < i + 4; r++) out[r] = scoreStored(r);
        } else {
          scoreFour(i, out);
        }
      }
    }
    for (; i < rows; i++) out[i] = scoreStored(i);
  };

  function scoreFour(i: number, out: Float64Array): void {
    const [z0, z1, z2, z3] = terms as [Float64Array, Float64Array, Float64Array, Float64Array];
    const b0 = i * width;
    const b1 = b0 + width;
    const b2 = b1 + width;
    const b3 = b2 + width;
    for (let t = 0; t < treeCount; t++) {
      const fo = t * inner;
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      for (let l = 0; l < depth; l++) {
        const q0 = fo + p0;
        const q1 = fo + p1;
        const q2 = fo + p2;
        const q3 = fo + p3;
        p0 = 2 * p0 + 1 + +(packed[b0 + feature[q0]!]! > threshold[q0]!);
        p1 = 2 * p1 + 1 + +(packed[b1 + feature[q1]!]! > threshold[q1]!);
        p2 = 2 * p2 + 1 + +(packed[b2 + feature[q2]!]! > threshold[q2]!);
        p3 = 2 * p3 + 1 + +(packed[b3 + feature[q3]!]! > threshold[q3]!);
      }
      const vo = t * leaves - inner;
      z0[t + 1] = value[vo + p0]!;
      z1[t + 1] = value[vo + p1]!;
      z2[t + 1] = value[vo + p2]!;
      z3[t + 1] = value[vo + p3]!;
    }
    out[i] = finish(0);
    out[i + 1] = finish(1);
    out[i + 2] = finish(2);
    out[i + 3] = finish(3);
  }
}
