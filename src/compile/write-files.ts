/** Creating files under a project root: the one write loop of compiled/, on this thread or the write worker. */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes each file (a root-relative path and its content), creating each folder once.
 * `folders` tells which folders are known to exist (true) or not (false) and learns the ones made.
 */
export function writeFiles(root: string, files: Iterable<readonly [string, string]>, folders = new Map<string, boolean>()): void {
  for (const [file, content] of files) {
    const absolute = path.join(root, file);
    const dir = path.dirname(absolute);
    if (folders.get(dir) !== true) {
      mkdirSync(dir, { recursive: true });
      folders.set(dir, true);
    }
    writeFileSync(absolute, content);
  }
}
