import cluster from 'node:cluster';
import { registryNames } from '../../registry/tables.js';
import { championsLoader, embeddedDatabase, startServer } from '../../serve/index.js';
import { UserError } from '../../project/user-error.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

/**
 * `mlc serve`: every champion behind HTTP until SIGINT/SIGTERM. Every 2 s, if the database
 * file changed, the registry is read read-only and briefly, so `mlc run` can promote a new
 * champion meanwhile (see serve/embedded.ts). `--workers N` forks N processes sharing the
 * port, for throughput beyond one core; each polls the registry itself.
 */
export default async function serveCommand(options: Options, io: Io): Promise<number> {
  const port = typeof options.port === 'string' ? Number.parseInt(options.port, 10) : 8080;
  if (!(port >= 0 && port < 65536)) throw new UserError(`--port must be a port number, got '${String(options.port)}'`);
  const workers = typeof options.workers === 'string' ? Number.parseInt(options.workers, 10) : 1;
  if (!(workers >= 1)) throw new UserError(`--workers must be a positive number, got '${String(options.workers)}'`);
  const { result } = await compileWorkspace(options, io);
  const project = result.project;
  const file = embeddedDatabase(project, targetName(options, project));
  const table = registryNames(project.config).table;
  const host = typeof options.host === 'string' ? options.host : '127.0.0.1';
  if (workers > 1 && cluster.isPrimary) {
    const forked = Array.from({ length: workers }, () => cluster.fork());
    io.stdout.write(`listening on http://${host}:${port} with ${workers} workers\n`);
    await stopSignal();
    // Signal the processes directly: worker.kill() would wait for each worker to disconnect first.
    await Promise.all(forked.map((worker) => new Promise((resolve) => worker.once('exit', resolve).process.kill('SIGTERM'))));
    return 0;
  }
  const server = await startServer({
    host,
    port,
    load: championsLoader(file, table),
    pollMs: 2000,
    log: (message) => io.stderr.write(`${message}\n`),
  });
  if (cluster.isPrimary) io.stdout.write(`listening on ${server.url}\n`);
  await stopSignal();
  await server.close();
  // A worker's IPC channel would keep it alive.
  cluster.worker?.disconnect();
  return 0;
}

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
