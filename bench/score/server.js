// The server under test, in its own process(es) so autocannon does not share its event
// loop. WORKERS > 1 forks workers sharing the port, as `mlc serve --workers` does.
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { startServer } from '../../dist/serve/index.js';

const workers = Number(process.env.WORKERS ?? 1);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

if (workers > 1 && cluster.isPrimary) {
  const forked = Array.from({ length: workers }, () => cluster.fork());
  let pending = workers;
  for (const w of forked) w.once('message', (m) => { if (--pending === 0) process.stdout.write(`${m}\n`); });
  // The bench asks for the servers' CPU time around each phase: the machine may be shared.
  process.on('message', async () => {
    const times = await Promise.all(forked.map((w) => new Promise((resolve) => { w.once('message', resolve); w.send('cpu'); })));
    process.send(times.reduce((a, b) => a + b, 0));
  });
  process.once('SIGTERM', () => { for (const w of forked) w.kill('SIGTERM'); process.exit(0); });
} else {
  const artifact = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const server = await startServer({ port: Number(process.env.PORT ?? 0), maxBodyBytes: 16_777_216, load: async () => [{ model: 'bench', version: 'v1', versionNumber: 1, status: 'CHAMPION', artifact }] });
  if (cluster.isPrimary) process.stdout.write(`${server.url}\n`);
  else process.send(server.url);
  process.on('message', () => process.send(cpu()));
  process.once('SIGTERM', () => server.close().then(() => process.exit(0)));
}
