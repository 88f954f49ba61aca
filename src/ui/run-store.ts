/**
 * Between the executor and the Ink UI: events are folded into the run state as they
 * arrive, but subscribers hear about it at most once per interval, so a burst of 2,000
 * events costs one render. While nodes run it keeps ticking, for spinners and elapsed times.
 */

import type { RunEvent } from '../run/events.js';
import { applyEvent, createRunState, type RunState } from './run-state.js';

export interface RunSnapshot {
  readonly state: RunState;
  /** Clock time of the snapshot; what elapsed times and the spinner are measured against. */
  readonly now: number;
  /** Increases with every published snapshot. */
  readonly version: number;
}

export interface RunStore {
  /** Takes one event; suitable as the executor's listener. */
  push(event: RunEvent): void;
  subscribe(onChange: () => void): () => void;
  /** The last published snapshot; the same object until the next publication. */
  snapshot(): RunSnapshot;
  /** Publishes pending changes now. */
  flush(): void;
  /** Publishes pending changes and stops the clock. */
  close(): void;
}

export interface RunStoreOptions {
  /** Minimum time between publications. */
  intervalMs?: number;
  now?: () => number;
}

const DEFAULT_INTERVAL_MS = 100;

export function createRunStore(options: RunStoreOptions = {}): RunStore {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const clock = options.now ?? Date.now;
  const state = createRunState();
  const subscribers = new Set<() => void>();
  let current: RunSnapshot = { state, now: clock(), version: 0 };
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const publish = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    current = { state, now: clock(), version: current.version + 1 };
    for (const subscriber of subscribers) subscriber();
    if (!closed && !state.end && state.counts.running > 0) schedule();
  };

  const schedule = (): void => {
    if (timer || closed) return;
    timer = setTimeout(publish, intervalMs);
    // The store must never be what keeps the process alive.
    timer.unref();
  };

  return {
    push(event) {
      applyEvent(state, event, clock());
      if (event.type === 'run_end') publish();
      else schedule();
    },
    subscribe(onChange) {
      subscribers.add(onChange);
      return () => subscribers.delete(onChange);
    },
    snapshot: () => current,
    flush: publish,
    close() {
      closed = true;
      publish();
    },
  };
}
