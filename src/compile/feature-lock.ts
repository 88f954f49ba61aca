/**
 * `features.lock`: the feature versions registered models were trained on, committed
 * with the project like a package lock. A model registering pins the SQL of every
 * feature version under its training data; compiling a pinned version whose SQL changed
 * is an error, so a registered model's inputs can always be rebuilt as they were.
 * It is a file rather than a registry query because compiling never touches a warehouse.
 */

import { withAncestors } from '../graph/select.js';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectGraph } from '../graph/build.js';
import type { GraphNode, SqlNode } from '../graph/types.js';
import type { Diagnostic } from '../project/diagnostic.js';

export const FEATURE_LOCK = 'features.lock';

export interface FeaturePin {
  /** Hash of the version's SQL in fingerprint form. */
  sql: string;
  /** `<model> v<version>` of each registered model version trained on it. */
  models: string[];
}

/** Pins by physical table name (`<feature>__v<version>`). */
export type FeatureLock = Record<string, FeaturePin>;

export function readFeatureLock(root: string): FeatureLock {
  const file = path.join(root, FEATURE_LOCK);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as FeatureLock;
}

function versioned(node: GraphNode): node is SqlNode & { physical: NonNullable<SqlNode['physical']> } {
  return node.kind === 'feature' && node.physical !== undefined;
}

/** A located error for each pinned feature version whose SQL is not what its models were trained on. */
export function checkFeatureLock(nodes: Iterable<GraphNode>, lock: FeatureLock): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const node of nodes) {
    if (!versioned(node)) continue;
    const pin = lock[node.physical.name];
    if (!pin || pin.sql === node.sqlHash) continue;
    const version = node.feature.config.version;
    diagnostics.push({
      file: node.file,
      line: node.statement.line,
      col: node.statement.col,
      severity: 'error',
      code: 'immutable-feature-version',
      message: `${node.name} version ${version} is immutable: ${pin.models.join(', ')} ${pin.models.length === 1 ? 'was' : 'were'} trained on it, and its SQL changed`,
      hint: `set \`version: ${version + 1}\` in ${node.file} to build the change as a new version (or revert the edit)`,
    });
  }
  return diagnostics;
}

/** Records that `model v<version>` was trained on the feature versions under its training data. */
export function pinTrainingFeatures(root: string, graph: ProjectGraph, trainingData: string, model: string, version: number): void {
  const lock = readFeatureLock(root);
  const label = `${model} v${version}`;
  for (const id of withAncestors(graph, trainingData)) {
    const node = graph.nodes.get(id);
    if (!node || !versioned(node)) continue;
    const sql = node.sqlHash;
    const pin = lock[node.physical.name];
    const models = pin?.sql === sql ? pin.models : [];
    lock[node.physical.name] = { sql, models: models.includes(label) ? models : [...models, label] };
  }
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => (a < b ? -1 : 1)));
  const file = path.join(root, FEATURE_LOCK);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
