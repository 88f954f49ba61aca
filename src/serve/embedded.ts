/**
 * The embedded registry, read from outside a run. DuckDB lets one process write a
 * database file; `mlc serve` and `mlc predict` therefore open it read-only and only
 * for the moment of a read, so `mlc run` can take the file between reads. A read that
 * meets a running `mlc run` fails with "locked"; the server keeps its models and
 * retries at the next poll.
 */

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Project } from '../project/load.js';
import { UserError } from '../project/user-error.js';
import { DuckDbConnection } from '../targets/duckdb/index.js';
import type { Connection } from '../targets/target.js';
import { readChampions, type RegisteredVersion } from './registry-reader.js';

export function embeddedDatabase(project: Project, target: string): string {
  const config = project.config.targets[target];
  if (config?.type !== 'duckdb') {
    throw new UserError(`target '${target}' is not an embedded (duckdb) target`, 'serving reads the registry of the embedded target; pass --target <duckdb target>');
  }
  return path.resolve(project.root, config.path);
}

export async function withReadOnlyDatabase<T>(file: string, read: (connection: Connection) => Promise<T>): Promise<T> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/Could not set lock|Conflicting lock/i.test(message)) throw new UserError(`the database ${file} is locked by another process`, 'wait for `mlc run` to finish');
    if (/does not exist|No such file|Cannot open/i.test(message)) throw new UserError(`no embedded database at ${file}`, 'run `mlc run` first');
    throw error;
  }
  try {
    const connection = await instance.connect();
    try {
      return await read(new DuckDbConnection(connection));
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * The champions, for the server's registry poll. Opening the database costs ~20 ms of CPU
 * and blocks the event loop for milliseconds, which a latency-bound server cannot pay every
 * poll; so a poll first compares the size and mtime of the file and of its write-ahead log
 * with those of the last read (every commit changes one) and reopens only when they differ.
 */
export function championsLoader(file: string, table: string): () => Promise<RegisteredVersion[]> {
  let readAt: string | undefined;
  let champions: RegisteredVersion[] = [];
  return async () => {
    // Taken before the read: a commit during the read shows as a change at the next poll.
    const signature = await fileSignature(file);
    if (signature === readAt) return champions;
    champions = await withReadOnlyDatabase(file, (connection) => readChampions(connection, table));
    readAt = signature;
    return champions;
  };
}

async function fileSignature(file: string): Promise<string> {
  const parts = await Promise.all(
    [file, `${file}.wal`].map((name) =>
      stat(name, { bigint: true }).then(
        (stats) => `${stats.size}@${stats.mtimeNs}`,
        () => 'absent',
      ),
    ),
  );
  return parts.join(' ');
}
