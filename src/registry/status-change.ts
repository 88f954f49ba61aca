/**
 * Manual status changes: promote a version to champion (the old champion is archived),
 * roll back (the champion before the current one returns), archive a version. Each
 * change and the scoring function it implies are written in one step (see write.ts).
 * Rolling back follows `previous_champion`, which a version gets when it becomes
 * champion, so repeated rollbacks walk back through the champions in order.
 */

import type { ModelNode } from '../graph/types.js';
import { parseArtifact } from '../ml/index.js';
import { UserError } from '../project/user-error.js';
import type { Connection, Dialect } from '../targets/target.js';
import { createScoringFunction, scoringFunctionName } from './functions.js';
import type { Status } from './promotion.js';
import type { RegistryNames } from './tables.js';
import { readArtifactJson, readVersions, type RegistryVersion } from './versions.js';
import { writeRegistry, type Write } from './write.js';

export type StatusAction = 'promote' | 'rollback' | 'archive';

export interface StatusTransition {
  version: string;
  from: Status;
  to: Status;
}

export interface StatusChange {
  action: StatusAction;
  model: string;
  transitions: StatusTransition[];
  /** The champion once the change is applied. */
  champion: string | null;
  /** Set on a version that becomes champion by promotion: the champion it replaces. */
  previousChampion?: { version: string; value: string | null };
}

/** Accepts `v2` or `2`. */
export function versionName(input: string): string {
  return /^\d+$/.test(input) ? `v${input}` : input.toLowerCase();
}

/** The version named `input` (`v2` or `2`); a UserError listing the versions when there is none. */
export function findVersion(model: string, versions: readonly RegistryVersion[], input: string): RegistryVersion {
  const name = versionName(input);
  const found = versions.find((v) => v.version === name);
  if (!found) throw new UserError(`${model} has no version ${input}`, `its versions: ${versions.map((v) => v.version).join(', ')}`);
  return found;
}

export function assertRegistered(model: string, versions: readonly RegistryVersion[]): void {
  if (versions.length === 0) throw new UserError(`${model} has no registered versions`, 'train it first with `mlc run`');
}

/** Decides what a status change does; throws a UserError when it cannot be done. */
export function planStatusChange(model: string, versions: readonly RegistryVersion[], action: StatusAction, version?: string): StatusChange {
  assertRegistered(model, versions);
  const champion = versions.find((v) => v.status === 'CHAMPION');
  if (action === 'rollback') {
    if (!champion) throw new UserError(`${model} has no champion to roll back`, 'promote a version with `mlc models promote`');
    const previous = champion.previousChampion === null ? undefined : versions.find((v) => v.version === champion.previousChampion);
    if (!previous) throw new UserError(`${model} ${champion.version} has no earlier champion to return to`, 'promote a version with `mlc models promote`');
    return {
      action,
      model,
      transitions: [
        { version: champion.version, from: 'CHAMPION', to: 'ARCHIVED' },
        { version: previous.version, from: previous.status, to: 'CHAMPION' },
      ],
      champion: previous.version,
    };
  }
  if (version === undefined) throw new UserError(`mlc models ${action} needs a model and a version`, `e.g. mlc models ${action} ${model} ${versions.at(-1)!.version}`);
  const target = findVersion(model, versions, version);
  if (action === 'promote') {
    if (target.status === 'CHAMPION') throw new UserError(`${model} ${target.version} is already the champion`);
    return {
      action,
      model,
      transitions: [...(champion ? [{ version: champion.version, from: 'CHAMPION' as const, to: 'ARCHIVED' as const }] : []), { version: target.version, from: target.status, to: 'CHAMPION' }],
      champion: target.version,
      previousChampion: { version: target.version, value: champion?.version ?? null },
    };
  }
  if (target.status === 'CHAMPION') {
    throw new UserError(`${model} ${target.version} is the champion and serves predictions`, 'promote another version or roll back first, then archive it');
  }
  if (target.status === 'ARCHIVED') throw new UserError(`${model} ${target.version} is already archived`);
  return { action, model, transitions: [{ version: target.version, from: target.status, to: 'ARCHIVED' }], champion: champion?.version ?? null };
}

/** Writes the change and, when the champion changes, the scoring function serving it. */
export async function applyStatusChange(connection: Connection, names: RegistryNames, model: ModelNode, dialect: Dialect, change: StatusChange): Promise<void> {
  const writes: Write[] = change.transitions.map((t) => ({
    sql: `UPDATE ${names.table} SET status = ? WHERE model_name = ? AND model_version = ?`,
    binds: [t.to, change.model, t.version],
  }));
  if (change.previousChampion) {
    writes.push({
      sql: `UPDATE ${names.table} SET previous_champion = ? WHERE model_name = ? AND model_version = ?`,
      binds: [change.previousChampion.value, change.model, change.previousChampion.version],
    });
  }
  const crowned = change.transitions.find((t) => t.to === 'CHAMPION');
  const functionDdl = crowned
    ? createScoringFunction(scoringFunctionName(model), parseArtifact(await readArtifactJson(connection, names, change.model, crowned.version)), dialect, model.featureColumns)
    : null;
  await writeRegistry(connection, writes, functionDdl);
}

/** Reads the model's versions, plans the change and applies it: one step for the CLI and for automatic promotion. */
export async function changeStatus(
  connection: Connection,
  names: RegistryNames,
  model: ModelNode,
  dialect: Dialect,
  action: StatusAction,
  version?: string,
): Promise<StatusChange> {
  const change = planStatusChange(model.name, await readVersions(connection, names, model.name), action, version);
  await applyStatusChange(connection, names, model, dialect, change);
  return change;
}
