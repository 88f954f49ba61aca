/** `mlc schedule` stopped with SIGTERM in the middle of a job: a clean stop, no half-built table. */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { FEATURES, TABLES, inspect, slowProject, startMlc } from '../run/slow-project.js';

test('SIGTERM during a scheduled job cancels it, leaves every table absent or complete, and records the run', async () => {
  const dir = await slowProject();
  const last = path.join(dir, 'features', `${FEATURES.at(-1)!}.sql`);
  // catch_up with no earlier run: the job runs as soon as the scheduler starts.
  writeFileSync(last, `-- schedule: { cron: "0 0 1 1 *", catch_up: true }\n\n${readFileSync(last, 'utf8')}`);
  const scheduler = startMlc(dir, ['schedule', '--json']);
  await scheduler.waitFor((e) => e.type === 'node_start' && e.id === `feature.${FEATURES[1]!}`);
  scheduler.child.kill('SIGTERM');
  expect(await scheduler.exited).toBe(0);
  expect(scheduler.events.find((e) => e.type === 'run_end')).toMatchObject({ status: 'cancelled' });
  expect(scheduler.stderr()).toMatch(/start\s+feature\.heavy_e \(catching up a missed run\)/);
  await inspect(dir, async (query) => {
    const tables = (await query("SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name <> 'mlc_meta'")).map((r) => String(r.t));
    expect(tables.every((t) => TABLES.includes(t))).toBe(true);
    const counts = await Promise.all(tables.filter((t) => t !== 'main.events').map(async (t) => Number((await query(`SELECT COUNT(*) AS n FROM ${t}`))[0]!.n)));
    expect(new Set(counts).size).toBeLessThanOrEqual(1);
    expect(tables).not.toContain(`feature_store.${FEATURES.at(-1)!}__v1`);
    const runs = await query('SELECT trigger, status FROM mlc_meta.runs');
    expect(runs).toEqual([{ trigger: 'schedule:feature.heavy_e:catch_up', status: 'cancelled' }]);
  });
});
