import { describe, expect, test } from 'vitest';
import { nextRun } from '../../src/schedule/cron.js';
import type { Job } from '../../src/schedule/jobs.js';
import { runScheduler, type JobStatus, type SchedulerEvent } from '../../src/schedule/scheduler.js';
import { FakeClock } from '../support/fake-clock.js';

function job(id: string, cron: string, timezone = 'UTC', catchUp = false): Job {
  return { id, cron, timezone, catchUp, nodes: [id], retrain: [] };
}

function harness(start: string, jobs: Job[], run: (job: Job, clock: FakeClock, signal: AbortSignal) => Promise<JobStatus>, lastRun?: Date) {
  const clock = new FakeClock(new Date(start));
  const controller = new AbortController();
  const events: SchedulerEvent[] = [];
  const runs: { job: string; at: string }[] = [];
  const done = runScheduler({
    jobs,
    clock,
    signal: controller.signal,
    onEvent: (e) => events.push(e),
    lastRun: async () => lastRun,
    run: async (j, _trigger, signal) => {
      runs.push({ job: j.id, at: clock.now().toISOString() });
      return run(j, clock, signal);
    },
  });
  return { clock, controller, events, runs, done };
}

describe('cron with time zones', () => {
  test('a 09:00 Europe/Berlin job moves from 08:00Z to 07:00Z when summer time starts', () => {
    const times: string[] = [];
    let from = new Date('2026-03-27T12:00:00Z');
    for (let i = 0; i < 3; i++) {
      from = nextRun('0 9 * * *', 'Europe/Berlin', from)!;
      times.push(from.toISOString());
    }
    expect(times).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });
});

describe('the scheduler', () => {
  test('fires jobs at their instants across a DST change', async () => {
    const h = harness('2026-03-27T12:00:00Z', [job('model.churn', '0 9 * * *', 'Europe/Berlin')], async () => 'success');
    await h.clock.advanceTo(new Date('2026-03-30T12:00:00Z'));
    h.controller.abort();
    await h.done;
    expect(h.runs.map((r) => r.at)).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  test('never overlaps a job with itself when a run outlasts its interval', async () => {
    let active = 0;
    let most = 0;
    const h = harness('2026-01-01T00:00:00Z', [job('feature.x', '*/5 * * * *')], async (_j, clock, signal) => {
      active++;
      most = Math.max(most, active);
      await clock.sleep(12 * 60_000, signal);
      active--;
      return 'success';
    });
    await h.clock.advanceTo(new Date('2026-01-01T00:31:00Z'));
    h.controller.abort();
    await h.done;
    expect(most).toBe(1);
    expect(h.events.some((e) => e.type === 'job_skipped')).toBe(true);
    expect(h.runs.length).toBeGreaterThanOrEqual(2);
    expect(h.runs.length).toBeLessThan(6);
  });

  test('a failing job is recorded and the next one still runs', async () => {
    let calls = 0;
    const h = harness('2026-01-01T00:00:00Z', [job('model.m', '0 * * * *')], async () => {
      calls++;
      if (calls === 1) throw new Error('training data has no rows');
      return 'success';
    });
    await h.clock.advanceTo(new Date('2026-01-01T02:30:00Z'));
    h.controller.abort();
    await h.done;
    const done = h.events.filter((e) => e.type === 'job_done');
    expect(done.map((e) => (e.type === 'job_done' ? e.status : ''))).toEqual(['failed', 'success']);
    expect(done[0]).toMatchObject({ error: 'training data has no rows' });
  });

  test('catches up a missed run once at start when asked, and not otherwise', async () => {
    const missed = harness('2026-01-02T12:00:00Z', [job('monitor.m', '0 6 * * *', 'UTC', true)], async () => 'success', new Date('2026-01-01T06:00:00Z'));
    await missed.clock.advanceTo(new Date('2026-01-02T12:00:01Z'));
    missed.controller.abort();
    await missed.done;
    expect(missed.runs.map((r) => r.at)).toEqual(['2026-01-02T12:00:00.000Z']);

    const current = harness('2026-01-02T12:00:00Z', [job('monitor.m', '0 6 * * *', 'UTC', true)], async () => 'success', new Date('2026-01-02T06:00:00Z'));
    await current.clock.advanceTo(new Date('2026-01-02T12:00:01Z'));
    current.controller.abort();
    await current.done;
    expect(current.runs).toEqual([]);
  });

  test('stopping cancels the running job and ends the loop', async () => {
    let cancelled = false;
    const h = harness('2026-01-01T00:00:00Z', [job('model.m', '0 * * * *')], async (_j, clock, signal) => {
      await clock.sleep(3_600_000 * 5, signal);
      cancelled = signal.aborted;
      return 'cancelled';
    });
    await h.clock.advanceTo(new Date('2026-01-01T01:00:00Z'));
    h.controller.abort();
    await h.done;
    expect(cancelled).toBe(true);
    expect(h.events.at(-1)).toMatchObject({ type: 'job_done', status: 'cancelled' });
  });
});
