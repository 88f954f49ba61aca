/**
 * Scheduled jobs, derived from the graph: every node with a `schedule` is a job that
 * runs the node after its ancestors (stale ones rebuild, the plan skips the rest), in
 * the graph's topological order — the order the Snowflake task graph uses too.
 */

import type { ProjectGraph } from '../graph/build.js';
import { withAncestors } from '../graph/select.js';
import type { GraphNode } from '../graph/types.js';
import type { Schedule } from '../project/schema.js';

export interface Job {
  /** The scheduled node's id. */
  id: string;
  cron: string;
  timezone: string;
  /** Run a missed occurrence once when the scheduler starts late. */
  catchUp: boolean;
  /** The node and its ancestors, in topological order. */
  nodes: string[];
  /** Model jobs retrain even when nothing upstream changed: that is what scheduled retraining is for. */
  retrain: string[];
}

export function scheduleOf(node: GraphNode): Schedule | undefined {
  switch (node.kind) {
    case 'feature':
    case 'dataset':
      return node.feature.config.schedule;
    case 'model':
      return node.spec.schedule;
    case 'scoring':
      return node.serving.batch?.schedule;
    case 'monitor':
      return node.spec.schedule;
    case 'source':
      return undefined;
  }
}

export function normalizeSchedule(schedule: Schedule): { cron: string; timezone: string; catchUp: boolean } {
  return typeof schedule === 'string'
    ? { cron: schedule, timezone: 'UTC', catchUp: false }
    : { cron: schedule.cron, timezone: schedule.timezone, catchUp: schedule.catch_up };
}

export function scheduleJobs(graph: ProjectGraph): Job[] {
  const jobs: Job[] = [];
  for (const id of graph.order) {
    const node = graph.nodes.get(id)!;
    const schedule = scheduleOf(node);
    if (!schedule) continue;
    const members = withAncestors(graph, id);
    const nodes = graph.order.filter((n) => members.has(n));
    jobs.push({ id, ...normalizeSchedule(schedule), nodes, retrain: node.kind === 'model' ? [id] : [] });
  }
  return jobs;
}
