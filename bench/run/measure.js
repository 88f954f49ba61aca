/**
 * Runs a Node script in this process and, when it exits, writes the process's CPU time
 * (all threads, DuckDB's included) to a file. Usage: node measure.js <out.json> <script> [args…].
 */

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  const cpu = process.cpuUsage();
  writeFileSync(out, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 }));
});
await import(pathToFileURL(path.resolve(script)).href);
