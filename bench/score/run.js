// Scoring speed (issue #6): batch scoring of 1,000,000 rows on the embedded target with a
// 100-tree depth-6 gradient-boosting model on 20 features (target <= 3 s), and `mlc serve`
// single-row p99 latency at 1,000 requests/s (target <= 2 ms; fixed-rate open-loop load from
// fixed-rate.js) and batch throughput (target >= 200,000 rows/s; closed-loop.js), on loopback.
// Run `npm run build` first. ROWS, RUNS, SECONDS and WORKERS shorten or vary a run.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { artifactToSql, datasetFromRows, trainGradientBoosting } from '../../dist/ml/index.js';
import { scoringScalarFunction } from '../../dist/serve/index.js';
import { closedLoop } from './closed-loop.js';
import { fixedRate, quantile } from './fixed-rate.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);
const FEATURES = Array.from({ length: 20 }, (_, i) => `f${i}`);

let seed = 1;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const training = Array.from({ length: 4000 }, () => {
  const row = Object.fromEntries(FEATURES.map((f) => [f, next()]));
  row.y = row.f0 + row.f1 * row.f2 + next() * 0.5 > 0.9 ? 1 : 0;
  return row;
});
const artifact = trainGradientBoosting(datasetFromRows(training, { features: FEATURES, target: 'y', task: 'binary' }), { n_estimators: 100, max_depth: 6 });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE input AS SELECT ${FEATURES.map((f) => `random() AS ${f}`).join(', ')} FROM range(${ROWS})`);
connection.registerScalarFunction(scoringScalarFunction('score_js', artifact));
await connection.run(`CREATE MACRO score_sql(${FEATURES.join(', ')}) AS (${artifactToSql(artifact, { dialect: 'duckdb' })})`);
const args = FEATURES.join(', ');

const fast = [];
for (let i = 0; i < RUNS; i++) fast.push(await timed(() => connection.run(`CREATE OR REPLACE TABLE scored AS SELECT score_js(${args}) AS s FROM input`)));
const sqlRuns = [await timed(() => connection.run(`CREATE OR REPLACE TABLE scored_sql AS SELECT score_sql(${args}) AS s FROM input`))];
const parity = (await connection.runAndReadAll(`SELECT MAX(ABS(score_js(${args}) - score_sql(${args}))) AS d FROM (SELECT * FROM input LIMIT 100000)`)).getRowObjectsJS()[0].d;
const fastWall = median(fast.map((r) => r.wall));
console.log(`batch scoring ${ROWS} rows, JS vectorized function: wall ${fastWall.toFixed(2)} s, cpu ${median(fast.map((r) => r.cpu)).toFixed(2)} s (median of ${RUNS}); target 3 s, ratio ${(fastWall / 3).toFixed(2)}`);
console.log(`batch scoring ${ROWS} rows, SQL CASE macro: wall ${sqlRuns[0].wall.toFixed(2)} s, cpu ${sqlRuns[0].cpu.toFixed(2)} s (1 run, all DuckDB threads); JS speedup ${(sqlRuns[0].wall / fastWall).toFixed(1)}x wall`);
console.log(`parity JS vs SQL on 100,000 rows: max |diff| ${parity}`);
connection.closeSync();
instance.closeSync();

// The server reads its champion from a registry database and polls it, as `mlc serve` does.
const registryFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlc-bench-')), 'registry.duckdb');
const registry = await DuckDBInstance.create(registryFile);
const registryConnection = await registry.connect();
await registryConnection.run('CREATE TABLE model_registry (model_name VARCHAR, model_version VARCHAR, version_number BIGINT, status VARCHAR, model_binary VARCHAR)');
await registryConnection.run(`INSERT INTO model_registry VALUES ('bench', 'v1', 1, 'CHAMPION', $artifact)`, { artifact: JSON.stringify(artifact) });
registryConnection.closeSync();
registry.closeSync();
const WORKERS = Number(process.env.WORKERS ?? 2);
// Workers share a fixed port (cluster gives port 0 to each worker separately).
const child = spawn(process.execPath, [new URL('./server.js', import.meta.url).pathname, registryFile], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  env: { ...process.env, WORKERS: String(WORKERS), PORT: process.env.PORT ?? '18573' },
});
const url = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
const serverCpu = () => new Promise((resolve) => { child.once('message', resolve); child.send('cpu'); });
const row = JSON.stringify(training[0]);
const BATCH = 1000;
const batchBody = JSON.stringify(training.slice(0, BATCH));
const predictUrl = `${url}/v1/models/bench/predict`;

// Single rows: fixed-rate open-loop load (fixed-rate.js says why not autocannon's rate option),
// after a warm-up at the same rate that is not measured.
const RATE = 1000;
const SECONDS = Number(process.env.SECONDS ?? 5);
const WARMUP = 2;
await fixedRate({ url: predictUrl, body: row, rate: RATE, seconds: WARMUP });
const singles = [];
const singleCpu = [];
for (let i = 0; i < RUNS; i++) {
  const before = await serverCpu();
  const result = await fixedRate({ url: predictUrl, body: row, rate: RATE, seconds: SECONDS });
  singleCpu.push(((await serverCpu()) - before) / result.latency.length);
  singles.push(result);
}
const ms = (pick, q) => median(singles.map((r) => quantile(r[pick], q))).toFixed(2);
const p99 = Number(ms('latency', 0.99));
console.log(
  `serve (${WORKERS} worker${WORKERS === 1 ? '' : 's'}) single row at ${RATE} req/s, open loop: p99 ${p99} ms, p50 ${ms('latency', 0.5)} ms, p99.9 ${ms('latency', 0.999)} ms, ` +
    `failed ${singles.reduce((s, r) => s + r.failed, 0)} (median of ${RUNS} x ${SECONDS} s after a ${WARMUP} s warm-up not counted; requests sent late by p99 ${ms('lateness', 0.99)} ms); ` +
    `target 2 ms, ratio ${(p99 / 2).toFixed(2)}; server cpu ${(median(singleCpu) * 1e3).toFixed(3)} ms/request`,
);

// Batches: closed loop, as fast as the server answers; the first requests warm up and are not counted.
const BATCH_REQUESTS = 600;
const fire = (amount) => closedLoop({ url: predictUrl, body: batchBody, connections: 4, amount });
await fire(40);
const batches = [];
const batchCpu = [];
for (let i = 0; i < RUNS; i++) {
  const before = await serverCpu();
  const result = await fire(BATCH_REQUESTS);
  batchCpu.push(((await serverCpu()) - before) / (BATCH_REQUESTS * BATCH));
  batches.push({ rowsPerSecond: (BATCH_REQUESTS * BATCH) / result.seconds, failed: result.failed });
}
const throughput = median(batches.map((r) => r.rowsPerSecond));
console.log(`serve (${WORKERS} worker${WORKERS === 1 ? '' : 's'}) batches of ${BATCH} rows, closed loop on 4 connections: ${Math.round(throughput)} rows/s, failed ${batches.reduce((s, r) => s + r.failed, 0)} (median of ${RUNS} x ${BATCH_REQUESTS} requests after 40 not counted); target 200,000 rows/s, ratio ${(throughput / 200000).toFixed(2)}; server cpu ${(median(batchCpu) * 1e6).toFixed(2)} us/row = ${Math.round(1 / median(batchCpu))} rows per cpu-second`);
child.kill('SIGTERM');
