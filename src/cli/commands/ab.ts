import { qualified } from '../../compile/names.js';
import type { ModelNode, MonitorNode, ScoringNode } from '../../graph/types.js';
import { UserError } from '../../project/user-error.js';
import { changeStatus, readVersions, registryNames, type StatusChange } from '../../registry/index.js';
import type { Project } from '../../project/load.js';
import { createTarget } from '../../targets/index.js';
import { abReport, embeddedDatabase, readVersion, withReadOnlyDatabase, type Comparison, type ScoredOutcome } from '../../serve/index.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

/**
 * `mlc ab report <model>`: the latest scores batch joined to the monitor's actuals,
 * champion vs challenger. An actual counts as positive when it equals the model's
 * positive class or the batch's positive label.
 */
export default async function abCommand(options: Options, io: Io, args: string[]): Promise<number> {
  const [action, name] = args;
  if (action !== 'report' || !name) throw new UserError('usage: mlc ab report <model>');
  const { result } = await compileWorkspace(options, io);
  const { project, graph } = result;
  const model = [...graph.nodes.values()].find((n): n is ModelNode => n.kind === 'model' && n.name === name);
  if (!model) throw new UserError(`unknown model '${name}'`);
  const scoring = [...graph.nodes.values()].find((n): n is ScoringNode => n.kind === 'scoring' && n.model === model.id);
  const monitor = [...graph.nodes.values()].find((n): n is MonitorNode => n.kind === 'monitor' && n.model === model.id);
  if (!scoring?.serving.batch) throw new UserError(`model '${name}' has no batch scores to compare`, 'add serving.batch and serving.ab to its YAML');
  if (!monitor) throw new UserError(`model '${name}' has no monitor with actuals`, 'add monitors/<file>.yml with `model` and `actuals`');
  const actuals = monitor.spec.actuals;
  const actualsRelation = graph.nodes.get(monitor.actuals)!.relation!;
  const entity = model.spec.entity.toLowerCase();
  const batch = scoring.serving.batch;
  const scores = qualified(scoring.relation);
  const file = embeddedDatabase(project, targetName(options, project));
  const { rows, positive } = await withReadOnlyDatabase(file, async (connection) => {
    const champion = await readVersion(connection, registryNames(project.config).table, model.name, { status: 'CHAMPION' });
    const query = await connection.query(
      `SELECT s.variant, s.prediction_score AS score, CAST(a.${actuals.label} AS VARCHAR) AS actual
       FROM ${scores} s JOIN ${qualified(actualsRelation)} a ON CAST(a.${actuals.key} AS VARCHAR) = CAST(s.${entity} AS VARCHAR)
       WHERE s.model_name = ? AND s.run_id = (SELECT MAX(run_id) FROM ${scores} WHERE model_name = ?)`,
      [model.name, model.name],
    );
    return { rows: query.rows, positive: [String(champion?.artifact.classes?.[1] ?? '1'), batch.labels[1]] };
  });
  const outcomes: ScoredOutcome[] = rows.map((r) => ({ variant: String(r.variant), score: Number(r.score), actual: positive.includes(String(r.actual)) ? 1 : 0 }));
  let report;
  try {
    report = abReport(outcomes, batch.threshold);
  } catch (error) {
    throw new UserError((error as Error).message, 'A/B needs serving.ab, a CHALLENGER version, a scores batch routed to it, and actuals');
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const line = (label: string, c: Comparison, digits = 4): string =>
    `${label.padEnd(9)} challenger - champion ${c.difference.toFixed(digits)}  95% CI [${c.low.toFixed(digits)}, ${c.high.toFixed(digits)}]  p = ${c.pValue.toFixed(4)}\n`;
  io.stdout.write(`A/B report for ${model.name} (latest batch, ${outcomes.length} rows with actuals)\n`);
  io.stdout.write(`  champion    rows ${report.champion.rows}  accuracy ${report.champion.accuracy.toFixed(4)}  auc ${report.champion.auc.toFixed(4)}\n`);
  io.stdout.write(`  challenger  rows ${report.challenger.rows}  accuracy ${report.challenger.accuracy.toFixed(4)}  auc ${report.challenger.auc.toFixed(4)}\n`);
  io.stdout.write(`  ${line('accuracy', report.accuracy)}  ${line('auc', report.auc)}`);
  io.stdout.write(`${report.promote ? 'promote the challenger' : 'keep the champion'}: ${report.reason}\n`);
  if (report.promote && model.spec.promote.ab_auto) {
    const change = await promoteChallenger(project, targetName(options, project), model, io);
    io.stdout.write(`promoted (promote.ab_auto): ${change.transitions.map((t) => `${t.version} ${t.from.toLowerCase()} -> ${t.to.toLowerCase()}`).join(', ')}\n`);
  }
  return 0;
}

async function promoteChallenger(project: Project, target: string, model: ModelNode, io: Io): Promise<StatusChange> {
  const warehouse = createTarget(project, target, io.env);
  try {
    const connection = await warehouse.connect();
    try {
      const names = registryNames(project.config);
      const challenger = (await readVersions(connection, names, model.name)).find((v) => v.status === 'CHALLENGER')!;
      return await changeStatus(connection, names, model, warehouse.dialect, 'promote', challenger.version);
    } finally {
      await connection.close();
    }
  } finally {
    await warehouse.dispose();
  }
}
