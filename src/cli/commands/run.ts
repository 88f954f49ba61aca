import { selectNodes } from '../../graph/select.js';
import { runProject } from '../../run/run-project.js';
import { runNode } from '../../run/runners.js';
import { chooseMode, createReporter } from '../../ui/index.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

export default async function runCommand(options: Options, io: Io): Promise<number> {
  const { result } = await compileWorkspace(options, io);
  const { project, graph, output } = result;
  const target = targetName(options, project);
  const selected = selectNodes(graph, options.select as string | undefined, options.exclude as string | undefined);
  const mode = chooseMode({ isTTY: Boolean(io.stdout.isTTY), json: Boolean(options.json), env: io.env });
  const reporter = createReporter({ mode, stdout: io.stdout as NodeJS.WriteStream, color: io.color, quiet: Boolean(options.quiet) });
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const force = options.retrain ? new Set(selected.filter((id) => graph.nodes.get(id)!.kind === 'model')) : undefined;
    const threads = typeof options.threads === 'string' ? Number.parseInt(options.threads, 10) : undefined;
    const run = await runProject(project, graph, {
      target,
      selected,
      statements: output.statements.get(target) ?? new Map(),
      fullRefresh: Boolean(options['full-refresh']),
      force,
      threads: threads && threads > 0 ? threads : undefined,
      selection: typeof options.select === 'string' ? options.select : '',
      listener: reporter.listener,
      runNode,
      signal: controller.signal,
    });
    return run.status === 'success' ? 0 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await reporter.done();
  }
}
