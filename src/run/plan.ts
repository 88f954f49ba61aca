/**
 * What a run would do with each node, and why: create it, rebuild it (its file, a
 * parent or its source data changed), or leave it (unchanged). `mlc plan` prints this;
 * the executor follows it.
 */

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectGraph } from '../graph/build.js';
import { shortHash } from '../graph/hash.js';
import type { NodeState } from './state.js';

export type Action = 'create' | 'rebuild' | 'unchanged';

export interface PlannedNode {
  id: string;
  action: Action;
  reason: string;
  /** Identifies the node's inputs: definition, parents' keys, source data. */
  stateKey: string;
  parentKeys: Record<string, string>;
  dataHash?: string;
}

export interface PlanOptions {
  fullRefresh?: boolean;
  /** Node ids forced to rebuild (e.g. models with --retrain). */
  force?: Set<string>;
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

interface CachedHash {
  size: number;
  mtimeMs: number;
  hash: string;
}

/** Where hashes of unchanged files are remembered, so a no-change run does not re-read big sources. */
const HASH_CACHE = path.join('.mlc', 'source-hashes.json');

async function readHashCache(root: string): Promise<Record<string, CachedHash>> {
  try {
    return JSON.parse(await readFile(path.join(root, HASH_CACHE), 'utf8')) as Record<string, CachedHash>;
  } catch {
    return {};
  }
}

/** Written aside and renamed, so a concurrent or killed run never reads half a file. */
async function writeHashCache(root: string, cache: Record<string, CachedHash>): Promise<void> {
  const file = path.join(root, HASH_CACHE);
  const temporary = `${file}.${process.pid}`;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(temporary, JSON.stringify(cache));
  await rename(temporary, file);
}

/** A file's content hash; reused from the cache while its size and modification time are the same. */
async function cachedHash(root: string, relative: string, cache: Record<string, CachedHash>): Promise<string> {
  const file = path.join(root, relative);
  const info = await stat(file).catch(() => undefined);
  if (!info) return 'missing';
  const cached = cache[relative];
  if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.hash;
  const hash = await hashFile(file);
  cache[relative] = { size: info.size, mtimeMs: info.mtimeMs, hash };
  return hash;
}

/** Content hashes of the sources' local data files (embedded target only). */
export async function sourceDataHashes(graph: ProjectGraph, root: string): Promise<Map<string, string>> {
  const cache = await readHashCache(root);
  const before = JSON.stringify(cache);
  const hashes = new Map<string, string>();
  await Promise.all(
    [...graph.nodes.values()].map(async (node) => {
      if (node.kind !== 'source' || !node.source.file) return;
      hashes.set(node.id, await cachedHash(root, node.source.file, cache));
    }),
  );
  if (JSON.stringify(cache) !== before) await writeHashCache(root, cache);
  return hashes;
}

export function planRun(
  graph: ProjectGraph,
  selected: readonly string[],
  states: Map<string, NodeState>,
  dataHashes: Map<string, string>,
  options: PlanOptions = {},
): Map<string, PlannedNode> {
  const keys = new Map<string, string>();
  for (const id of graph.order) {
    const node = graph.nodes.get(id)!;
    const parents = node.parents.map((e) => keys.get(e.parent)!).sort();
    keys.set(id, shortHash(graph.fingerprints.get(id)!, dataHashes.get(id) ?? '', ...parents));
  }
  const plan = new Map<string, PlannedNode>();
  for (const id of selected) {
    const node = graph.nodes.get(id)!;
    const parentKeys = Object.fromEntries(node.parents.map((e) => [e.parent, keys.get(e.parent)!]));
    const stateKey = keys.get(id)!;
    const state = states.get(id);
    const planned = (action: Action, reason: string): PlannedNode => ({ id, action, reason, stateKey, parentKeys, dataHash: dataHashes.get(id) });
    if (!state) plan.set(id, planned('create', 'not built yet'));
    else if (options.fullRefresh) plan.set(id, planned('rebuild', '--full-refresh'));
    else if (options.force?.has(id)) plan.set(id, planned('rebuild', 'forced'));
    else if (state.stateKey === stateKey) plan.set(id, planned('unchanged', 'nothing changed'));
    else if (state.definitionHash !== node.definitionHash) plan.set(id, planned('rebuild', `${node.file} changed`));
    else if (dataHashes.get(id) !== state.dataHash) plan.set(id, planned('rebuild', `data file ${node.kind === 'source' ? node.source.file : ''} changed`));
    else {
      const changed = Object.keys(parentKeys).filter((p) => state.parentKeys[p] !== parentKeys[p]).sort();
      plan.set(id, planned('rebuild', changed.length > 0 ? `upstream ${changed.map((p) => graph.nodes.get(p)!.name).join(', ')} changed` : 'inputs changed'));
    }
  }
  return plan;
}
