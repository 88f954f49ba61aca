/**
 * One `mlc run`: plan against the state stored in the target, execute, record the run
 * in mlc_meta and in .mlc/run_results.json.
 */

import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectGraph } from '../graph/build.js';
import type { Project } from '../project/load.js';
import { createTarget, type LockWait, type Target } from '../targets/index.js';
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

export function runProject(project: Project, graph: ProjectGraph, options: RunOptions): Promise<ExecuteResult> {
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
    return result;
  });
}
