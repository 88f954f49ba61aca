/**
 * mlc's own package folder (package.json, project-template/). Found upward from this
 * module because it runs at different depths: from src/cli/ under tests, dist/cli/ when
 * built, and dist/bundle/ when bundled.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  const self = fileURLToPath(import.meta.url);
  let dir = path.dirname(self);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json in a folder above ${self}`);
    dir = parent;
  }
  return dir;
}
