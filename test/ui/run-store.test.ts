import { describe, expect, it } from 'vitest';
import { createRunStore } from '../../src/ui/index.js';
import { CUSTOMER_NODES, RUN_ID, bigRunEvents, customerRun, runStart } from './fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('run store', () => {
  it('coalesces a burst of events into one publication', async () => {
    const store = createRunStore({ intervalMs: 40 });
    let published = 0;
    store.subscribe(() => published++);
    const { events } = bigRunEvents();
    for (const event of events) store.push(event);
    expect(published).toBe(0);
    expect(store.snapshot().version).toBe(0);
    await sleep(60);
    expect(published).toBe(1);
    const { state } = store.snapshot();
    expect(state.nodes.size).toBe(2000);
    expect(state.counts).toEqual({ queued: 746, running: 4, built: 1241, unchanged: 3, skipped: 5, failed: 1 });
    store.close();
  });

  it('keeps publishing while nodes run, with an advancing clock, and stops at run_end', async () => {
    let t = 0;
    const store = createRunStore({ intervalMs: 20, now: () => t });
    let published = 0;
    store.subscribe(() => published++);
    store.push(runStart(CUSTOMER_NODES));
    store.push({ type: 'node_start', runId: RUN_ID, id: CUSTOMER_NODES[1]!.id, action: 'create' });
    t = 500;
    await sleep(150);
    expect(published).toBeGreaterThanOrEqual(3);
    expect(store.snapshot().now).toBe(500);
    const events = customerRun();
    for (const event of events.slice(1, -1)) store.push(event);
    const before = published;
    store.push(events.at(-1)!);
    // run_end is shown at once, not on the next tick.
    expect(published).toBe(before + 1);
    expect(store.snapshot().state.end?.status).toBe('failed');
    await sleep(80);
    expect(published).toBe(before + 1);
  });

  it('stops publishing when closed', async () => {
    const store = createRunStore({ intervalMs: 10 });
    let published = 0;
    store.subscribe(() => published++);
    store.push(runStart(CUSTOMER_NODES));
    store.push({ type: 'node_start', runId: RUN_ID, id: CUSTOMER_NODES[0]!.id, action: 'create' });
    store.close();
    const after = published;
    await sleep(50);
    expect(published).toBe(after);
  });

  it('forgets the previous run on run_start', () => {
    const store = createRunStore();
    for (const event of customerRun()) store.push(event);
    store.push(runStart(CUSTOMER_NODES.slice(0, 2)));
    store.flush();
    const { state } = store.snapshot();
    expect(state.nodes.size).toBe(2);
    expect(state.end).toBeUndefined();
    expect(state.warnings).toEqual([]);
    expect(state.counts.queued).toBe(2);
    store.close();
  });
});
