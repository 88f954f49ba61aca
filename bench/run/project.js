/**
 * Generates the benchmark project: one source of ROWS events (CSV written by DuckDB COPY)
 * and FEATURES feature nodes in two layers. Layer 1 aggregates the source per customer;
 * layer 2 joins two layer-1 features, so the graph has many independent branches.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const pad = (i) => String(i).padStart(3, '0');

function layerOne(i) {
  return `-- description: per-customer aggregates, variant ${i}
SELECT
customer_id,
COUNT(*) AS events_${i},
SUM(amount * ${(i % 7) + 1}) AS spend_${i},
AVG(amount) AS avg_amount_${i},
MAX(amount) AS max_amount_${i}
FROM events
WHERE event_id % ${(i % 5) + 2} <> ${i % 2}
GROUP BY customer_id
`;
}

function layerTwo(i, a, b) {
  return `-- description: combines two aggregate variants, ${i}
SELECT
a.customer_id,
a.spend_${a} + b.spend_${b} AS spend_sum_${i},
a.events_${a} - b.events_${b} AS events_delta_${i},
GREATEST(a.max_amount_${a}, b.max_amount_${b}) AS max_amount_${i}
FROM feature_store.agg_${pad(a)} a
JOIN feature_store.agg_${pad(b)} b ON a.customer_id = b.customer_id
`;
}

/** Writes the project into `dir`; `nodes` counts the source too. */
export async function generateProject(dir, { rows = 1_000_000, nodes = 200, customers = 50_000, threads = 1 } = {}) {
  mkdirSync(path.join(dir, 'features'), { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(
    path.join(dir, 'mlc.yml'),
    `name: bench_run
target: embedded
threads: ${threads}
targets:
  embedded:
    type: duckdb
    path: .mlc/warehouse.duckdb
sources:
  events:
    file: data/events.csv
    columns: [event_id, customer_id, amount, category]
`,
  );
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const csv = path.join(dir, 'data/events.csv').replace(/'/g, "''");
  await connection.run(
    `COPY (SELECT i AS event_id, hash(i) % ${customers} AS customer_id, round((hash(i * 7) % 100000) / 100.0, 2) AS amount,
      'c' || (hash(i * 13) % 20) AS category FROM range(${rows}) t(i)) TO '${csv}' (HEADER)`,
  );
  connection.closeSync();
  instance.closeSync();
  const features = nodes - 1;
  const first = Math.ceil(features / 2);
  for (let i = 0; i < first; i++) writeFileSync(path.join(dir, `features/agg_${pad(i)}.sql`), layerOne(i));
  for (let i = 0; i < features - first; i++) {
    const a = i % first;
    const b = (i * 7 + 3) % first;
    writeFileSync(path.join(dir, `features/combo_${pad(i)}.sql`), layerTwo(i, a, b === a ? (a + 1) % first : b));
  }
}
