/** Reading the registry: every version of a model, as rows the CLI and status changes use. */

import type { Connection } from '../targets/target.js';
import type { Status } from './promotion.js';
import type { RegistryNames } from './tables.js';

export interface RegistryVersion {
  model: string;
  version: string;
  number: number;
  status: Status;
  trainedAt: string;
  algorithm: string | null;
  /** The headline metrics at the top level, plus `splits` (metrics per split) and `rows` (rows per split). */
  performance: Record<string, unknown>;
  params: Record<string, unknown>;
  features: string[];
  trainingRows: number | null;
  trainingFingerprint: string | null;
  featureFingerprints: Record<string, string>;
  artifactHash: string | null;
  codeVersion: string | null;
  previousChampion: string | null;
}

/** VARIANT and JSON columns arrive as text from DuckDB and may arrive parsed from Snowflake. */
function json<T>(value: unknown, empty: T): T {
  if (value === null || value === undefined) return empty;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Every version of one model (or of all models), oldest first. */
export async function readVersions(connection: Connection, names: RegistryNames, model?: string): Promise<RegistryVersion[]> {
  const { rows } = await connection.query(
    `SELECT model_name, model_version, version_number, status, CAST(training_date AS VARCHAR) AS trained_at, algorithm,
  performance_metrics, params, feature_columns, training_rows, training_fingerprint, feature_fingerprints,
  artifact_hash, code_version, previous_champion
FROM ${names.table}${model === undefined ? '' : ' WHERE model_name = ?'}
ORDER BY model_name, version_number`,
    model === undefined ? [] : [model],
  );
  return rows.map((row) => ({
    model: String(row.model_name),
    version: String(row.model_version),
    number: Number(row.version_number),
    status: String(row.status) as Status,
    trainedAt: String(row.trained_at),
    algorithm: text(row.algorithm),
    performance: json(row.performance_metrics, {}),
    params: json(row.params, {}),
    features: json(row.feature_columns, []),
    trainingRows: row.training_rows === null || row.training_rows === undefined ? null : Number(row.training_rows),
    trainingFingerprint: text(row.training_fingerprint),
    featureFingerprints: json(row.feature_fingerprints, {}),
    artifactHash: text(row.artifact_hash),
    codeVersion: text(row.code_version),
    previousChampion: text(row.previous_champion),
  }));
}

/** The stored artifact JSON of one version. */
export async function readArtifactJson(connection: Connection, names: RegistryNames, model: string, version: string): Promise<unknown> {
  const { rows } = await connection.query(`SELECT model_binary FROM ${names.table} WHERE model_name = ? AND model_version = ?`, [model, version]);
  return json(rows[0]?.model_binary, null);
}
