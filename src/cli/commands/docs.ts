import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorSources, readWarehouse, serveSite, siteData, writeSite } from '../../docs/index.js';
import { UserError } from '../../project/user-error.js';
import { compileWorkspace, projectRoot, targetName, type Io, type Options } from '../context.js';

const DEFAULT_OUT = path.join('.mlc', 'docs');
const DEFAULT_PORT = 8580;

async function build(options: Options, io: Io, dir: string): Promise<void> {
  const started = Date.now();
  const { result } = await compileWorkspace(options, io);
  const { project, graph, output } = result;
  const warehouse = await readWarehouse(project, targetName(options, project), monitorSources(graph));
  if (warehouse.unreachable) io.stderr.write(`warehouse not read (${warehouse.unreachable}): the site shows the project without build state\n`);
  await writeSite(dir, siteData({ project, graph, output, warehouse }));
  io.stdout.write(`docs for ${graph.order.length} nodes written to ${path.relative(process.cwd(), dir) || '.'} in ${((Date.now() - started) / 1000).toFixed(2)}s\n`);
}

function port(options: Options): number {
  if (typeof options.port !== 'string') return DEFAULT_PORT;
  const value = Number(options.port);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new UserError(`invalid --port '${options.port}'`, 'a port number, 0 for any free port');
  return value;
}

export default async function docsCommand(options: Options, io: Io, args: string[]): Promise<number> {
  const action = args[0];
  if (action === 'build') {
    await build(options, io, path.resolve(projectRoot(options), typeof options.out === 'string' ? options.out : DEFAULT_OUT));
    return 0;
  }
  if (action !== 'serve') throw new UserError(action ? `unknown docs action '${action}'` : 'docs needs an action', 'mlc docs build [--out dir] | mlc docs serve [--port N]');
  const dir = typeof options.out === 'string' ? path.resolve(projectRoot(options), options.out) : await mkdtemp(path.join(os.tmpdir(), 'mlc-docs-'));
  await build(options, io, dir);
  const server = await serveSite(dir, port(options));
  io.stdout.write(`serving ${server.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  if (typeof options.out !== 'string') await rm(dir, { recursive: true, force: true });
  return 0;
}
