import type { Clock } from '../../src/schedule/clock.js';

/** A clock that moves only when the test says so; sleepers wake in time order. */
export class FakeClock implements Clock {
  private time: number;
  private sleepers: { at: number; resolve: () => void }[] = [];

  constructor(start: Date) {
    this.time = start.getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const sleeper: { at: number; resolve: () => void } = { at: this.time + Math.max(0, ms), resolve: () => undefined };
      const wake = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      sleeper.resolve = wake;
      this.sleepers.push(sleeper);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  /** Moves time forward to `until`, waking each sleeper at its moment and letting it run. */
  async advanceTo(until: Date): Promise<void> {
    for (;;) {
      await settle();
      const next = this.sleepers.filter((s) => s.at <= until.getTime()).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    this.time = until.getTime();
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
