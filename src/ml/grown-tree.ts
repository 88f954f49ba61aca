/** From grown trees to artifact trees, and scoring of binned rows during training. */

import type { Tree } from './artifact.js';
import { MISSING_BIN } from './binning.js';
import type { GrownTree } from './tree-grower.js';

/** The artifact tree for one channel, leaf values multiplied by `scale`. */
export function toArtifactTree(grown: GrownTree, channel: number, output: number, scale: number): Tree {
  return {
    output,
    feature: grown.feature.slice(),
    threshold: grown.threshold.slice(),
    left: grown.left.slice(),
    right: grown.right.slice(),
    missingLeft: grown.missingLeft.slice(),
    value: grown.values[channel]!.map((v, node) => (grown.feature[node] === -1 ? v * scale : 0)),
  };
}

/** The leaf a binned row lands in; bin comparisons equal the raw threshold comparisons. */
export function leafOfBinned(tree: GrownTree, bins: readonly Uint8Array[], row: number): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node]!;
    if (f < 0) return node;
    const b = bins[f]![row]!;
    node = (b === MISSING_BIN ? tree.missingLeft[node]! : b <= tree.splitBin[node]!) ? tree.left[node]! : tree.right[node]!;
  }
}

/** Each row's leaf, from the leaves' ranges in the row order the tree was grown with. */
export function leavesOfRows(tree: GrownTree, rows: Uint32Array, leafOf: Uint32Array): void {
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node] !== -1) continue;
    for (let j = tree.leafStart[node]!; j < tree.leafEnd[node]!; j++) leafOf[rows[j]!] = node;
  }
}

export function treeDepth(tree: Pick<Tree, 'feature' | 'left' | 'right'>): number {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node]! < 0) continue;
    const d = depth[node]! + 1;
    depth[tree.left[node]!] = d;
    depth[tree.right[node]!] = d;
    max = Math.max(max, d);
  }
  return max;
}
