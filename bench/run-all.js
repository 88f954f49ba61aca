// `npm run bench`: runs every bench/<name>/run.js in turn; each prints its own figures
// and ratio against its target. A new benchmark plugs in by existing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(here, e.name, 'run.js')))
  .map((e) => e.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

const failed = [];
for (const name of benches) {
  console.log(`\n== bench/${name} ==`);
  const result = spawnSync(process.execPath, [path.join(here, name, 'run.js')], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
