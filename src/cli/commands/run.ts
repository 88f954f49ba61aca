import { selectNodes } from '../../graph/select.js';
import { overallStatus, runWithTriggers } from '../../run/run-project.js';
import { runNode } from '../../run/runners.js';
import { chooseMode, createReporter } from '../../ui/index.js';
import { UserError } from '../../project/user-error.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

/** `--wait <seconds>`: how long to wait for another run holding the embedded database (default 10). */
function waitSeconds(options: Options): number {
  if (typeof options.wait !== 'string') return 10;
  const seconds = Number(options.wait);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UserError(`--wait expects a number of seconds, got '${options.wait}'`, 'e.g. --wait 60, or --wait 0 to fail at once');
  return seconds;
}

/** `--threads N` when it is a positive number; otherwise mlc.yml decides. */
export function threadsOption(options: Options): number | undefined {
  const threads = typeof options.threads === 'string' ? Number.parseInt(options.threads, 10) : undefined;
  return threads && threads > 0 ? threads : undefined;
}

export default async function runCommand(options: Options, io: Io): Promise<number> {
  if (options.watch) return (await import('./dev.js')).default(options, io);
  const { result } = await compileWorkspace(options, io);
  const { project, graph, output } = result;
  const target = targetName(options, project);
  const wait = waitSeconds(options);
  const selected = selectNodes(graph, options.select as string | undefined, options.exclude as string | undefined);
  const mode = chooseMode({ isTTY: Boolean(io.stdout.isTTY), json: Boolean(options.json), env: io.env });
  const reporter = await createReporter({ mode, stdout: io.stdout as NodeJS.WriteStream, color: io.color, quiet: Boolean(options.quiet) });
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const force = options.retrain ? new Set(selected.filter((id) => graph.nodes.get(id)!.kind === 'model')) : undefined;
    const runs = await runWithTriggers(project, graph, {
      target,
      selected,
      statements: output.statements.get(target) ?? new Map(),
      fullRefresh: Boolean(options['full-refresh']),
      force,
      threads: threadsOption(options),
      selection: typeof options.select === 'string' ? options.select : '',
      listener: reporter.listener,
      runNode,
      signal: controller.signal,
      lock: {
        lockTimeoutMs: wait * 1000,
        onLockWait: (holder) => io.stderr.write(`waiting up to ${wait}s for another mlc run to release the embedded database (${holder})\n`),
      },
    });
    // 130 is the shell's code for a run stopped by Ctrl-C.
    const status = overallStatus(runs);
    return status === 'success' ? 0 : status === 'cancelled' ? 130 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await reporter.done();
  }
}
