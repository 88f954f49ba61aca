// Compiles 5,000 generated feature files (20-40 lines each) through the SQL analyses:
// splitStatements + analyzeQuery (with upstream columns) + normalizeForFingerprint.
// Target: well under 1 second in total. Run `npm run build` first.
import { analyzeQuery, normalizeForFingerprint, splitStatements } from '../../dist/sql/index.js';

const FILES = 5000;
const RUNS = 7;
const TARGET_MS = 1000;

function feature(k) {
  const upstream = k < 50 ? `raw.orders_${k % 7}` : `feature_store.f_${k - 1 - (k % 37)}`;
  const extra = Array.from({ length: 4 + (k % 12) }, (_, j) =>
    j % 3 === 0
      ? `  SUM(IFF(o.amount > ${j * 10}, o.amount, 0)) AS spend_over_${j},`
      : j % 3 === 1
        ? `  COUNT(DISTINCT DATE_TRUNC('month', o.order_date)) AS months_${j},`
        : `  MAX(o.payload:items[0].price::float) AS max_price_${j},`,
  ).join('\n');
  return `-- config: { materialized: table, tags: [bench] }
-- feature ${k}: customer spend from ${upstream}
WITH recent AS (
  SELECT customer_id, amount, order_date, payload
  FROM ${upstream}
  WHERE order_date >= DATEADD(day, -90, CURRENT_DATE())
),
ranked AS (
  SELECT r.*, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC) AS rn
  FROM recent r
)
SELECT
  o.customer_id,
${extra}
  AVG(o.amount) AS avg_amount,
  CASE WHEN SUM(o.amount) > 1000 THEN 1 ELSE 0 END AS high_value
FROM ranked o
LEFT JOIN dim.customers c ON c.customer_id = o.customer_id /* join on id */
WHERE o.rn <= 10 AND c.segment <> 'test'
GROUP BY o.customer_id
QUALIFY COUNT(*) > 1;
`;
}

const files = Array.from({ length: FILES }, (_, k) => feature(k));
const lines = files.reduce((n, f) => n + f.split('\n').length, 0);
const columnsOf = () => ['customer_id', 'amount', 'order_date', 'payload'];

function compileAll() {
  let tables = 0;
  let length = 0;
  for (const sql of files) {
    if (splitStatements(sql).length !== 1) throw new Error('expected one statement');
    const analysis = analyzeQuery(sql, { columnsOf });
    if (analysis.errors.length > 0) throw new Error(JSON.stringify(analysis.errors[0]));
    tables += analysis.tables.length;
    length += normalizeForFingerprint(sql).length;
  }
  return { tables, length };
}

compileAll();
// Wall time and CPU time: on a shared, busy machine wall time also counts waiting for a core.
const wall = [];
const cpu = [];
let result;
for (let run = 0; run < RUNS; run++) {
  const start = process.hrtime.bigint();
  const startCpu = process.cpuUsage();
  result = compileAll();
  const used = process.cpuUsage(startCpu);
  wall.push(Number(process.hrtime.bigint() - start) / 1e6);
  cpu.push((used.user + used.system) / 1000);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`sql-analyze: ${FILES} files, ${lines} lines, ${result.tables} table references`);
for (const [label, values] of [['wall', wall], ['cpu', cpu]]) {
  const m = median(values);
  console.log(`  ${label} runs (ms): ${values.map((t) => t.toFixed(1)).join(', ')}`);
  console.log(`  ${label} median: ${m.toFixed(1)} ms (${((m * 1000) / FILES).toFixed(1)} µs per file); target < ${TARGET_MS} ms, ratio ${(m / TARGET_MS).toFixed(3)}`);
}
