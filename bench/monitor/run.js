// Drift on 10 features over 10,000,000 rows on DuckDB, against one full-scan aggregate
// (AVG of the 10 features) over the same table. Target: drift ≤ 3× the aggregate.
// Each mode is one driftSql query with all five numeric methods (PSI, KS, Jensen–Shannon,
// Wasserstein, mean shift) over both halves of the table:
// - exact: every row of both sides;
// - Bernoulli: a 2% random draw of each side's rows (DriftSpec.sample without a key);
// - key hash: the rows whose `id` hashes into the first 2% of the hash range
//   (DriftSpec.sample with key: 'id'), what a monitor draws by its model's entity key;
// - key hash, per day: the same draw with the current side bucketed into its 7 days, the
//   shape of a monitor's windows (the reference's distinct values repeat per day).
// Each sampled mode prints its largest error against the exact values, per method.
// Medians of wall and CPU time (CPU includes DuckDB's threads); ratios are given for both,
// since wall time is noisy on a shared machine.
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
  `CREATE TABLE t AS SELECT id, id >= ${ROWS / 2} AS is_current, DATE '2025-01-01' + CAST(id % 7 AS INTEGER) AS scored_day, ${columns}
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

function worstErrors(exact, sampled) {
  const worst = {};
  for (const e of exact.rows) {
    const s = sampled.rows.find((r) => r.feature === e.feature && r.method === e.method);
    worst[e.method] = Math.max(worst[e.method] ?? 0, Math.abs(s.value - e.value));
  }
  return Object.entries(worst).map(([m, d]) => `${m} ${d.toFixed(4)}`).join(', ');
}

async function compare(label) {
  const aggregate = await median(`SELECT ${names.map((n) => `AVG(${n})`).join(', ')} FROM t`);
  const exact = await median(driftSql(spec));
  const bernoulli = await median(driftSql({ ...spec, sample: SAMPLE }));
  const keyed = { ...spec, sample: SAMPLE, key: 'id' };
  const hashed = await median(driftSql(keyed));
  const perDay = await median(driftSql({ ...keyed, current: { ...spec.current, period: { column: 'scored_day' } } }));
  const share = `${SAMPLE * 100}%`;
  console.log(`${label}: aggregate ${aggregate.ms.toFixed(0)} ms (cpu ${aggregate.cpu.toFixed(0)} ms)`);
  console.log(`  ${line(`exact drift, all rows (5 methods, ${exact.rows.length} results)`, exact, aggregate)}`);
  console.log(`  ${line(`estimated drift, ${share} Bernoulli sample of each side`, bernoulli, aggregate)}`);
  console.log(`    largest |sampled − exact| per method: ${worstErrors(exact, bernoulli)}`);
  console.log(`  ${line(`estimated drift, ${share} key-hash sample of each side`, hashed, aggregate)}`);
  console.log(`    largest |sampled − exact| per method: ${worstErrors(exact, hashed)}`);
  console.log(`  ${line(`estimated drift, ${share} key-hash sample, current side per day (${perDay.rows.length / exact.rows.length} days)`, perDay, aggregate)}`);
  console.log(`    per day / one period, same rows: ${(perDay.ms / hashed.ms).toFixed(2)}x wall, ${(perDay.cpu / hashed.cpu).toFixed(2)}x cpu`);
}

await compare('DuckDB defaults');
// DuckDB aggregates integer-like keys (integers, decimals) with a known small range in a
// perfect hash table when the range fits this many bits; the default is 12.
await connection.run('SET perfect_ht_threshold = 20');
await compare('perfect_ht_threshold = 20');
connection.closeSync();
instance.closeSync();
