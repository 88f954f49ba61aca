/**
 * What the warehouse knows that the manifest does not: each node's last build, the model
 * registry and the monitor tables. Read once, briefly; a warehouse that cannot be reached
 * (never built, locked by a running `mlc dev`, no credentials) leaves the site static.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../project/load.js';
import { registryNames } from '../registry/tables.js';
import { StateStore } from '../run/state.js';
import { createTarget, type Connection, type Row, type Target } from '../targets/index.js';

export interface NodeBuild {
  rows?: number;
  builtAt: string;
}

export interface ModelVersion {
  version: string;
  number: number;
  trainedAt: string;
  status: string;
  algorithm: string;
  /** The registry's performance_metrics: headline metrics, `splits`, `rows`, and for binary models `confusion` and `roc`. */
  metrics: Record<string, unknown>;
  importance: { feature: string; value: number }[];
}

export interface WarehouseFacts {
  target: string;
  /** Why nothing was read, when nothing was. */
  unreachable?: string;
  builds: Record<string, NodeBuild>;
  models: Record<string, ModelVersion[]>;
  /** Monitor table name → its rows (per period, model version and variant). */
  monitoring: Record<string, Row[]>;
  /** Monitor node id → its rows of the drift table. */
  drift: Record<string, Row[]>;
}

export interface MonitorSource {
  id: string;
  monitor: string;
  performance: string;
  drift: string;
}

const MONITOR_ROW_LIMIT = 5000;

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '' : String(value);
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function importanceOf(binary: unknown): { feature: string; value: number }[] {
  const artifact = parsed(binary) as { features?: { name: string }[]; importance?: number[] } | null;
  const features = artifact?.features ?? [];
  return (artifact?.importance ?? []).map((value, i) => ({ feature: features[i]?.name ?? `#${i}`, value }));
}

async function readModels(connection: Connection, project: Project): Promise<Record<string, ModelVersion[]>> {
  const { table } = registryNames(project.config);
  const { rows } = await connection.query(
    `SELECT model_name, model_version, version_number, training_date, status, algorithm, performance_metrics, model_binary FROM ${table} ORDER BY model_name, version_number`,
  );
  const models: Record<string, ModelVersion[]> = {};
  for (const row of rows) {
    (models[text(row.model_name)] ??= []).push({
      version: text(row.model_version),
      number: Number(row.version_number),
      trainedAt: text(row.training_date),
      status: text(row.status),
      algorithm: text(row.algorithm),
      metrics: (parsed(row.performance_metrics) ?? {}) as Record<string, unknown>,
      importance: importanceOf(row.model_binary),
    });
  }
  return models;
}

function jsonSafe(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString().slice(0, 10) : v]));
}

/** Each read is optional: a project that never trained has no registry, and that is fine. */
async function optional<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    return fallback;
  }
}

export async function readWarehouse(project: Project, target: string, monitors: MonitorSource[]): Promise<WarehouseFacts> {
  const facts: WarehouseFacts = { target, builds: {}, models: {}, monitoring: {}, drift: {} };
  const config = project.config.targets[target];
  // Opening an embedded database that does not exist would create an empty one.
  if (config?.type === 'duckdb' && !existsSync(path.resolve(project.root, config.path))) return { ...facts, unreachable: `${config.path} does not exist yet (run \`mlc run\`)` };
  let handle: Target | undefined;
  try {
    handle = createTarget(project, target);
    const connection = await handle.connect();
    try {
      const states = await optional(() => new StateStore(connection, project.config.schemas.meta).nodeStates(), new Map());
      for (const [id, state] of states) facts.builds[id] = { rows: state.rows, builtAt: state.builtAt };
      facts.models = await optional(() => readModels(connection, project), {});
      for (const table of new Set(monitors.map((m) => m.performance))) {
        const rows = await optional(async () => (await connection.query(`SELECT * FROM ${table} LIMIT ${MONITOR_ROW_LIMIT}`)).rows, []);
        if (rows.length > 0) facts.monitoring[table] = rows.map(jsonSafe);
      }
      for (const m of monitors) {
        const sql = `SELECT drift_date, feature, method, value, threshold FROM ${m.drift} WHERE monitor = ? ORDER BY drift_date LIMIT ${MONITOR_ROW_LIMIT}`;
        const rows = await optional(async () => (await connection.query(sql, [m.monitor])).rows, []);
        if (rows.length > 0) facts.drift[m.id] = rows.map(jsonSafe);
      }
    } finally {
      await connection.close();
    }
    return facts;
  } catch (error) {
    return { ...facts, unreachable: error instanceof Error ? error.message : String(error) };
  } finally {
    await handle?.dispose();
  }
}
