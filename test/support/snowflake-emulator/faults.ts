/**
 * Fault injection, set by tests while the emulator runs. Query requests are numbered from 1
 * in arrival order (retries count as new arrivals).
 */
export class Faults {
  /** Query-request numbers whose socket is destroyed after the statement ran, before any answer. */
  readonly dropAfterExecute = new Set<number>();
  /** How many of the next query requests get an HTTP status instead of an answer. */
  private failures: { remaining: number; status: number } = { remaining: 0, status: 503 };
  /** Milliseconds every query response is held back. */
  delayMs = 0;
  /** Milliseconds every login response is held back. */
  loginDelayMs = 0;

  /** Answers the next `count` query requests with `status` (default 503 Service Unavailable). */
  failNext(count: number, status = 503): void {
    this.failures = { remaining: count, status };
  }

  /** Drops the connection of query request number `n` after executing it. */
  dropQuery(n: number): void {
    this.dropAfterExecute.add(n);
  }

  /** The status to answer instead of running the request, if one is pending. */
  takeFailure(): number | undefined {
    if (this.failures.remaining <= 0) return undefined;
    this.failures.remaining--;
    return this.failures.status;
  }
}
