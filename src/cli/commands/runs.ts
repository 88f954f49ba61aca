import { createTarget } from '../../targets/index.js';
import { StateStore } from '../../run/state.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

export default async function runsCommand(options: Options, io: Io): Promise<number> {
  const { result } = await compileWorkspace(options, io);
  const last = typeof options.last === 'string' ? Number.parseInt(options.last, 10) : 20;
  const target = createTarget(result.project, targetName(options, result.project));
  try {
    const connection = await target.connect();
    try {
      const state = new StateStore(connection, result.project.config.schemas.meta);
      await state.ensure();
      const runs = await state.runs(last > 0 ? last : 20);
      for (const run of runs) {
        if (options.json) {
          io.stdout.write(`${JSON.stringify(run)}\n`);
          continue;
        }
        const seconds = (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000;
        const counts = Object.entries(run.counts)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ');
        io.stdout.write(`${run.startedAt}  ${run.status.padEnd(9)}  ${run.trigger.padEnd(12)}  ${seconds.toFixed(1)}s  ${counts || 'nothing selected'}  (${run.runId})\n`);
      }
      if (runs.length === 0) io.stdout.write('no runs recorded yet\n');
      return 0;
    } finally {
      await connection.close();
    }
  } finally {
    await target.dispose();
  }
}
