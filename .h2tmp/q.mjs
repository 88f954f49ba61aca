import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const qs = readFileSync(process.argv[2], 'utf8').split(/;\s*\n/).filter(s => s.trim());
for (const q of qs) { try { const r = await c.runAndReadAll(q); const rows = r.getRowsJson(); const types = r.columnTypes().map(t=>t.toString()); console.log(q.trim().slice(0,150), '=>', JSON.stringify(rows).slice(0,300), types.join(',')); } catch(e) { console.log(q.trim().slice(0,150), 'ERR', e.message.split('\n')[0]); } }
