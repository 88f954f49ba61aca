/** Overall progress, the ETA and the slowest nodes, derived from the run state. */

import type { NodeState, RunState } from './run-state.js';

export interface RunProgress {
  total: number;
  /** Nodes in a final state: built, unchanged, skipped or failed. */
  done: number;
  /** 0..1. */
  fraction: number;
  elapsedMs: number;
  /** Undefined until a node has finished with a duration, and once nothing remains. */
  etaMs?: number;
}

export function runProgress(state: RunState, now: number): RunProgress {
  const total = state.nodes.size;
  const { built, unchanged, skipped, failed } = state.counts;
  const done = built + unchanged + skipped + failed;
  const elapsedMs = state.end?.durationMs ?? (state.startedAt === undefined ? 0 : Math.max(0, now - state.startedAt));
  const remaining = total - done;
  const progress: RunProgress = { total, done, fraction: total === 0 ? 1 : done / total, elapsedMs };
  if (!state.end && remaining > 0 && state.finishedCount > 0) {
    // Remaining nodes are assumed to cost what finished ones did, spread over the threads;
    // a running node has already spent part of that. When only nodes running longer than
    // that are left, the end cannot be guessed: no ETA rather than one stuck in place.
    const meanMs = state.finishedMs / state.finishedCount;
    let workMs = meanMs * state.counts.queued;
    for (const node of state.nodes.values()) {
      if (node.status === 'running') workMs += Math.max(0, meanMs - (now - (node.startedAt ?? now)));
    }
    if (workMs > 0) progress.etaMs = workMs / Math.min(state.threads, remaining);
  }
  return progress;
}

/** How many of the slowest nodes a summary lists. */
export const SLOWEST_SHOWN = 5;

/** The `limit` nodes that took longest, slowest first; ties keep run_start order. */
export function slowestNodes(state: RunState, limit: number): NodeState[] {
  const timed: NodeState[] = [];
  for (const node of state.nodes.values()) if (node.durationMs !== undefined) timed.push(node);
  return timed.sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0)).slice(0, limit);
}

export function failedNodes(state: RunState): NodeState[] {
  const failed: NodeState[] = [];
  for (const node of state.nodes.values()) if (node.status === 'failed') failed.push(node);
  return failed;
}
