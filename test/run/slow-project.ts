import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { REPO } from '../support/cli.js';

/** The heavy features of the slow project, in the order a one-thread run builds them. */
export const FEATURES = ['heavy_a', 'heavy_b', 'heavy_c', 'heavy_d', 'heavy_e'];

/** Every table a full build creates, with its schema (a feature's version table; its plain name is a view on it). */
export const TABLES = ['main.events', ...FEATURES.map((f) => `feature_store.${f}__v1`)];

/**
 * A project whose nodes each take a noticeable time (each feature aggregates the source
 * `repeat` times over), so a run can be stopped while a node is building.
 */
export async function slowProject(rows = 200_000, repeat = 15): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-slow-'));
  mkdirSync(path.join(dir, 'features'));
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(
    path.join(dir, 'mlc.yml'),
    `name: slow
target: embedded
threads: 1
targets:
  embedded:
    type: duckdb
    path: .mlc/warehouse.duckdb
sources:
  events:
    file: data/events.csv
    columns: [event_id, customer_id, amount]
`,
  );
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const csv = path.join(dir, 'data/events.csv').replace(/'/g, "''");
  await connection.run(
    `COPY (SELECT i AS event_id, hash(i) % 20000 AS customer_id, (hash(i * 7) % 10000) / 100.0 AS amount FROM range(${rows}) t(i)) TO '${csv}' (HEADER)`,
  );
  connection.closeSync();
  instance.closeSync();
  // Each feature reads the one before, so a one-thread run builds them in this order.
  FEATURES.forEach((name, i) => {
    const from = i === 0 ? 'events' : `events JOIN feature_store.${FEATURES[i - 1]} p USING (customer_id)`;
    writeFileSync(
      path.join(dir, 'features', `${name}.sql`),
      `SELECT customer_id, COUNT(*) AS n, SUM(amount * r.range) AS total, MAX(amount + r.range) AS peak
FROM ${from}
CROSS JOIN range(${repeat}) r
GROUP BY customer_id
`,
    );
  });
  return dir;
}

export interface RunEventLine {
  type: string;
  id?: string;
  status?: string;
}

/** A running `mlc run --json`, with the events it has printed so far. */
export interface LiveRun {
  child: ChildProcessWithoutNullStreams;
  events: RunEventLine[];
  stderr(): string;
  /** Resolves when an event matching `match` has been printed (rejects if the run ends first). */
  waitFor(match: (event: RunEventLine) => boolean): Promise<RunEventLine>;
  exited: Promise<number | null>;
}

export function startRun(dir: string, args: string[] = []): LiveRun {
  return startMlc(dir, ['run', '--json', ...args]);
}

/** Any `mlc` command printing NDJSON events (`run --json`, `schedule --json`, `dev --json`). */
export function startMlc(dir: string, args: string[]): LiveRun {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/mlc.js'), ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
  const events: RunEventLine[] = [];
  const waiters: { match: (event: RunEventLine) => boolean; resolve: (event: RunEventLine) => void }[] = [];
  let buffer = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines.filter((l) => l.trim())) {
      const event = JSON.parse(line) as RunEventLine;
      events.push(event);
      for (const waiter of waiters.filter((w) => w.match(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    events,
    stderr: () => errors,
    exited,
    waitFor: (match) =>
      new Promise((resolve, reject) => {
        const seen = events.find(match);
        if (seen) return resolve(seen);
        waiters.push({ match, resolve });
        void exited.then(() => reject(new Error(`the run ended before the awaited event; events: ${events.map((e) => `${e.type} ${e.id ?? ''}`).join(', ')}; stderr: ${errors}`)));
      }),
  };
}

/** Reads the warehouse with a plain DuckDB connection (the run must have exited). */
export async function inspect<T>(dir: string, read: (query: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path.join(dir, '.mlc/warehouse.duckdb'));
  const connection = await instance.connect();
  try {
    return await read(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
