// The floor for a cold compile: read every project file and sha256 it.
// Usage: node bench/compile/hash-files.js <project dir>
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const files = ['mlc.yml'];
for (const dir of ['features', 'models', 'monitors']) {
  try {
    for (const name of readdirSync(path.join(root, dir))) files.push(path.join(dir, name));
  } catch {
    // A project without this folder.
  }
}
const hash = createHash('sha256');
for (const file of files.sort()) hash.update(createHash('sha256').update(readFileSync(path.join(root, file))).digest());
console.log(`${files.length} files, ${hash.digest('hex').slice(0, 16)}`);
