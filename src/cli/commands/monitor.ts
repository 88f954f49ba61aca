/** `mlc monitor [name]`: run the monitors through the executor, then summarize what their tables hold. */

import { monitorTables } from '../../compile/monitor.js';
import { qualified } from '../../compile/names.js';
import { selectNodes } from '../../graph/select.js';
import type { GraphNode, MonitorNode } from '../../graph/types.js';
import { formatMonitorSummary, readMonitorResults } from '../../monitor/index.js';
import type { MonitorResults } from '../../monitor/index.js';
import { closest } from '../../project/diagnostic.js';
import type { Project } from '../../project/load.js';
import { UserError } from '../../project/user-error.js';
import { runProject } from '../../run/run-project.js';
import { runNode } from '../../run/runners.js';
import { createTarget } from '../../targets/index.js';
import { chooseMode, createReporter } from '../../ui/index.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

function chooseMonitors(nodes: Iterable<GraphNode>, name: string | undefined): MonitorNode[] {
  const monitors = [...nodes].filter((n): n is MonitorNode => n.kind === 'monitor');
  if (monitors.length === 0) throw new UserError('the project has no monitors', 'add a monitor file to monitors/ (see docs/monitoring.md)');
  if (name === undefined) return monitors;
  const found = monitors.find((m) => m.name === name);
  if (found) return [found];
  const guess = closest(name, monitors.map((m) => m.name));
  throw new UserError(`unknown monitor '${name}'`, guess ? `did you mean '${guess}'?` : `monitors: ${monitors.map((m) => m.name).join(', ')}`);
}

async function readResults(project: Project, target: string, monitors: MonitorNode[], models: Map<string, GraphNode>): Promise<MonitorResults[]> {
  const handle = createTarget(project, target);
  try {
    const connection = await handle.connect();
    try {
      const results: MonitorResults[] = [];
      for (const m of monitors) {
        results.push(
          await readMonitorResults(connection, {
            monitor: m.name,
            model: models.get(m.model)!.name,
            performanceTable: qualified(m.relation),
            tables: monitorTables(m),
            metrics: m.spec.performance.metrics,
          }),
        );
      }
      return results;
    } finally {
      await connection.close();
    }
  } finally {
    await handle.dispose();
  }
}

export default async function monitorCommand(options: Options, io: Io, args: string[]): Promise<number> {
  const { result } = await compileWorkspace(options, io);
  const { project, graph, output } = result;
  const monitors = chooseMonitors(graph.nodes.values(), args[0]);
  const target = targetName(options, project);
  const ids = monitors.map((m) => m.id);
  const mode = chooseMode({ isTTY: Boolean(io.stdout.isTTY), json: false, env: io.env });
  const reporter = await createReporter({ mode, stdout: io.stdout as NodeJS.WriteStream, color: io.color, quiet: true });
  let status: string;
  try {
    // Inputs are brought up to date (unchanged ones are skipped); monitors recompute every time.
    const run = await runProject(project, graph, {
      target,
      selected: selectNodes(graph, ids.map((id) => `+${id}`).join(' ')),
      statements: output.statements.get(target) ?? new Map(),
      force: new Set(ids),
      selection: ids.join(' '),
      trigger: 'monitor',
      listener: reporter.listener,
      runNode,
    });
    status = run.status;
  } finally {
    await reporter.done();
  }
  if (status !== 'success') return 1;
  const results = await readResults(project, target, monitors, graph.nodes);
  io.stdout.write(results.map(formatMonitorSummary).join('\n'));
  const breached = results.some((r) => r.alerts.some((a) => a.severity === 'error'));
  return options['fail-on-alert'] && breached ? 1 : 0;
}
