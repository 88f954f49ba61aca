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
  const written: string[] = [];
  for (const [file, content] of files) {
    if (previous?.get(file) === content) continue;
    const absolute = path.join(root, file);
    if (!previous && existsSync(absolute) && (await readFile(absolute, 'utf8')) === content) continue;
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
    written.push(file);
  }
  const stale = previous ? [...previous.keys()].filter((f) => !files.has(f)) : (await existingFiles(root)).filter((f) => !files.has(f));
  await Promise.all(stale.map((f) => rm(path.join(root, f), { force: true })));
  return written;
}
