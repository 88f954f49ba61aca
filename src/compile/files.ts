/** Writing compiled/ and checking that the committed copy is current. */

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMPILED_DIR } from './compile.js';

async function existingFiles(root: string): Promise<string[]> {
  const dir = path.join(root, COMPILED_DIR);
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

export interface Staleness {
  changed: string[];
  missing: string[];
  extra: string[];
}

export async function checkCompiled(root: string, files: Map<string, string>): Promise<Staleness> {
  const existing = new Set(await existingFiles(root));
  const result: Staleness = { changed: [], missing: [], extra: [] };
  for (const [file, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!existing.has(file)) result.missing.push(file);
    else if ((await readFile(path.join(root, file), 'utf8')) !== content) result.changed.push(file);
  }
  result.extra = [...existing].filter((f) => !files.has(f));
  return result;
}

/** Writes what differs and removes files no node produces any more. Returns the paths written. */
export async function writeCompiled(root: string, files: Map<string, string>, previous?: Map<string, string>): Promise<string[]> {
  const changed = [...files].filter(([file, content]) => previous?.get(file) !== content);
  const differs = await inParallel(changed, async ([file, content]) => {
    if (previous) return true;
    const absolute = path.join(root, file);
    return !existsSync(absolute) || (await readFile(absolute, 'utf8')) !== content;
  });
  const toWrite = changed.filter((_, k) => differs[k]);
  // One mkdir per folder, not per file: a cold compile writes thousands of files into a few folders.
  for (const dir of new Set(toWrite.map(([file]) => path.dirname(path.join(root, file))))) await mkdir(dir, { recursive: true });
  await inParallel(toWrite, ([file, content]) => writeFile(path.join(root, file), content));
  const stale = previous ? [...previous.keys()].filter((f) => !files.has(f)) : (await existingFiles(root)).filter((f) => !files.has(f));
  await Promise.all(stale.map((f) => rm(path.join(root, f), { force: true })));
  return toWrite.map(([file]) => file);
}

/** Runs `task` over `items` with a bounded number in flight, keeping the results in order. */
async function inParallel<T, R>(items: readonly T[], task: (item: T) => Promise<R>, limit = 32): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const k = next++;
      results[k] = await task(items[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
