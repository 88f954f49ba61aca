import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const { translateToDuckDb, DUCKDB_PRELUDE } = await import('../dist/sql/translate/index.js');
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
for (const s of DUCKDB_PRELUDE) await c.run(s);
const qs = readFileSync(process.argv[2], 'utf8').split(/;\s*\n/).filter(s => s.trim());
for (const q of qs) { const r = translateToDuckDb(q); if (r.diagnostics.length) console.log('DIAG', JSON.stringify(r.diagnostics));
 try { const res = await c.runAndReadAll(r.sql); console.log(r.sql.trim().slice(0,200), '=>', JSON.stringify(res.getRowObjectsJson()).slice(0,300)); } catch(e) { console.log(r.sql.trim().slice(0,300), 'ERR', e.message.split('\n')[0]); } }
