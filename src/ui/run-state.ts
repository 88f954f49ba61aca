/**
 * What the reporters know about a run, folded from the event stream. Mutated in place:
 * a 2,000-node run applies thousands of events and copying per event would dominate.
 */

import type { FailureDetail, NodeOutcome, NodeSummary, RunEvent } from '../run/events.js';

export type NodeStatus = 'queued' | 'running' | NodeOutcome;

export type RunEndEvent = Extract<RunEvent, { type: 'run_end' }>;
export type WarningEvent = Extract<RunEvent, { type: 'warning' }>;

/** Watch mode: what the session listens to, the last change, and the compile error if any. */
export interface WatchState {
  ready?: Extract<RunEvent, { type: 'watch_ready' }>;
  change?: Extract<RunEvent, { type: 'watch_change' }>;
  error?: Extract<RunEvent, { type: 'watch_error' }>;
}

export interface NodeProgress {
  message: string;
  fraction?: number;
  metric?: { name: string; value: number };
}

export interface NodeState {
  node: NodeSummary;
  status: NodeStatus;
  /** Clock time the node started, for the elapsed time of running nodes. */
  startedAt?: number;
  rows?: number;
  durationMs?: number;
  detail?: string;
  /** Id of the failed ancestor that caused a skip. */
  failedParent?: string;
  error?: FailureDetail;
  progress?: NodeProgress;
}

export interface RunState {
  runId?: string;
  target?: string;
  threads: number;
  /** Clock time of run_start. */
  startedAt?: number;
  /** Every node in run_start order. */
  nodes: Map<string, NodeState>;
  /** Nodes grouped by NodeSummary.layer; a layer without nodes is an empty array. */
  layers: NodeState[][];
  counts: Record<NodeStatus, number>;
  /** Sum and count of durations of nodes that finished or failed, for the ETA. */
  finishedMs: number;
  finishedCount: number;
  warnings: WarningEvent[];
  end?: RunEndEvent;
  /** Set in watch mode; kept across runs. */
  watch?: WatchState;
}

export function createRunState(): RunState {
  return {
    threads: 1,
    nodes: new Map(),
    layers: [],
    counts: emptyCounts(),
    finishedMs: 0,
    finishedCount: 0,
    warnings: [],
  };
}

function emptyCounts(): Record<NodeStatus, number> {
  return { queued: 0, running: 0, built: 0, unchanged: 0, skipped: 0, failed: 0 };
}

export function isTerminal(status: NodeStatus): status is NodeOutcome {
  return status !== 'queued' && status !== 'running';
}

/** The display name of a node id, falling back to the id for nodes outside run_start. */
export function nodeName(state: RunState, id: string): string {
  return state.nodes.get(id)?.node.name ?? id;
}

/** Folds one event into the state. `now` is the reporter's clock, used for elapsed times. */
export function applyEvent(state: RunState, event: RunEvent, now: number): void {
  switch (event.type) {
    case 'run_start':
      startRun(state, event, now);
      return;
    case 'node_start': {
      const node = transition(state, event.id, 'running');
      if (node) node.startedAt = now;
      return;
    }
    case 'node_progress': {
      const node = state.nodes.get(event.id);
      if (node) node.progress = { message: event.message, fraction: event.fraction, metric: event.metric };
      return;
    }
    case 'node_finish': {
      const node = transition(state, event.id, 'built');
      if (!node) return;
      node.rows = event.rows;
      node.detail = event.detail;
      recordDuration(state, node, event.durationMs);
      return;
    }
    case 'node_unchanged':
      transition(state, event.id, 'unchanged');
      return;
    case 'node_skip': {
      const node = transition(state, event.id, 'skipped');
      if (node) node.failedParent = event.failedParent;
      return;
    }
    case 'node_fail': {
      const node = transition(state, event.id, 'failed');
      if (!node) return;
      node.error = event.error;
      recordDuration(state, node, event.durationMs);
      return;
    }
    case 'warning':
      state.warnings.push(event);
      return;
    case 'run_end':
      state.end = event;
      return;
    case 'watch_ready':
      state.watch = { ...state.watch, ready: event };
      return;
    case 'watch_change':
      state.watch = { ready: state.watch?.ready, change: event };
      return;
    case 'watch_error':
      state.watch = { ...state.watch, error: event };
      return;
  }
}

function startRun(state: RunState, event: Extract<RunEvent, { type: 'run_start' }>, now: number): void {
  state.runId = event.runId;
  state.target = event.target;
  state.threads = Math.max(1, event.threads);
  state.startedAt = now;
  state.nodes = new Map();
  state.layers = [];
  state.counts = emptyCounts();
  state.finishedMs = 0;
  state.finishedCount = 0;
  state.warnings = [];
  state.end = undefined;
  for (const node of event.nodes) {
    const entry: NodeState = { node, status: 'queued' };
    state.nodes.set(node.id, entry);
    while (state.layers.length <= node.layer) state.layers.push([]);
    state.layers[node.layer]?.push(entry);
    state.counts.queued++;
  }
}

function transition(state: RunState, id: string, status: NodeStatus): NodeState | undefined {
  const node = state.nodes.get(id);
  if (!node) return undefined;
  state.counts[node.status]--;
  state.counts[status]++;
  node.status = status;
  if (status !== 'running') node.progress = undefined;
  return node;
}

function recordDuration(state: RunState, node: NodeState, durationMs: number): void {
  node.durationMs = durationMs;
  state.finishedMs += durationMs;
  state.finishedCount++;
}
