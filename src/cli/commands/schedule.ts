import { listProjectFiles } from '../../project/load.js';
import { UserError } from '../../project/user-error.js';
import { createTarget } from '../../targets/index.js';
import { overallStatus, runWithTriggers } from '../../run/run-project.js';
import { runNode } from '../../run/runners.js';
import { StateStore } from '../../run/state.js';
import { systemClock } from '../../schedule/clock.js';
import { nextRun } from '../../schedule/cron.js';
import { scheduleJobs, type Job } from '../../schedule/jobs.js';
import { runScheduler, type SchedulerEvent } from '../../schedule/scheduler.js';
import { chooseMode, createReporter } from '../../ui/index.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

function listJobs(jobs: Job[], io: Io, json: boolean): void {
  const now = new Date();
  for (const job of jobs) {
    const upcoming: Date[] = [];
    let from = now;
    for (let i = 0; i < 3; i++) {
      const next = nextRun(job.cron, job.timezone, from);
      if (!next) break;
      upcoming.push(next);
      from = next;
    }
    if (json) {
      io.stdout.write(`${JSON.stringify({ job: job.id, cron: job.cron, timezone: job.timezone, catch_up: job.catchUp, nodes: job.nodes, next: upcoming.map((d) => d.toISOString()) })}\n`);
    } else {
      io.stdout.write(`${job.id}  "${job.cron}" ${job.timezone}${job.catchUp ? ' (catch up)' : ''}\n  next: ${upcoming.map((d) => d.toISOString()).join(', ')}\n  runs: ${job.nodes.join(' -> ')}\n`);
    }
  }
}

function describe(event: SchedulerEvent): string {
  const at = event.at.toISOString();
  switch (event.type) {
    case 'job_due':
      return `${at}  start  ${event.job}${event.trigger === 'catch_up' ? ' (catching up a missed run)' : ''}`;
    case 'job_skipped':
      return `${at}  skip   ${event.job}: ${event.reason}`;
    case 'job_done':
      return `${at}  ${event.status === 'success' ? 'done ' : 'FAIL '}  ${event.job}${event.error ? `: ${event.error}` : ''}`;
  }
}

export default async function scheduleCommand(options: Options, io: Io): Promise<number> {
  const { result, workspace } = await compileWorkspace(options, io);
  const jobs = scheduleJobs(result.graph);
  if (options.list) {
    listJobs(jobs, io, Boolean(options.json));
    return 0;
  }
  if (jobs.length === 0) throw new UserError('no node has a schedule', 'add `schedule: "0 3 * * *"` to a model, monitor, batch serving or feature config');
  const target = targetName(options, result.project);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const mode = chooseMode({ isTTY: Boolean(io.stdout.isTTY), json: Boolean(options.json), env: io.env });
  io.stderr.write(`mlc schedule: ${jobs.length} job${jobs.length === 1 ? '' : 's'} on ${target}; Ctrl-C stops\n`);
  try {
    await runScheduler({
      jobs,
      clock: systemClock,
      signal: controller.signal,
      onEvent: (event) => io.stderr.write(`${describe(event)}\n`),
      lastRun: async (job) => {
        const t = createTarget(result.project, target);
        try {
          const connection = await t.connect();
          const state = new StateStore(connection, result.project.config.schemas.meta);
          await state.ensure();
          const last = (await state.runs(1000)).find((r) => r.trigger.startsWith(`schedule:${job.id}`));
          await connection.close();
          return last ? new Date(last.startedAt) : undefined;
        } finally {
          await t.dispose();
        }
      },
      run: async (job, trigger, signal) => {
        workspace.update(await listProjectFiles(workspace.root));
        const compiled = workspace.compile();
        if (!compiled.project || !compiled.graph || !compiled.output) throw new Error('the project no longer compiles; fix it and the next run picks it up');
        const reporter = await createReporter({ mode, stdout: io.stdout as NodeJS.WriteStream, color: io.color, quiet: Boolean(options.quiet) });
        try {
          const runs = await runWithTriggers(compiled.project, compiled.graph, {
            target,
            selected: job.nodes.filter((id) => compiled.graph!.nodes.has(id)),
            statements: compiled.output.statements.get(target) ?? new Map(),
            force: new Set(job.retrain),
            trigger: `schedule:${job.id}${trigger === 'catch_up' ? ':catch_up' : ''}`,
            selection: `+${job.id}`,
            listener: reporter.listener,
            runNode,
            signal,
          });
          return overallStatus(runs);
        } finally {
          await reporter.done();
        }
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}
