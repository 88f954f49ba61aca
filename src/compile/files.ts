/**
 * Writing compiled/ and checking that the committed copy is current. The files are small
 * and many (two per node): synchronous calls cost a third of promise-based ones that
 * round-trip through libuv's thread pool. A first compile writes through first-write.ts.
 */

import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { COMPILED_DIR } from './compile.js';
import { writeFiles } from './write-files.js';

function existingFiles(root: string): string[] {
  const dir = path.join(root, COMPILED_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The file's text, or undefined when it does not exist; `folders` remembers which folders do. */
function readIfExists(absolute: string, folders: Map<string, boolean>): string | undefined {
  const dir = path.dirname(absolute);
  let exists = folders.get(dir);
  if (exists === undefined) folders.set(dir, (exists = existsSync(dir)));
  // A folder that is not there holds no file: no read, and no thrown ENOENT, per file.
  if (!exists) return undefined;
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface Staleness {
  changed: string[];
  missing: string[];
  extra: string[];
}

export async function checkCompiled(root: string, files: Map<string, string>): Promise<Staleness> {
  const existing = new Set(existingFiles(root));
  const result: Staleness = { changed: [], missing: [], extra: [] };
  for (const [file, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!existing.has(file)) result.missing.push(file);
    else if (readFileSync(path.join(root, file), 'utf8') !== content) result.changed.push(file);
  }
  result.extra = [...existing].filter((f) => !files.has(f));
  return result;
}

/**
 * Writes what differs and removes files no node produces any more. With `previous` (what
 * the last call wrote) nothing is read back. Returns the paths written.
 */
export async function writeCompiled(root: string, files: Map<string, string>, previous?: Map<string, string>): Promise<string[]> {
  const folders = new Map<string, boolean>();
  // A first compile has nothing to compare or remove: looking for the files it is about to write would be wasted.
  const first = !previous && !existsSync(path.join(root, COMPILED_DIR));
  // forEach, not a spread of entries: a recompile in watch mode compares 10,000 files to change one.
  const changed: [string, string][] = [];
  files.forEach((content, file) => {
    if (previous ? previous.get(file) !== content : first || readIfExists(path.join(root, file), folders) !== content) changed.push([file, content]);
  });
  writeFiles(root, changed, folders);
  const stale: string[] = [];
  if (previous) previous.forEach((_, file) => files.has(file) || stale.push(file));
  else if (!first) stale.push(...existingFiles(root).filter((f) => !files.has(f)));
  for (const file of stale) rmSync(path.join(root, file), { force: true });
  return changed.map(([file]) => file);
}
