// The server under test, in its own process(es) so the load generators do not share its
// event loop. Like `mlc serve`, it serves the champion of a registry database (the argument)
// and polls it every 2 s; WORKERS > 1 forks workers sharing the port, as `--workers` does.
import cluster from 'node:cluster';
import { championsLoader, startServer } from '../../dist/serve/index.js';

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
  const server = await startServer({ port: Number(process.env.PORT ?? 0), maxBodyBytes: 16_777_216, load: championsLoader(process.argv[2], 'model_registry'), pollMs: 2000 });
  if (cluster.isPrimary) process.stdout.write(`${server.url}\n`);
  else process.send(server.url);
  process.on('message', () => process.send(cpu()));
  process.once('SIGTERM', () => server.close().then(() => process.exit(0)));
}
