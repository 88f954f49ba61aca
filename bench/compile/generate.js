// Writes a synthetic mlc project: N feature files (20-40 lines of Snowflake SQL with a
// leading config comment block), chains and fan-in between them, some `SELECT *` over
// upstream nodes, sources declared in mlc.yml, and one model (with batch scoring) per
// 250 features. Usage as a script: node bench/compile/generate.js <dir> <features>.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCES = 10;
const BASE_COLUMNS = ['customer_id', 'order_id', 'amount', 'order_date', 'category', 'payload'];

function config(sources) {
  const lines = [
    '# Synthetic benchmark project.',
    'name: bench_project',
    'target: embedded',
    '',
    'targets:',
    '  embedded:',
    '    type: duckdb',
    '    path: .mlc/warehouse.duckdb',
    '  snowflake:',
    '    type: snowflake',
    '    connection: default',
    '    database: ML',
    '    schema: PUBLIC',
    '    warehouse: ML_WH',
    '',
    'sources:',
  ];
  for (let s = 0; s < sources; s++) {
    lines.push(`  orders_${s}:`, `    schema: raw`, `    description: Raw orders, shard ${s}.`, `    columns: [${BASE_COLUMNS.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Upstream relation of feature k: sources first, then chains reaching back a little. */
function upstream(k) {
  if (k < SOURCES * 2) return `raw.orders_${k % SOURCES}`;
  return `feature_store.f_${k - 1 - (k % 19)}`;
}

function starFeature(k) {
  return `-- description: Feature ${k}, upstream columns plus derived rates.
-- entity: customer
-- tags: [bench, star]

SELECT
  *,
  -- derived rates
  u.amount / NULLIF(u.amount + 1, 0) AS rate_${k},
  DATEDIFF('day', u.order_date, CURRENT_DATE()) AS age_days_${k}
FROM ${upstream(k)} u
WHERE u.amount IS NOT NULL
`;
}

function joinedFeature(k) {
  const other = k < SOURCES * 2 ? `raw.orders_${(k + 3) % SOURCES}` : `feature_store.f_${Math.floor(k / 2)}`;
  const extras = Array.from({ length: 3 + (k % 10) }, (_, j) => {
    switch (j % 4) {
      case 0:
        return `  IFF(b.amount > ${j * 10}, 1, 0) AS flag_${k}_${j},`;
      case 1:
        return `  COUNT(*) OVER (PARTITION BY b.customer_id) AS orders_${k}_${j},`;
      case 2:
        return `  b.payload:items[0].price::float AS price_${k}_${j},`;
      default:
        return `  DATE_TRUNC('month', b.order_date) AS month_${k}_${j},`;
    }
  });
  return `-- description: Feature ${k}, joined from ${upstream(k)} and ${other}.
-- entity: customer
-- materialized: ${k % 5 === 0 ? 'view' : 'table'}
-- tags: [bench, group_${k % 8}]

WITH base AS (
  SELECT customer_id, order_id, amount, order_date, category, payload
  FROM ${upstream(k)}
  WHERE order_date >= DATEADD(day, -90, CURRENT_DATE())
),
other AS (
  SELECT customer_id, SUM(amount) AS other_spend, COUNT(DISTINCT category) AS other_categories
  FROM ${other}
  GROUP BY customer_id
)
SELECT
  b.customer_id,
  b.order_id,
  ZEROIFNULL(b.amount) AS amount,
  b.order_date,
  b.category,
  b.payload,
${extras.join('\n')}
  ZEROIFNULL(o.other_spend) AS other_spend_${k},
  CASE WHEN o.other_categories > 3 THEN 'broad' ELSE 'narrow' END AS breadth_${k}
FROM base b
LEFT JOIN other o ON o.customer_id = b.customer_id /* fan-in */
WHERE b.category <> 'test'
QUALIFY ROW_NUMBER() OVER (PARTITION BY b.customer_id, b.order_id ORDER BY b.order_date DESC) = 1
`;
}

export function featureFile(k) {
  return k % 10 === 7 ? starFeature(k) : joinedFeature(k);
}

function model(m, k) {
  return `description: Synthetic model ${m} on f_${k}.
training_data: f_${k}
entity: customer_id
target: flag_${k}_0
features: [orders_${k}_1, price_${k}_2]
algorithm: logistic_regression
serving:
  batch: { table: scores_${m}, threshold: 0.5 }
`;
}

/** Writes the project into dir (replacing it) and returns the paths of its files. */
export function generateProject(dir, features) {
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['features', 'models']) mkdirSync(path.join(dir, sub), { recursive: true });
  const files = ['mlc.yml'];
  writeFileSync(path.join(dir, 'mlc.yml'), config(SOURCES));
  for (let k = 0; k < features; k++) {
    const file = `features/f_${k}.sql`;
    writeFileSync(path.join(dir, file), featureFile(k));
    files.push(file);
  }
  for (let m = 0, k = 30; k < features; m++, k += 250) {
    while (k % 10 === 7) k++;
    const file = `models/model_${m}.yml`;
    writeFileSync(path.join(dir, file), model(m, k));
    files.push(file);
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) throw new Error('usage: node bench/compile/generate.js <dir> <features>');
  console.log(`${generateProject(path.resolve(dir), Number(count)).length} files written to ${dir}`);
}
