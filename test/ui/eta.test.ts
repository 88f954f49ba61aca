import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/run/events.js';
import { runProgress } from '../../src/ui/progress.js';
import { applyEvent, createRunState } from '../../src/ui/run-state.js';
import { CUSTOMER_NODES, RUN_ID, runStart } from './fixtures.js';

const [SOURCE, FEATURES, TRAINING, MODEL, SCORES] = CUSTOMER_NODES.map((n) => n.id) as [string, string, string, string, string];

function stateAt(events: [number, RunEvent][]) {
  const state = createRunState();
  for (const [at, event] of events) applyEvent(state, event, at);
  return state;
}

describe('the ETA while nodes run', () => {
  const start = (id: string): RunEvent => ({ type: 'node_start', runId: RUN_ID, id, action: 'create' });
  const finish = (id: string, durationMs: number): RunEvent => ({ type: 'node_finish', runId: RUN_ID, id, durationMs });
  const state = stateAt([
    [0, runStart(CUSTOMER_NODES, 1)],
    [0, start(SOURCE)],
    [1000, finish(SOURCE, 1000)],
    [1000, start(FEATURES)],
    [2000, finish(FEATURES, 1000)],
    [2000, start(TRAINING)],
    [3000, finish(TRAINING, 1000)],
    [3000, start(MODEL)],
  ]);

  it('counts down as the running node spends its expected time', () => {
    // Mean 1s: the model's remaining share of it plus the queued scoring, on one thread.
    expect(runProgress(state, 3000).etaMs).toBe(2000);
    expect(runProgress(state, 3600).etaMs).toBe(1400);
  });

  it('never shows a time the running node has already overrun', () => {
    expect(runProgress(state, 5000).etaMs).toBe(1000);
    applyEvent(state, start(SCORES), 5000);
    expect(runProgress(state, 7000).etaMs).toBeUndefined();
  });
});
