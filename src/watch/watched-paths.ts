/** What a watch session listens to: the project's own files and its sources' local data. */

import type { Project } from '../project/load.js';
import { PROJECT_FILE, fileKind } from '../project/load.js';

/** Folders whose files are project files; watched whole so new files are seen. */
const PROJECT_DIRS = ['features', 'models', 'monitors'] as const;

/** Project-relative data files of the sources (embedded target). */
export function dataFiles(project: Project | undefined): Set<string> {
  const files = new Set<string>();
  for (const source of Object.values(project?.config.sources ?? {})) {
    if (source.file) files.add(source.file.split('\\').join('/').replace(/^\.\//, ''));
  }
  return files;
}

/** True for a project-relative path a change of which can alter what a run builds. */
export function isWatchedFile(file: string, data: ReadonlySet<string>): boolean {
  return fileKind(file) !== undefined || data.has(file);
}

/**
 * True for a project-relative path the watcher must descend into or report: the root, the
 * project folders and everything under them, mlc.yml, and the data files with their folders.
 * Everything else (node_modules, .mlc/ with the database, compiled/) is never even listed.
 */
export function isWatchedPath(file: string, data: ReadonlySet<string>): boolean {
  if (file === '' || file === PROJECT_FILE || data.has(file)) return true;
  const top = file.split('/')[0]!;
  if ((PROJECT_DIRS as readonly string[]).includes(top)) return true;
  for (const dataFile of data) if (dataFile.startsWith(`${file}/`)) return true;
  return false;
}

/** The project's own paths named in watch_ready: the folders and mlc.yml. */
export const PROJECT_PATHS: readonly string[] = [...PROJECT_DIRS.map((dir) => `${dir}/`), PROJECT_FILE];
