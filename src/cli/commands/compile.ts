import { checkCompiled, writeOutput } from '../../compile/files.js';
import { compileWorkspace, type Io, type Options } from '../context.js';

export default async function compileCommand(options: Options, io: Io): Promise<number> {
  // The per-file results are saved while compiled/ is being written.
  const { workspace, result } = await compileWorkspace(options, io, { saveResults: false });
  if (options.check) {
    workspace.saveResults();
    const files = result.output.files;
    const stale = await checkCompiled(workspace.root, files);
    const problems = [
      ...stale.changed.map((f) => `  changed: ${f}`),
      ...stale.missing.map((f) => `  missing: ${f}`),
      ...stale.extra.map((f) => `  no longer produced: ${f}`),
    ];
    if (problems.length === 0) {
      io.stdout.write(`compiled/ is current (${files.size} files)\n`);
      return 0;
    }
    io.stderr.write(`compiled/ is stale:\n${problems.join('\n')}\nRun \`mlc compile\` and commit compiled/.\n`);
    return 1;
  }
  const written = await writeOutput(workspace.root, result.output, () => workspace.saveResults());
  io.stdout.write(`compiled ${result.graph.order.length} nodes for ${Object.keys(result.project.config.targets).length} targets: ${written.length} of ${result.output.files.size} files written\n`);
  return 0;
}
