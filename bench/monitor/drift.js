// Drift on 10 features over 10,000,000 rows on DuckDB, against one full-scan aggregate
// (AVG of the 10 features) over the same table. Target: drift ≤ 3× the aggregate.
// Run `npm run build` first; then `node bench/monitor/drift.js [rows]`.
import { DuckDBInstance } from '@duckdb/node-api';
import { driftSql } from '../../dist/monitor/index.js';

const ROWS = Number(process.argv[2] ?? 10_000_000);
const RUNS = 5;
const TARGET = 3;

// A feature table as a warehouse holds one: counts and day spans as integers, money as
// DECIMAL(12,2), a ratio with three decimals. The current half is shifted a little.
const FEATURES = [
  ['total_spend', 'round(random() * 1000 + shift * 20, 2)::DECIMAL(12,2)'],
  ['total_transactions', '(random() * 50 + shift * 2)::INTEGER'],
  ['customer_tenure_days', '(random() * 3650)::INTEGER'],
  ['days_since_last_order', '(random() * 365 + shift * 10)::INTEGER'],
  ['avg_order_value', 'round(random() * 100, 2)::DECIMAL(12,2)'],
  ['support_tickets', '(random() * 20)::INTEGER'],
  ['lifetime_value', 'round(random() * 5000, 2)::DECIMAL(12,2)'],
  ['page_views_30d', '(random() * 1000)::INTEGER'],
  ['discount_share', 'round(random(), 3)::DECIMAL(6,3)'],
  ['session_minutes', 'round(random() * 100, 1)::DOUBLE'],
];
const names = FEATURES.map(([name]) => name);

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const columns = FEATURES.map(([name, expr]) => `${expr} AS ${name}`).join(',\n');
await connection.run(
  `CREATE TABLE t AS SELECT id, id >= ${ROWS / 2} AS is_current, ${columns}
   FROM (SELECT range AS id, CASE WHEN range >= ${ROWS / 2} THEN 1 ELSE 0 END AS shift FROM range(${ROWS}))`,
);

async function median(sql) {
  const times = [];
  let rows;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], rows };
}

const sql = driftSql({
  dialect: 'duckdb',
  reference: { from: 't', where: 'NOT is_current' },
  current: { from: 't', where: 'is_current' },
  numeric: names,
  methods: ['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift'],
});
const distinct = await connection.runAndReadAll(`SELECT ${names.map((n) => `COUNT(DISTINCT ${n})`).join(' + ')} AS d FROM t`);
console.log(`rows: ${ROWS}, features: ${names.length}, distinct values over all features: ${distinct.getRowsJS()[0][0]}, runs: ${RUNS} (medians)`);

async function compare(label) {
  const aggregate = await median(`SELECT ${names.map((n) => `AVG(${n})`).join(', ')} FROM t`);
  const drift = await median(sql);
  const ratio = drift.ms / aggregate.ms;
  console.log(`${label}: aggregate ${aggregate.ms.toFixed(0)} ms, drift (5 methods, ${drift.rows.length} results) ${drift.ms.toFixed(0)} ms,`
    + ` ratio ${ratio.toFixed(2)}x (target ≤ ${TARGET}x) ${ratio <= TARGET ? 'PASS' : 'FAIL'}`);
}

await compare('DuckDB defaults');
// DuckDB aggregates integer-like keys (integers, decimals) with a known small range in a
// perfect hash table when the range fits this many bits; the default is 12.
await connection.run('SET perfect_ht_threshold = 20');
await compare('perfect_ht_threshold = 20');
connection.closeSync();
instance.closeSync();
