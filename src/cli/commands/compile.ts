import { checkCompiled, writeCompiled } from '../../compile/files.js';
import { FirstWrite } from '../../compile/first-write.js';
import { compileWorkspace, projectRoot, type Io, type Options } from '../context.js';

export default async function compileCommand(options: Options, io: Io): Promise<number> {
  if (options.check) return checkCommand(options, io);
  // Into a missing compiled/, files are written while the project is still compiling.
  const first = FirstWrite.start(projectRoot(options));
  let compiled: Awaited<ReturnType<typeof compileWorkspace>>;
  try {
    // The per-file results are saved while compiled/ is being written.
    compiled = await compileWorkspace(options, io, { saveResults: false, rendered: first?.rendered, once: true });
  } catch (error) {
    first?.discard();
    throw error;
  }
  const { workspace, result } = compiled;
  let written: string[];
  if (first) written = await first.finish(result.output, () => workspace.saveResults());
  else {
    workspace.saveResults();
    written = await writeCompiled(workspace.root, result.output.files);
  }
  io.stdout.write(`compiled ${result.graph.order.length} nodes for ${Object.keys(result.project.config.targets).length} targets: ${written.length} of ${result.output.files.size} files written\n`);
  return 0;
}

async function checkCommand(options: Options, io: Io): Promise<number> {
  const { workspace, result } = await compileWorkspace(options, io, { once: true });
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
