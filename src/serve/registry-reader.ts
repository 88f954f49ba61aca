/** Model versions read back from the registry table: the artifact, its version and status. */

import { parseArtifact, type Artifact } from '../ml/index.js';
import type { Connection } from '../targets/target.js';

export interface RegisteredVersion {
  model: string;
  version: string;
  versionNumber: number;
  status: string;
  artifact: Artifact;
}

export type VersionSelector = { status: 'CHAMPION' | 'CHALLENGER' } | { versionNumber: number };

export async function readVersion(connection: Connection, table: string, model: string, selector: VersionSelector): Promise<RegisteredVersion | undefined> {
  const [condition, bind] = 'status' in selector ? ['status = ?', selector.status] : ['version_number = ?', selector.versionNumber];
  const { rows } = await connection.query(
    `SELECT model_version, version_number, status, model_binary FROM ${table} WHERE model_name = ? AND ${condition} ORDER BY version_number DESC LIMIT 1`,
    [model, bind],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    model,
    version: String(row.model_version),
    versionNumber: Number(row.version_number),
    status: String(row.status),
    artifact: parseArtifact(String(row.model_binary)),
  };
}

/** The champion of every model, for the server. */
export async function readChampions(connection: Connection, table: string): Promise<RegisteredVersion[]> {
  const { rows } = await connection.query(`SELECT model_name, model_version, version_number, status, model_binary FROM ${table} WHERE status = 'CHAMPION' ORDER BY model_name`);
  return rows.map((row) => ({
    model: String(row.model_name),
    version: String(row.model_version),
    versionNumber: Number(row.version_number),
    status: String(row.status),
    artifact: parseArtifact(String(row.model_binary)),
  }));
}
