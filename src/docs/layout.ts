/**
 * A layered left-to-right layout: the column is the node's layer (longest path from a
 * root, already in the manifest); the order within a column comes from a few
 * barycenter sweeps, which untangle most crossings in linear time per sweep. A general
 * layout engine costs seconds on thousands of nodes; this costs milliseconds.
 */

export interface LayoutInput {
  id: string;
  layer: number;
  parents: string[];
}

export interface Point {
  x: number;
  y: number;
}

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 36;
const COLUMN_GAP = 90;
const ROW_GAP = 14;
const SWEEPS = 4;

function sortByBarycenter(column: string[], neighbors: Map<string, string[]>, rank: Map<string, number>): void {
  const center = new Map<string, number>();
  for (const id of column) {
    const ranks = (neighbors.get(id) ?? []).map((n) => rank.get(n)).filter((r): r is number => r !== undefined);
    center.set(id, ranks.length > 0 ? ranks.reduce((a, b) => a + b, 0) / ranks.length : rank.get(id)!);
  }
  column.sort((a, b) => center.get(a)! - center.get(b)! || rank.get(a)! - rank.get(b)!);
  column.forEach((id, i) => rank.set(id, i));
}

export function layeredLayout(nodes: LayoutInput[]): Map<string, Point> {
  const columns: string[][] = [];
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    (columns[node.layer] ??= []).push(node.id);
    parents.set(node.id, node.parents);
    for (const parent of node.parents) (children.get(parent) ?? children.set(parent, []).get(parent)!).push(node.id);
  }
  const filled = columns.filter((c): c is string[] => c !== undefined);
  const rank = new Map<string, number>();
  for (const column of filled) column.forEach((id, i) => rank.set(id, i));
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (const column of filled.slice(1)) sortByBarycenter(column, parents, rank);
    else for (const column of filled.slice(0, -1).reverse()) sortByBarycenter(column, children, rank);
  }
  const tallest = Math.max(0, ...filled.map((c) => c.length));
  const positions = new Map<string, Point>();
  filled.forEach((column, x) => {
    // Short columns are centred against the tallest one.
    const offset = ((tallest - column.length) * (NODE_HEIGHT + ROW_GAP)) / 2;
    column.forEach((id, y) => positions.set(id, { x: x * (NODE_WIDTH + COLUMN_GAP), y: offset + y * (NODE_HEIGHT + ROW_GAP) }));
  });
  return positions;
}
