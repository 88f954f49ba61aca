import { DuckDBInstance } from '@duckdb/node-api';
const { DUCKDB_PRELUDE } = await import('../dist/sql/translate/prelude.js');
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
for (const s of DUCKDB_PRELUDE) { try { await c.run(s); } catch (e) { console.log('ERR', s.slice(0, 80), e.message); } }
for (const q of process.argv.slice(2)) { try { const r = await c.runAndReadAll(q); console.log(q, '=>', JSON.stringify(r.getRowsJson()), r.columnTypes().map(String).join(',')); } catch (e) { console.log(q, 'ERR', e.message.split('\n')[0]); } }
