/** Creates the target a run talks to, from the project's mlc.yml. */

import path from 'node:path';
import type { Project } from '../project/load.js';
import { DuckDbTarget, type DuckDbTargetOptions } from './duckdb/index.js';
import { createSnowflakeTarget } from './snowflake/index.js';
import { UnknownTargetError } from './errors.js';
import type { Target } from './target.js';

/** How to wait for another process that holds the embedded database (see DuckDbTargetOptions). */
export type LockWait = Pick<DuckDbTargetOptions, 'lockTimeoutMs' | 'onLockWait'>;

export function createTarget(project: Project, name: string, env: NodeJS.ProcessEnv = process.env, lock: LockWait = {}): Target {
  const config = project.config.targets[name];
  if (!config) throw new UnknownTargetError(name, Object.keys(project.config.targets));
  if (config.type === 'duckdb') {
    const file = path.resolve(project.root, config.path);
    return new DuckDbTarget({ name, file, projectRoot: project.root, threads: config.threads, ...lock });
  }
  return createSnowflakeTarget({ name, settings: config, env });
}

export type { Target, Connection, Dialect, Row, QueryResult } from './target.js';
