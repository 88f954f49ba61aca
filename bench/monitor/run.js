// Drift on 10 features over 10,000,000 rows on DuckDB, against one full-scan aggregate
// (AVG of the 10 features) over the same table. Target: drift ≤ 3× the aggregate.
// Two modes, each one driftSql query with all five numeric methods (PSI, KS, Jensen–Shannon,
// Wasserstein, mean shift) over both halves of the table: exact (every row of both sides),
// then estimated on a 2% Bernoulli sample of each side (DriftSpec.sample), with its largest
// error against the exact values. Medians of wall and CPU time (CPU includes DuckDB's
// threads); ratios are given for both, since wall time is noisy on a shared machine.
// Run `npm run build` first; then `node bench/monitor/run.js [rows] [sample share]`.
import { DuckDBInstance } from '@duckdb/node-api';
import { driftSql } from '../../dist/monitor/index.js';

const ROWS = Number(process.argv[2] ?? 10_000_000);
const SAMPLE = Number(process.argv[3] ?? 0.02);
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
  const wall = [];
  const cpu = [];
  let rows;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    const spent = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return { ms: mid(wall), cpu: mid(cpu), rows };
}

const methods = ['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift'];
const spec = {
  dialect: 'duckdb',
  reference: { from: 't', where: 'NOT is_current' },
  current: { from: 't', where: 'is_current' },
  numeric: names,
  methods,
};
const distinct = await connection.runAndReadAll(`SELECT ${names.map((n) => `COUNT(DISTINCT ${n})`).join(' + ')} AS d FROM t`);
console.log(`rows: ${ROWS}, features: ${names.length}, distinct values over all features: ${distinct.getRowsJS()[0][0]}, runs: ${RUNS} (medians)`);

function line(label, measured, aggregate) {
  const ratio = measured.ms / aggregate.ms;
  const cpuRatio = measured.cpu / aggregate.cpu;
  return `${label} ${measured.ms.toFixed(0)} ms (cpu ${measured.cpu.toFixed(0)} ms), ratio ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x cpu (target ≤ ${TARGET}x) ${ratio <= TARGET ? 'PASS' : 'FAIL'}`;
}

async function compare(label) {
  const aggregate = await median(`SELECT ${names.map((n) => `AVG(${n})`).join(', ')} FROM t`);
  const exact = await median(driftSql(spec));
  const sampled = await median(driftSql({ ...spec, sample: SAMPLE }));
  console.log(`${label}: aggregate ${aggregate.ms.toFixed(0)} ms (cpu ${aggregate.cpu.toFixed(0)} ms)`);
  console.log(`  ${line(`exact drift, all rows (5 methods, ${exact.rows.length} results)`, exact, aggregate)}`);
  console.log(`  ${line(`estimated drift, ${SAMPLE * 100}% Bernoulli sample of each side`, sampled, aggregate)}`);
  const worst = {};
  for (const e of exact.rows) {
    const s = sampled.rows.find((r) => r.feature === e.feature && r.method === e.method);
    worst[e.method] = Math.max(worst[e.method] ?? 0, Math.abs(s.value - e.value));
  }
  console.log(`  largest |sampled − exact| per method: ${Object.entries(worst).map(([m, d]) => `${m} ${d.toFixed(4)}`).join(', ')}`);
}

await compare('DuckDB defaults');
// DuckDB aggregates integer-like keys (integers, decimals) with a known small range in a
// perfect hash table when the range fits this many bits; the default is 12.
await connection.run('SET perfect_ht_threshold = 20');
await compare('perfect_ht_threshold = 20');
connection.closeSync();
instance.closeSync();
