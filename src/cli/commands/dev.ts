import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_FILE } from '../../project/load.js';
import { UserError } from '../../project/user-error.js';
import { runNode } from '../../run/runners.js';
import { chooseMode, createReporter } from '../../ui/index.js';
import { WatchSession } from '../../watch/index.js';
import { projectRoot, type Io, type Options } from '../context.js';
import { threadsOption } from './run.js';

/** `mlc dev` and `mlc run --watch`: run, then re-run what each save changes, until Ctrl-C. */
export default async function devCommand(options: Options, io: Io): Promise<number> {
  const root = projectRoot(options);
  if (!existsSync(path.join(root, PROJECT_FILE))) throw new UserError(`no ${PROJECT_FILE} in ${root}`, 'run `mlc init` or pass --project <dir>');
  const mode = chooseMode({ isTTY: Boolean(io.stdout.isTTY), json: Boolean(options.json), env: io.env });
  const reporter = await createReporter({ mode, stdout: io.stdout as NodeJS.WriteStream, color: io.color, quiet: Boolean(options.quiet) });
  // Listen before starting, so a Ctrl-C during the first run still stops cleanly.
  let stop = (): void => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const session = await WatchSession.start({
      root,
      target: typeof options.target === 'string' ? options.target : undefined,
      select: typeof options.select === 'string' ? options.select : undefined,
      exclude: typeof options.exclude === 'string' ? options.exclude : undefined,
      threads: threadsOption(options),
      listener: reporter.listener,
      runNode,
    });
    await stopped;
    await session.stop();
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await reporter.done();
  }
}
