/** `mlc models list|show|promote|rollback|archive`: the registry's versions and their status. */

import type { ModelNode } from '../../graph/types.js';
import { closest } from '../../project/diagnostic.js';
import type { Project } from '../../project/load.js';
import { UserError } from '../../project/user-error.js';
import { assertRegistered, changeStatus, findVersion, readVersions, registryNames, type RegistryVersion, type StatusAction } from '../../registry/index.js';
import { createTarget, type Connection } from '../../targets/index.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

const SUBCOMMANDS = ['list', 'show', 'promote', 'rollback', 'archive'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

function modelNode(models: ModelNode[], name: string | undefined, subcommand: Subcommand): ModelNode {
  const names = models.map((m) => m.name);
  if (name === undefined) throw new UserError(`mlc models ${subcommand} needs a model name`, `models: ${names.join(', ') || 'none'}`);
  const found = models.find((m) => m.name === name);
  if (found) return found;
  const guess = closest(name, names);
  throw new UserError(`unknown model '${name}'`, guess ? `did you mean '${guess}'?` : `models: ${names.join(', ') || 'none'}`);
}

async function versionsOf(connection: Connection, project: Project, model: string | undefined): Promise<RegistryVersion[]> {
  try {
    return await readVersions(connection, registryNames(project.config), model);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new UserError(`cannot read the model registry: ${message}`, 'train a model first with `mlc run`');
  }
}

function formatMetric(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(4) : 'n/a';
}

function headline(version: RegistryVersion, metric: string): string {
  const names = [...new Set([metric, 'accuracy', 'f1_score'])];
  return names.filter((n) => n in version.performance).map((n) => `${n} ${formatMetric(version.performance[n])}`).join('  ');
}

function listText(versions: RegistryVersion[], models: ModelNode[]): string {
  const lines: string[] = [];
  for (const model of [...new Set(versions.map((v) => v.model))]) {
    const metric = models.find((m) => m.name === model)?.spec.promote.metric ?? 'auc_roc';
    lines.push(model);
    for (const v of versions.filter((x) => x.model === model)) {
      lines.push(`  ${v.version.padEnd(5)} ${v.status.padEnd(10)} ${v.trainedAt.slice(0, 19)}  ${(v.algorithm ?? '').padEnd(19)} ${headline(v, metric)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : 'no registered versions\n';
}

function showText(v: RegistryVersion): string {
  const splits = (v.performance.splits ?? {}) as Record<string, Record<string, number>>;
  const rows = (v.performance.rows ?? {}) as Record<string, number>;
  const metricNames = [...new Set(Object.values(splits).flatMap((m) => Object.keys(m)))];
  const splitNames = Object.keys(splits);
  const lines = [
    `${v.model} ${v.version}: ${v.status}`,
    `  trained        ${v.trainedAt}`,
    `  algorithm      ${v.algorithm ?? 'n/a'}`,
    `  parameters     ${JSON.stringify(v.params)}`,
    `  features       ${v.features.join(', ')}`,
    `  training rows  ${v.trainingRows ?? 'n/a'} (${splitNames.map((s) => `${s} ${rows[s] ?? 0}`).join(', ')})`,
    `  training data  fingerprint ${v.trainingFingerprint ?? 'n/a'}`,
    ...Object.entries(v.featureFingerprints).map(([id, fp]) => `    ${id.padEnd(40)} ${fp}`),
    `  artifact hash  ${v.artifactHash ?? 'n/a'}`,
    `  code version   ${v.codeVersion ?? 'n/a'}`,
    ...(v.previousChampion ? [`  replaced       ${v.previousChampion} as champion`] : []),
    `  metrics        ${splitNames.map((s) => s.padStart(10)).join(' ')}`,
    ...metricNames.map((m) => `    ${m.padEnd(12)} ${splitNames.map((s) => formatMetric(splits[s]?.[m]).padStart(10)).join(' ')}`),
  ];
  return `${lines.join('\n')}\n`;
}

export default async function modelsCommand(options: Options, io: Io, args: string[]): Promise<number> {
  const [subcommand = 'list', modelName, versionArg] = args;
  if (!(SUBCOMMANDS as readonly string[]).includes(subcommand)) {
    throw new UserError(`unknown subcommand 'models ${subcommand}'`, `subcommands: ${SUBCOMMANDS.join(', ')}`);
  }
  const sub = subcommand as Subcommand;
  const { result } = await compileWorkspace(options, io);
  const { project, graph } = result;
  const models = [...graph.nodes.values()].filter((n): n is ModelNode => n.kind === 'model');
  const model = sub === 'list' && modelName === undefined ? undefined : modelNode(models, modelName, sub);
  const target = createTarget(project, targetName(options, project), io.env);
  try {
    const connection = await target.connect();
    try {
      const versions = await versionsOf(connection, project, model?.name);
      const write = (text: string, value: unknown): void => {
        io.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : text);
      };
      if (sub === 'list') {
        write(listText(versions, models), versions);
        return 0;
      }
      if (sub === 'show') {
        assertRegistered(model!.name, versions);
        const wanted = versionArg === undefined ? (versions.find((v) => v.status === 'CHAMPION') ?? versions.at(-1)!) : findVersion(model!.name, versions, versionArg);
        write(showText(wanted), wanted);
        return 0;
      }
      const change = await changeStatus(connection, registryNames(project.config), model!, target.dialect, sub as StatusAction, versionArg);
      const summary = change.transitions.map((t) => `${t.version} ${t.from.toLowerCase()} -> ${t.to.toLowerCase()}`).join(', ');
      write(`${change.model}: ${summary}; champion: ${change.champion ?? 'none'}\n`, change);
      return 0;
    } finally {
      await connection.close();
    }
  } finally {
    await target.dispose();
  }
}
