import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { mlc } from '../support/cli.js';
import { FEATURES, TABLES, inspect, slowProject, startRun, type LiveRun, type RunEventLine } from './slow-project.js';

const tableOf = (nodeId: string): string => (nodeId.startsWith('source.') ? `main.${nodeId.slice(7)}` : `feature_store.${nodeId.slice(8)}__v1`);

/** Row counts of a complete build: the source's rows, one row per customer in each feature. */
async function fullCounts(dir: string): Promise<Map<string, number>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const csv = path.join(dir, 'data/events.csv').replace(/'/g, "''");
  const reader = await connection.runAndReadAll(`SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS customers FROM read_csv('${csv}', header = true)`);
  const row = reader.getRowObjectsJS()[0]!;
  connection.closeSync();
  instance.closeSync();
  return new Map(TABLES.map((t) => [t, Number(t === 'main.events' ? row.n : row.customers)]));
}

/**
 * What must hold after any interruption: every table is absent or complete, mlc_meta
 * records only builds whose table is there with the recorded row count, and no other
 * table (a half-built copy) is visible. Returns the tables present.
 */
async function expectConsistent(dir: string, full: Map<string, number>): Promise<string[]> {
  return inspect(dir, async (query) => {
    const tables = (await query("SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name <> 'mlc_meta'")).map((r) => String(r.t));
    expect(tables.filter((t) => !full.has(t))).toEqual([]);
    for (const table of tables) {
      const [count] = await query(`SELECT COUNT(*) AS n FROM ${table}`);
      expect(Number(count!.n), table).toBe(full.get(table));
    }
    const metaTables = await query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'mlc_meta' AND table_name = 'node_state'");
    if (metaTables.length === 0) return tables;
    for (const state of await query('SELECT node_id, row_count FROM mlc_meta.node_state')) {
      const table = tableOf(String(state.node_id));
      expect(tables, `${String(state.node_id)} is recorded as built`).toContain(table);
      expect(Number(state.row_count), table).toBe(full.get(table));
    }
    const [duplicates] = await query('SELECT COUNT(*) - COUNT(DISTINCT node_id) AS n FROM mlc_meta.node_state');
    expect(Number(duplicates!.n)).toBe(0);
    return tables;
  });
}

const started = (id: string) => (e: RunEventLine) => e.type === 'node_start' && e.id === id;

async function killAt(dir: string, match: (e: RunEventLine) => boolean, delayMs: number): Promise<LiveRun> {
  const run = startRun(dir);
  await run.waitFor(match);
  await sleep(delayMs);
  run.child.kill('SIGKILL');
  await run.exited;
  return run;
}

describe('a run killed with SIGKILL', () => {
  test('leaves every table absent or complete at each point, and the next run completes', async () => {
    const dir = await slowProject();
    const full = await fullCounts(dir);
    // Each point matches whichever feature the run reaches first, since an earlier kill
    // may have landed after a build committed (the next run then skips that feature).
    const anyFeature = (type: string) => (e: RunEventLine) => e.type === type && (e.id ?? '').startsWith('feature.');
    const points: [string, (e: RunEventLine) => boolean, number][] = [
      ['while the source loads', started('source.events'), 100],
      ['as a feature starts', anyFeature('node_start'), 0],
      ['in the middle of a feature', anyFeature('node_start'), 150],
      ['right after a feature finished', anyFeature('node_finish'), 0],
      ['late in a feature', anyFeature('node_start'), 250],
    ];
    const built: string[][] = [];
    for (const [, match, delay] of points) {
      await killAt(dir, match, delay);
      built.push(await expectConsistent(dir, full));
    }
    // Progress is kept: the source survives every kill after the first.
    expect(built.slice(2).every((tables) => tables.includes('main.events'))).toBe(true);

    const final = mlc(['run', '--json'], dir);
    expect(final.stderr).toBe('');
    expect(final.status).toBe(0);
    expect((await expectConsistent(dir, full)).sort()).toEqual([...TABLES].sort());
    const again = mlc(['run', '--json'], dir);
    const end = JSON.parse(again.stdout.trim().split('\n').pop()!) as { counts: Record<string, number> };
    expect(end.counts).toMatchObject({ built: 0, unchanged: TABLES.length });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('Ctrl-C during a run', () => {
  test('stops with exit code 130, leaves no half-built table, records the run as cancelled', async () => {
    const dir = await slowProject();
    const full = await fullCounts(dir);
    const run = startRun(dir);
    await run.waitFor(started('feature.heavy_b'));
    await sleep(100);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.events.at(-1)).toMatchObject({ type: 'run_end', status: 'cancelled' });
    expect(run.events.some(started(`feature.${FEATURES.at(-1)!}`))).toBe(false);
    const tables = await expectConsistent(dir, full);
    expect(tables).not.toContain(`feature_store.${FEATURES.at(-1)!}`);
    const [last] = await inspect(dir, (query) => query('SELECT status FROM mlc_meta.runs ORDER BY started_at DESC LIMIT 1'));
    expect(last!.status).toBe('cancelled');

    const next = mlc(['run'], dir);
    expect(next.status).toBe(0);
    expect(next.stdout).toMatch(/run succeeded/);
    expect((await expectConsistent(dir, full)).sort()).toEqual([...TABLES].sort());
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('two runs on the same embedded database', () => {
  test('the second refuses at once with --wait 0, or waits and then finds nothing to do', async () => {
    const dir = await slowProject(200_000, 40);
    const full = await fullCounts(dir);
    const first = startRun(dir);
    await first.waitFor(started('source.events'));
    const waiting = startRun(dir, ['--wait', '300']);
    const refused = mlc(['run', '--wait', '0'], dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/error: the embedded database \.mlc\/warehouse\.duckdb is in use by another mlc process \(held by process \d+\)/);
    expect(refused.stderr).toMatch(/--wait <seconds>/);

    expect(await first.exited).toBe(0);
    expect(await waiting.exited).toBe(0);
    expect(waiting.stderr()).toMatch(/waiting up to 300s for another mlc run to release the embedded database/);
    expect(waiting.events.at(-1)).toMatchObject({ type: 'run_end', status: 'success', counts: { built: 0, unchanged: TABLES.length } });
    expect((await expectConsistent(dir, full)).sort()).toEqual([...TABLES].sort());
    const runs = await inspect(dir, (query) => query('SELECT status FROM mlc_meta.runs ORDER BY started_at'));
    expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
    rmSync(dir, { recursive: true, force: true });
  });
});
