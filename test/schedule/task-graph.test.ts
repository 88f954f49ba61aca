/**
 * Issue #11: the local scheduler's plan and the compiled Snowflake task graphs agree.
 * Both are derived from the same project: `mlc schedule --list --json` (the local jobs)
 * and `mlc compile` (compiled/snowflake/schedule/, one task graph per job).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';

interface LocalJob {
  job: string;
  nodes: string[];
}

interface Edge {
  from: string;
  to: string;
}

interface Task {
  node: string;
  after: string[];
  scheduled: boolean;
}

/** `mlc_<job>__<kind>_<name>` back to the node id `<kind>.<name>`. */
function nodeOfTask(name: string): string {
  const member = name.split('__')[1]!;
  const cut = member.indexOf('_');
  return `${member.slice(0, cut)}.${member.slice(cut + 1)}`;
}

function tasksOf(file: string): { tasks: Task[]; resumed: string[] } {
  const text = readFileSync(file, 'utf8');
  const tasks: Task[] = [];
  for (const match of text.matchAll(/CREATE OR REPLACE TASK (\w+)\n(?:.*\n)*?  (SCHEDULE = .*|AFTER (.*))\nAS\n/g)) {
    tasks.push({ node: nodeOfTask(match[1]!), scheduled: match[2]!.startsWith('SCHEDULE'), after: match[3] ? match[3].split(', ').map(nodeOfTask) : [] });
  }
  const resumed = [...text.matchAll(/ALTER TASK (\w+) RESUME/g)].map((m) => nodeOfTask(m[1]!));
  return { tasks, resumed };
}

/** What a job's task graph rebuilds: the job's node and its ancestors, not through sources or models it does not retrain. */
function rebuilt(job: LocalJob, edges: readonly Edge[]): Set<string> {
  const seen = new Set<string>();
  const stack = [job.job];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id) || id.startsWith('source.') || (id.startsWith('model.') && id !== job.job)) continue;
    seen.add(id);
    stack.push(...edges.filter((e) => e.to === id).map((e) => e.from));
  }
  return seen;
}

function jobFile(dir: string, job: string): string {
  return path.join(dir, 'compiled/snowflake/schedule', `${job.replace('.', '_')}.sql`);
}

describe('local schedule and Snowflake task graphs from the same project', () => {
  let dir = '';
  let jobs: LocalJob[] = [];
  let edges: Edge[] = [];

  beforeAll(() => {
    dir = copyExample();
    const list = mlc(['schedule', '--list', '--json'], dir);
    expect(list.status).toBe(0);
    jobs = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as LocalJob);
    expect(mlc(['compile'], dir).status).toBe(0);
    edges = (JSON.parse(mlc(['graph', '--format', 'json'], dir).stdout) as { edges: Edge[] }).edges;
  });

  test('every local job has a task graph, and no task graph lacks a job', () => {
    expect(jobs.map((j) => j.job).sort()).toEqual(['model.customer_classification', 'monitor.customer_classification']);
    const monitor = tasksOf(jobFile(dir, 'monitor.customer_classification')).tasks.map((t) => t.node);
    expect(monitor).not.toContain('model.customer_classification');
    expect(monitor).not.toContain('dataset.training_data');
    for (const job of jobs) expect(tasksOf(jobFile(dir, job.job)).tasks.length).toBeGreaterThan(0);
  });

  test('tasks are created in the local build order, minus sources, models the job does not retrain and what only they read', () => {
    for (const job of jobs) {
      const { tasks } = tasksOf(jobFile(dir, job.job));
      const members = rebuilt(job, edges);
      expect(tasks.map((t) => t.node)).toEqual(job.nodes.filter((id) => members.has(id)));
      expect(tasks.at(-1)!.node).toBe(job.job);
    }
  });

  test('each AFTER edge points to a node the local plan builds earlier; only the root has the schedule', () => {
    for (const job of jobs) {
      const { tasks } = tasksOf(jobFile(dir, job.job));
      const position = new Map(job.nodes.map((id, i) => [id, i]));
      expect(tasks.filter((t) => t.scheduled).map((t) => t.node)).toEqual([tasks[0]!.node]);
      for (const task of tasks.slice(1)) {
        expect(task.after.length).toBeGreaterThan(0);
        for (const parent of task.after) expect(position.get(parent)!).toBeLessThan(position.get(task.node)!);
      }
    }
  });

  test('tasks are resumed children first: the reverse of the local order', () => {
    for (const job of jobs) {
      const { tasks, resumed } = tasksOf(jobFile(dir, job.job));
      expect(resumed).toEqual(tasks.map((t) => t.node).reverse());
    }
  });

  test('a new scheduled feature between existing nodes shows up in both, at the same place', () => {
    const copy = copyExample();
    const feature = path.join(copy, 'features/customer_recency.sql');
    writeFileSync(feature, '-- schedule: "0 1 * * *"\nSELECT customer_id, days_since_last_order FROM feature_store.customer_features\n');
    const list = mlc(['schedule', '--list', '--json'], copy);
    const compiled = mlc(['compile'], copy);
    if (list.status !== 0 || compiled.status !== 0) {
      expect.fail(`${list.stderr}${compiled.stderr}`);
    }
    const local = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as LocalJob);
    const job = local.find((j) => j.nodes.at(-1) === 'feature.customer_recency')!;
    expect(job.nodes).toEqual(['source.orders', 'feature.customer_features', 'feature.customer_recency']);
    const { tasks } = tasksOf(jobFile(copy, job.job));
    expect(tasks.map((t) => t.node)).toEqual(['feature.customer_features', 'feature.customer_recency']);
    expect(tasks[1]!.after).toEqual(['feature.customer_features']);
  });
});
