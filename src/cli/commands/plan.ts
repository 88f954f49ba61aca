import { selectNodes } from '../../graph/select.js';
import { localTrainingNote } from '../../registry/training-spec.js';
import { planProject } from '../../run/run-project.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

export default async function planCommand(options: Options, io: Io): Promise<number> {
  const { result } = await compileWorkspace(options, io);
  const { project, graph } = result;
  const selected = selectNodes(graph, options.select as string | undefined, options.exclude as string | undefined);
  const plan = await planProject(project, graph, { target: targetName(options, project), selected, fullRefresh: Boolean(options['full-refresh']) });
  const embedded = project.config.targets[targetName(options, project)]?.type !== 'snowflake';
  for (const id of selected) {
    const step = plan.get(id)!;
    const node = graph.nodes.get(id)!;
    const note = embedded && node.kind === 'model' ? localTrainingNote(node) : undefined;
    const reason = note && step.action !== 'unchanged' ? `${step.reason}; ${note}` : step.reason;
    if (options.json) io.stdout.write(`${JSON.stringify({ id, action: step.action, reason })}\n`);
    else io.stdout.write(`${step.action.padEnd(9)}  ${node.kind} ${node.name}  (${reason})\n`);
  }
  return 0;
}
