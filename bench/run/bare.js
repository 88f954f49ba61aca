/**
 * The baseline `mlc run` is compared with: the compiled statements of a project
 * (compiled/embedded/, from compiled/manifest.json) executed in topological order on one
 * bare @duckdb/node-api connection. Usage: node bare.js <project dir> <database file>.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB_PRELUDE } from '../../dist/sql/translate/index.js';

const [dir, database] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(path.join(dir, 'compiled/manifest.json'), 'utf8'));
const nodes = [...manifest.nodes].sort((a, b) => a.layer - b.layer);

/** A compiled file's statements: the header comment dropped, split at statement ends. */
function statements(file) {
  const text = readFileSync(path.join(dir, file), 'utf8').replace(/^(--[^\n]*\n)+\n?/, '');
  return text.split(/;\n(?:\n|$)/).map((s) => s.trim()).filter((s) => s.length > 0);
}

const instance = await DuckDBInstance.create(database);
const connection = await instance.connect();
await connection.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
for (const statement of DUCKDB_PRELUDE) await connection.run(statement);
for (const node of nodes) {
  const file = node.compiled.find((f) => f.startsWith('compiled/embedded/'));
  for (const sql of statements(file)) await connection.run(sql);
}
connection.closeSync();
instance.closeSync();
