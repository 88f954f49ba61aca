/**
 * One `mlc run`: plan against the state stored in the target, execute, record the run
 * in mlc_meta and in .mlc/run_results.json.
 */

import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectGraph } from '../graph/build.js';
import type { Project } from '../project/load.js';
import { createTarget, type Connection, type LockWait, type Target } from '../targets/index.js';
import { alertRetrains, type RetrainTrigger } from './alert-triggers.js';
import type { EventListener } from './events.js';
import { execute, type ExecuteResult, type NodeRunner } from './executor.js';
import { planRun, sourceDataHashes, type PlannedNode } from './plan.js';
import { StateStore } from './state.js';

export interface RunOptions {
  target: string;
  selected: string[];
  statements: Map<string, string[]>;
  fullRefresh?: boolean;
  force?: Set<string>;
  threads?: number;
  trigger?: string;
  selection?: string;
  listener: EventListener;
  runNode: NodeRunner;
  signal?: AbortSignal;
  /** A target the caller opened and keeps open across runs (watch mode); it is not disposed here. */
  open?: Target;
  /** How long to wait, and what to say, when another process holds the embedded database. */
  lock?: LockWait;
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

interface Session {
  target: Target;
  state: StateStore;
  plan: Map<string, PlannedNode>;
}

/** Opens the target and its state, plans, runs `fn`, and releases everything. */
async function withPlan<T>(project: Project, graph: ProjectGraph, options: PlanInput, fn: (session: Session) => Promise<T>): Promise<T> {
  const target = options.open ?? createTarget(project, options.target, process.env, options.lock);
  try {
    const connection = await target.connect();
    try {
      const state = new StateStore(connection, project.config.schemas.meta);
      await state.ensure();
      const hashes = target.dialect === 'duckdb' ? await sourceDataHashes(graph, project.root) : new Map<string, string>();
      const plan = planRun(graph, options.selected, await state.nodeStates(), hashes, options);
      return await fn({ target, state, plan });
    } finally {
      await connection.close();
    }
  } finally {
    if (!options.open) await target.dispose();
  }
}

type PlanInput = Pick<RunOptions, 'target' | 'selected' | 'fullRefresh' | 'force' | 'open' | 'lock'>;

/** The plan alone, without building anything. */
export function planProject(project: Project, graph: ProjectGraph, options: PlanInput): Promise<Map<string, PlannedNode>> {
  return withPlan(project, graph, options, async ({ plan }) => plan);
}

export interface RunResult extends ExecuteResult {
  runId: string;
  /** Models that monitors built in this run asked to retrain (`on_alert: retrain <model>`). */
  retrain: RetrainTrigger[];
}

export function runProject(project: Project, graph: ProjectGraph, options: RunOptions): Promise<RunResult> {
  const runId = newRunId();
  const startedAt = new Date().toISOString();
  return withPlan(project, graph, options, async ({ target, state, plan }) => {
    const result = await execute({
      runId,
      target,
      project,
      graph,
      selected: options.selected,
      plan,
      statements: options.statements,
      state,
      threads: options.threads ?? project.config.threads,
      runNode: options.runNode,
      listener: options.listener,
      signal: options.signal,
      fullRefresh: options.fullRefresh,
      // Watch mode is for iterating on features: its runs do not make versions immutable.
      pinFeatures: options.trigger !== 'watch',
    });
    const record = {
      runId,
      target: target.name,
      trigger: options.trigger ?? 'manual',
      startedAt,
      finishedAt: new Date().toISOString(),
      status: result.status,
      selection: options.selection ?? '',
      counts: result.counts,
    };
    await state.saveRun(record, result.results);
    const file = path.join(project.root, '.mlc', 'run_results.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ ...record, results: result.results }, null, 2)}\n`);
    const built = result.results.filter((r) => r.status === 'built').map((r) => r.nodeId);
    const retrain = built.some((id) => graph.nodes.get(id)?.kind === 'monitor') ? await withConnection(target, (c) => alertRetrains(c, graph, built)) : [];
    return { ...result, runId, retrain };
  });
}

/** The outcome of a run and its follow-ups: cancelled beats failed beats success. */
export function overallStatus(runs: readonly RunResult[]): RunResult['status'] {
  if (runs.some((r) => r.status === 'cancelled')) return 'cancelled';
  return runs.some((r) => r.status === 'failed') ? 'failed' : 'success';
}

async function withConnection<T>(target: Target, fn: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await target.connect();
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

/**
 * A run, then — when monitors in it alerted with `on_alert: retrain <model>` — one
 * follow-up run that retrains those models and rebuilds what depends on them. One level
 * only: alerts raised by the follow-up wait for the next run.
 */
export async function runWithTriggers(project: Project, graph: ProjectGraph, options: RunOptions): Promise<RunResult[]> {
  const first = await runProject(project, graph, options);
  if (first.retrain.length === 0 || options.signal?.aborted) return [first];
  const models = [...new Set(first.retrain.map((t) => t.model))];
  const affected = new Set(models);
  for (const id of graph.order) if (graph.nodes.get(id)!.parents.some((e) => affected.has(e.parent))) affected.add(id);
  const second = await runProject(project, graph, {
    ...options,
    selected: graph.order.filter((id) => affected.has(id)),
    force: new Set(models),
    fullRefresh: false,
    trigger: `alert:${[...new Set(first.retrain.map((t) => graph.nodes.get(t.monitor)!.name))].join(',')}`,
    selection: models.map((m) => `${graph.nodes.get(m)!.name}+`).join(' '),
  });
  return [first, second];
}
