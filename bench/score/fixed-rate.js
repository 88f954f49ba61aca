// An open-loop load generator: request i is due at start + i / rate and goes out then,
// whether or not the earlier ones have been answered, so a server stall cannot slow the
// load down (no coordinated omission) and shows in the latency of the requests behind it.
// autocannon's `overallRate` is not this: each connection sends its quota for the second
// back to back when the second starts, so its p99 measures the queue behind that burst.
import http from 'node:http';

/**
 * Sends `rate` requests per second for `seconds`. Resolves with, per request and sorted (ms):
 * `latency` from writing the request to the end of the answer, and `lateness` of the write
 * after its due time (Node's timers fire on whole milliseconds, so up to ~1 ms is the
 * generator's own granularity); and `failed`, the count of non-200 answers and errors.
 */
export function fixedRate({ url, body, rate, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  const total = Math.round(rate * seconds);
  const latency = new Float64Array(total);
  const lateness = new Float64Array(total);
  let sent = 0;
  let answered = 0;
  let failed = 0;
  return new Promise((resolve) => {
    const start = performance.now();
    const due = (i) => start + (i * 1000) / rate;
    const send = (i) => {
      const at = performance.now();
      lateness[i] = at - due(i);
      let finished = false;
      const finish = (ok) => {
        if (finished) return;
        finished = true;
        latency[i] = performance.now() - at;
        if (!ok) failed++;
        if (++answered < total) return;
        agent.destroy();
        resolve({ latency: latency.sort(), lateness: lateness.sort(), failed });
      };
      const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.once('end', () => finish(response.statusCode === 200));
      });
      // A refused or reset connection counts as a failed request, not as the end of the run.
      request.once('error', () => finish(false));
      request.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && due(sent) <= now) send(sent++);
      if (sent < total) setTimeout(tick, due(sent) - now);
    };
    tick();
  });
}

/** The q-quantile of sorted values (nearest rank). */
export const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
