/**
 * Which lines of the node list fit the terminal. Every node gets its own line while
 * there is room; when there is not, layers collapse into one summary line each (finished
 * layers first, then those not started, then those in progress), then neighbouring
 * summaries merge into ranges. Running and failed nodes keep their own lines throughout,
 * until they alone overflow the space and the rest are counted on a last line.
 */

import type { NodeState, NodeStatus, RunState } from './run-state.js';
import { isTerminal } from './run-state.js';
import { formatCount } from './format.js';

export type StatusCounts = Record<NodeStatus, number>;

export type ListRow =
  | { type: 'layers'; from: number; to: number; counts: StatusCounts; expanded: boolean }
  | { type: 'node'; node: NodeState }
  | { type: 'more'; running: number; failed: number };

type LayerKind = 'finished' | 'untouched' | 'active';

interface Group {
  from: number;
  to: number;
  nodes: NodeState[];
  counts: StatusCounts;
  kind: LayerKind | 'mixed';
  expanded: boolean;
}

/** The order in which statuses are listed on a summary line. */
const SUMMARY_ORDER: readonly NodeStatus[] = ['built', 'unchanged', 'skipped', 'failed', 'running', 'queued'];

export function listRows(state: RunState, budget: number): ListRow[] {
  const limit = Math.max(2, budget);
  let groups = layerGroups(state);
  let total = groups.reduce((sum, group) => sum + rowCount(group), 0);

  const collapse = (kind: LayerKind, order: Group[]): void => {
    for (const group of order) {
      if (total <= limit) return;
      if (!group.expanded || group.kind !== kind) continue;
      total -= rowCount(group);
      group.expanded = false;
      total += rowCount(group);
    }
  };
  collapse('finished', groups);
  collapse('untouched', [...groups].reverse());
  collapse('active', groups);

  for (const mergeable of [['finished'], ['untouched'], ['finished', 'untouched', 'active', 'mixed']] as const) {
    if (total <= limit) break;
    groups = mergeNeighbours(groups, mergeable);
    total = groups.reduce((sum, group) => sum + rowCount(group), 0);
  }

  const rows = groups.flatMap(groupRows);
  return rows.length > limit ? capRows(rows, limit) : rows;
}

/** "layer 3", or "layer 3: 412 built, 3 unchanged", or "layers 0–7: 1,600 built". */
export function layersLabel(row: Extract<ListRow, { type: 'layers' }>): string {
  const name = row.from === row.to ? `layer ${row.from}` : `layers ${row.from}–${row.to}`;
  if (row.expanded) return name;
  const parts = SUMMARY_ORDER.filter((status) => row.counts[status] > 0).map(
    (status) => `${formatCount(row.counts[status])} ${status}`,
  );
  return `${name}: ${parts.join(', ')}`;
}

export function moreLabel(row: Extract<ListRow, { type: 'more' }>): string {
  const parts: string[] = [];
  if (row.running > 0) parts.push(`${formatCount(row.running)} more running`);
  if (row.failed > 0) parts.push(`${formatCount(row.failed)} more failed`);
  return `… ${parts.join(', ')}`;
}

function layerGroups(state: RunState): Group[] {
  const groups: Group[] = [];
  state.layers.forEach((nodes, index) => {
    if (nodes.length === 0) return;
    const counts = countStatuses(nodes);
    const kind: LayerKind = nodes.every((n) => isTerminal(n.status))
      ? 'finished'
      : counts.queued === nodes.length
        ? 'untouched'
        : 'active';
    groups.push({ from: index, to: index, nodes, counts, kind, expanded: true });
  });
  return groups;
}

function countStatuses(nodes: readonly NodeState[]): StatusCounts {
  const counts: StatusCounts = { queued: 0, running: 0, built: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const node of nodes) counts[node.status]++;
  return counts;
}

/** Running and failed nodes are shown even inside a collapsed group. */
function isPinned(node: NodeState): boolean {
  return node.status === 'running' || node.status === 'failed';
}

function rowCount(group: Group): number {
  return 1 + (group.expanded ? group.nodes.length : group.counts.running + group.counts.failed);
}

function groupRows(group: Group): ListRow[] {
  const header: ListRow = { type: 'layers', from: group.from, to: group.to, counts: group.counts, expanded: group.expanded };
  const shown = group.expanded ? group.nodes : group.nodes.filter(isPinned);
  return [header, ...shown.map((node): ListRow => ({ type: 'node', node }))];
}

function mergeNeighbours(groups: readonly Group[], kinds: readonly Group['kind'][]): Group[] {
  const merged: Group[] = [];
  for (const group of groups) {
    const previous = merged.at(-1);
    if (previous && kinds.includes(previous.kind) && kinds.includes(group.kind)) {
      merged[merged.length - 1] = {
        from: previous.from,
        to: group.to,
        nodes: [...previous.nodes, ...group.nodes],
        counts: addCounts(previous.counts, group.counts),
        kind: previous.kind === group.kind ? group.kind : 'mixed',
        expanded: false,
      };
    } else {
      merged.push(group);
    }
  }
  return merged;
}

function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  const sum = { ...a };
  for (const status of SUMMARY_ORDER) sum[status] += b[status];
  return sum;
}

/**
 * Only when running and failed nodes alone overflow: keep every summary line, give running
 * nodes up to half of the remaining lines and failed nodes the rest, and count the others.
 */
function capRows(rows: readonly ListRow[], limit: number): ListRow[] {
  const headers = rows.filter((row) => row.type !== 'node').length;
  const room = Math.max(0, limit - headers - 1);
  const running = rows.filter((row) => row.type === 'node' && row.node.status === 'running').length;
  const failed = rows.filter((row) => row.type === 'node' && row.node.status === 'failed').length;
  const keepFailed = Math.min(failed, room - Math.min(running, Math.ceil(room / 2)));
  const keepRunning = Math.min(running, room - keepFailed);
  let runningLeft = keepRunning;
  let failedLeft = keepFailed;
  const kept = rows.filter((row) => {
    if (row.type !== 'node') return true;
    if (row.node.status === 'running') return runningLeft-- > 0;
    return failedLeft-- > 0;
  });
  kept.push({ type: 'more', running: running - keepRunning, failed: failed - keepFailed });
  return kept.slice(0, limit);
}
