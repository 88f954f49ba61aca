/**
 * The local scheduler for the embedded target. Jobs run one at a time through the
 * normal executor (one writer per database); a job never overlaps itself — an
 * occurrence that comes due while the same job is running or queued is dropped and
 * reported. A failing job is recorded and the schedule goes on. Missed occurrences
 * (the scheduler was down) run once at start when the job asks for catch-up.
 */

import type { Clock } from './clock.js';
import { nextRun } from './cron.js';
import type { Job } from './jobs.js';

export type JobStatus = 'success' | 'failed' | 'cancelled';

export type SchedulerEvent =
  | { type: 'job_due'; job: string; at: Date; trigger: 'schedule' | 'catch_up' }
  | { type: 'job_skipped'; job: string; at: Date; reason: string }
  | { type: 'job_done'; job: string; at: Date; status: JobStatus; error?: string };

export interface SchedulerOptions {
  jobs: Job[];
  clock: Clock;
  /** Runs one job through the executor; resolves with its outcome. */
  run: (job: Job, trigger: 'schedule' | 'catch_up', signal: AbortSignal) => Promise<JobStatus>;
  /** When each job last ran, for catch-up. */
  lastRun?: (job: Job) => Promise<Date | undefined>;
  onEvent?: (event: SchedulerEvent) => void;
  signal: AbortSignal;
}

interface Entry {
  job: Job;
  next: Date | undefined;
}

export async function runScheduler(options: SchedulerOptions): Promise<void> {
  const { clock, signal } = options;
  const emit = options.onEvent ?? (() => undefined);
  const start = clock.now();
  const entries: Entry[] = options.jobs.map((job) => ({ job, next: nextRun(job.cron, job.timezone, start) }));
  const queue: { job: Job; trigger: 'schedule' | 'catch_up' }[] = [];
  const enqueue = (job: Job, trigger: 'schedule' | 'catch_up', at: Date): void => {
    if (queue.some((q) => q.job.id === job.id) || running === job.id) {
      emit({ type: 'job_skipped', job: job.id, at, reason: 'the previous run of this job has not finished' });
      return;
    }
    emit({ type: 'job_due', job: job.id, at, trigger });
    queue.push({ job, trigger });
  };
  let running: string | undefined;

  for (const entry of entries) {
    if (!entry.job.catchUp || !options.lastRun) continue;
    const last = await options.lastRun(entry.job);
    const missed = last ? nextRun(entry.job.cron, entry.job.timezone, last) : undefined;
    if (!last || (missed && missed.getTime() <= start.getTime())) enqueue(entry.job, 'catch_up', start);
  }

  let current: Promise<void> | undefined;
  const startNext = (): void => {
    if (current || queue.length === 0 || signal.aborted) return;
    const { job, trigger } = queue.shift()!;
    running = job.id;
    current = options
      .run(job, trigger, signal)
      .then(
        (status) => emit({ type: 'job_done', job: job.id, at: clock.now(), status }),
        (error: unknown) => emit({ type: 'job_done', job: job.id, at: clock.now(), status: 'failed', error: String((error as Error)?.message ?? error) }),
      )
      .finally(() => {
        running = undefined;
        current = undefined;
        wake.abort();
      });
  };

  let wake = new AbortController();
  while (!signal.aborted) {
    const now = clock.now();
    for (const entry of entries) {
      while (entry.next && entry.next.getTime() <= now.getTime()) {
        enqueue(entry.job, 'schedule', entry.next);
        entry.next = nextRun(entry.job.cron, entry.job.timezone, entry.next);
      }
    }
    startNext();
    const upcoming = entries.map((e) => e.next?.getTime()).filter((t): t is number => t !== undefined);
    if (upcoming.length === 0 && !current) break;
    wake = new AbortController();
    const both = AbortSignal.any([signal, wake.signal]);
    const wait = upcoming.length > 0 ? Math.min(...upcoming) - now.getTime() : Number.POSITIVE_INFINITY;
    await clock.sleep(Number.isFinite(wait) ? wait : 2 ** 31 - 1, both);
  }
  await current;
}
