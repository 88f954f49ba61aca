// A closed-loop load generator for throughput: `connections` keep-alive connections each
// send the next request as soon as the previous one is answered. autocannon is not used
// here: with these ~450 kB bodies it held the whole run to about 200 requests/s on this
// machine (199k rows/s with 2, 4 or 8 connections, and 299k once), while the server's CPU
// was not saturated; it measured itself. Node's own client does not stall that way.
import http from 'node:http';

/** Sends `amount` requests over `connections` connections; resolves with the elapsed seconds and the non-200 count. */
export function closedLoop({ url, body, connections, amount }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  let sent = 0;
  let answered = 0;
  let failed = 0;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const next = () => {
      if (sent >= amount) return;
      sent++;
      const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.once('end', () => {
          if (response.statusCode !== 200) failed++;
          if (++answered === amount) {
            agent.destroy();
            resolve({ seconds: (performance.now() - start) / 1000, failed });
          } else next();
        });
      });
      request.once('error', reject);
      request.end(body);
    };
    for (let c = 0; c < connections; c++) next();
  });
}
