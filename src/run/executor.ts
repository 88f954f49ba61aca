/**
 * The executor: runs the planned nodes in topological order, up to `threads` at once.
 * A failure skips only its descendants; independent branches finish. It never prints:
 * everything it does is an event.
 */

import type { ProjectGraph } from '../graph/build.js';
import type { GraphNode } from '../graph/types.js';
import type { Project } from '../project/load.js';
import type { Connection, Target } from '../targets/target.js';
import type { EventListener, FailureDetail, NodeOutcome, RunEvent } from './events.js';
import type { PlannedNode } from './plan.js';
import type { NodeResult, NodeState, StateStore } from './state.js';

export interface NodeRunContext {
  node: GraphNode;
  statements: string[];
  connection: Connection;
  target: Target;
  project: Project;
  graph: ProjectGraph;
  runId: string;
  signal: AbortSignal;
  /** `--full-refresh`: incremental tables are rebuilt from scratch. */
  fullRefresh?: boolean;
  /** Record the feature versions a registered model trained on in features.lock (not in `mlc dev`). */
  pinFeatures?: boolean;
  progress(message: string, fraction?: number, metric?: { name: string; value: number }): void;
  warn(message: string): void;
  /**
   * Records the build on `connection`, inside the transaction the runner has open, so the
   * table and its state commit together (and the run spends no commit of its own on it).
   * A runner that does not call it is recorded by the executor once it returns.
   */
  recordBuild(rows?: number): Promise<void>;
}

export interface NodeRunResult {
  rows?: number;
  detail?: string;
}

export type NodeRunner = (ctx: NodeRunContext) => Promise<NodeRunResult>;

export interface ExecuteOptions {
  runId: string;
  target: Target;
  project: Project;
  graph: ProjectGraph;
  /** The selected nodes in topological order. */
  selected: string[];
  plan: Map<string, PlannedNode>;
  statements: Map<string, string[]>;
  state: StateStore;
  threads: number;
  runNode: NodeRunner;
  listener: EventListener;
  signal?: AbortSignal;
  fullRefresh?: boolean;
  pinFeatures?: boolean;
}

export interface ExecuteResult {
  status: 'success' | 'failed' | 'cancelled';
  results: NodeResult[];
  counts: Record<NodeOutcome, number>;
  durationMs: number;
}

/** An error raised while running a node, with what the user needs to find it. */
export class NodeError extends Error {
  constructor(readonly detail: FailureDetail) {
    super(detail.message);
  }
}

export async function execute(options: ExecuteOptions): Promise<ExecuteResult> {
  const { runId, graph, selected, plan, listener, threads } = options;
  const started = performance.now();
  const emit = (event: RunEvent): void => listener(event);
  const selectedSet = new Set(selected);
  const outcome = new Map<string, NodeOutcome>();
  const failedRoot = new Map<string, string>();
  const results: NodeResult[] = [];
  const counts: Record<NodeOutcome, number> = { built: 0, unchanged: 0, failed: 0, skipped: 0 };
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  options.signal?.addEventListener('abort', cancel);
  // A signal aborted while the target connected and the plan was made fires no event any more.
  if (options.signal?.aborted) cancel();

  emit({
    type: 'run_start',
    runId,
    target: options.target.name,
    threads,
    nodes: selected.map((id) => {
      const node = graph.nodes.get(id)!;
      return { id, name: node.name, kind: node.kind, layer: graph.layers.get(id)!, file: node.file };
    }),
  });

  const pending = new Set(selected);
  const connections: Connection[] = [];
  const idle: Connection[] = [];
  const running = new Set<Promise<void>>();

  // Connections open on first need: a run where nothing changed opens none.
  const acquire = async (): Promise<Connection> => {
    const reused = idle.pop();
    if (reused) return reused;
    const connection = await options.target.connect();
    connections.push(connection);
    return connection;
  };

  const parentsDone = (id: string): boolean =>
    graph.nodes.get(id)!.parents.every((e) => !selectedSet.has(e.parent) || outcome.has(e.parent));

  const finish = (id: string, result: NodeOutcome, extra: Omit<NodeResult, 'runId' | 'nodeId' | 'status'>): void => {
    outcome.set(id, result);
    counts[result]++;
    results.push({ runId, nodeId: id, status: result, ...extra });
  };

  const runOne = async (id: string, connection: Connection): Promise<void> => {
    const node = graph.nodes.get(id)!;
    const planned = plan.get(id)!;
    const t0 = performance.now();
    emit({ type: 'node_start', runId, id, action: planned.action === 'create' ? 'create' : 'rebuild' });
    const state = (rows: number | undefined): NodeState => ({
      nodeId: id,
      definitionHash: node.definitionHash,
      stateKey: planned.stateKey,
      parentKeys: planned.parentKeys,
      dataHash: planned.dataHash,
      rows,
      builtAt: new Date().toISOString(),
      runId,
    });
    let recorded = false;
    try {
      const result = await options.runNode({
        node,
        statements: options.statements.get(id) ?? [],
        connection,
        target: options.target,
        project: options.project,
        graph,
        runId,
        signal: controller.signal,
        fullRefresh: options.fullRefresh,
        pinFeatures: options.pinFeatures,
        progress: (message, fraction, metric) => emit({ type: 'node_progress', runId, id, message, fraction, metric }),
        warn: (message) => emit({ type: 'warning', runId, id, message, file: node.file }),
        recordBuild: async (rows) => {
          await options.state.recordIn(connection, [state(rows)]);
          recorded = true;
        },
      });
      if (!recorded) await options.state.saveNodeState(state(result.rows));
      const durationMs = performance.now() - t0;
      finish(id, 'built', { rows: result.rows, durationMs });
      emit({ type: 'node_finish', runId, id, rows: result.rows, durationMs, detail: result.detail });
    } catch (error) {
      const durationMs = performance.now() - t0;
      const detail: FailureDetail =
        error instanceof NodeError ? error.detail : { message: error instanceof Error ? error.message : String(error), file: node.file };
      finish(id, 'failed', { durationMs, error: detail.message });
      failedRoot.set(id, id);
      emit({ type: 'node_fail', runId, id, durationMs, error: detail });
    }
  };

  const schedule = (): void => {
    for (const id of [...pending]) {
      if (!parentsDone(id)) continue;
      const node = graph.nodes.get(id)!;
      const failedParent = node.parents.map((e) => failedRoot.get(e.parent)).find((p) => p !== undefined);
      if (failedParent || controller.signal.aborted) {
        pending.delete(id);
        if (failedParent) {
          failedRoot.set(id, failedParent);
          finish(id, 'skipped', { durationMs: 0 });
          emit({ type: 'node_skip', runId, id, failedParent });
        }
        continue;
      }
      // A parent built in this run (a forced retrain, a full refresh) may produce new data
      // under the same inputs key, so its children rebuild too.
      const parentBuilt = node.parents.some((e) => outcome.get(e.parent) === 'built');
      if (plan.get(id)!.action === 'unchanged' && !parentBuilt) {
        pending.delete(id);
        finish(id, 'unchanged', { durationMs: 0 });
        emit({ type: 'node_unchanged', runId, id });
        continue;
      }
      if (running.size >= Math.max(1, threads)) return;
      pending.delete(id);
      const task = acquire()
        .then((connection) => runOne(id, connection).finally(() => idle.push(connection)))
        .finally(() => running.delete(task));
      running.add(task);
    }
  };

  try {
    for (;;) {
      const before = pending.size;
      schedule();
      if (running.size === 0) {
        if (pending.size === 0 || pending.size === before) break;
        continue;
      }
      await Promise.race(running);
    }
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    await Promise.all(connections.map((c) => c.close()));
  }

  const durationMs = performance.now() - started;
  const status = controller.signal.aborted ? 'cancelled' : counts.failed > 0 ? 'failed' : 'success';
  emit({ type: 'run_end', runId, status, durationMs, counts });
  return { status, results, counts, durationMs };
}
