import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';
import { DevProcess, type WatchEvent } from './dev-process.js';
import { query } from '../support/warehouse.js';


function ids(events: WatchEvent[], type: string): string[] {
  return events.filter((e) => e.type === type).map((e) => e.id!).sort();
}

describe('mlc dev on the example project', () => {
  const dir = copyExample();
  const feature = path.join(dir, 'features/customer_features.sql');
  const original = readFileSync(feature, 'utf8');
  const withMarker = (value: number): string => original.replace('as unique_categories_purchased', `as unique_categories_purchased,\n${value} as marker`);
  const descendants = mlc(['ls', '--select', 'customer_features+', '--json'], dir)
    .stdout.trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id)
    .sort();
  const dev = new DevProcess(dir);
  const other = copyExample();
  afterAll(async () => {
    await dev.kill();
    for (const folder of [dir, other]) rmSync(folder, { recursive: true, force: true });
  });

  test('rebuilds exactly the saved feature and its descendants, survives a compile error, and stops on Ctrl-C', async () => {
    const firstEnd = await dev.waitFor(0, (e) => e.type === 'run_end', 'the first run', 60_000);
    expect(dev.events[firstEnd]!.status).toBe('success');
    expect(dev.events.some((e) => e.type === 'watch_ready')).toBe(true);
    const all = ids(dev.events.slice(0, firstEnd), 'node_finish');
    expect(all.length).toBeGreaterThan(descendants.length);

    writeFileSync(feature, withMarker(7));
    const change = await dev.waitFor(firstEnd + 1, (e) => e.type === 'watch_change', 'the change of customer_features');
    expect(dev.events[change]!.files).toEqual(['features/customer_features.sql']);
    const secondEnd = await dev.waitFor(change, (e) => e.type === 'run_end', 'the run after the edit');
    const second = dev.events.slice(change, secondEnd + 1);
    expect(dev.events[secondEnd]!.status).toBe('success');
    expect(ids(second, 'node_finish')).toEqual(descendants);
    expect(ids(second, 'node_unchanged')).toEqual(all.filter((id) => !descendants.includes(id)));
    expect(readFileSync(path.join(dir, 'compiled/embedded/feature/customer_features.sql'), 'utf8')).toContain('7 as marker');

    writeFileSync(feature, `${original}\nWHERE (`);
    const error = await dev.waitFor(secondEnd + 1, (e) => e.type === 'watch_error', 'the compile error');
    expect(dev.events[error]!.diagnostics![0]!.file).toBe('features/customer_features.sql');
    expect(dev.events.slice(secondEnd + 1).some((e) => e.type === 'run_start')).toBe(false);
    expect(dev.running).toBe(true);

    writeFileSync(feature, withMarker(8));
    const fixed = await dev.waitFor(error + 1, (e) => e.type === 'watch_change', 'the fixed file');
    const thirdEnd = await dev.waitFor(fixed, (e) => e.type === 'run_end', 'the run after the fix');
    expect(dev.events[thirdEnd]!.status).toBe('success');
    expect(ids(dev.events.slice(fixed, thirdEnd), 'node_finish')).toEqual(descendants);

    // A rename is a removed node and a new one, however the watcher groups the two events.
    renameSync(path.join(dir, 'features/customer_features_v2.sql'), path.join(dir, 'features/customer_features_v3.sql'));
    const built = await dev.waitFor(thirdEnd + 1, (e) => e.type === 'node_finish' && e.id === 'feature.customer_features_v3', 'the renamed feature');
    const gone = await dev.waitFor(thirdEnd + 1, (e) => e.type === 'watch_change' && e.removed!.includes('feature.customer_features_v2'), 'the old name removed');
    const fourthEnd = await dev.waitFor(Math.max(built, gone), (e) => e.type === 'run_end', 'the run after the rename');
    expect(dev.events[fourthEnd]!.status).toBe('success');

    rmSync(path.join(dir, 'features/customer_features_v3.sql'));
    const removed = await dev.waitFor(fourthEnd + 1, (e) => e.type === 'watch_change', 'the deleted feature');
    expect(dev.events[removed]!.removed).toEqual(['feature.customer_features_v3']);
    await dev.waitFor(removed, (e) => e.type === 'run_end' && e.status === 'success', 'the run after the delete');

    const code = await dev.interrupt();
    expect({ code, stderr: dev.stderr }).toEqual({ code: 0, stderr: '' });
    // The manifest is written after each run, off the path from a save to its rebuild: none is left stale.
    expect(mlc(['compile', '--check'], dir).status).toBe(0);
    const rows = await query(dir, 'SELECT MIN(marker) AS lo, MAX(marker) AS hi, COUNT(*) AS n FROM feature_store.customer_features');
    expect(rows[0]).toEqual({ lo: 8, hi: 8, n: 600n });
    const v3 = await query(dir, 'SELECT COUNT(*) AS n FROM feature_store.customer_features_v3');
    expect(Number(v3[0]!.n)).toBe(600);
  });

  test('Ctrl-C in the middle of a run ends it cleanly, and the next `mlc run` finishes the job', async () => {
    const session = new DevProcess(other);
    try {
      const firstEnd = await session.waitFor(0, (e) => e.type === 'run_end', 'the first run', 60_000);
      const file = path.join(other, 'features/customer_features.sql');
      writeFileSync(file, readFileSync(file, 'utf8').replace('as unique_categories_purchased', 'as unique_categories_purchased,\n5 as marker'));
      const training = await session.waitFor(firstEnd + 1, (e) => e.type === 'node_start' && e.id === 'model.customer_classification', 'the model to start training');
      const code = await session.interrupt();
      expect({ code, stderr: session.stderr }).toEqual({ code: 0, stderr: '' });
      const end = session.events.slice(training).find((e) => e.type === 'run_end');
      expect(['cancelled', 'success']).toContain(end?.status);
    } finally {
      await session.kill();
    }
    const rerun = mlc(['run'], other);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(/run succeeded/);
    // Scoring appends one batch per run: every batch is whole, none was cut short.
    const batches = await query(other, 'SELECT run_id, COUNT(*) AS n FROM customer_scores GROUP BY run_id');
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.map((b) => Number(b.n))).toEqual(batches.map(() => 600));
    const marker = await query(other, 'SELECT MIN(marker) AS lo, MAX(marker) AS hi FROM feature_store.customer_features');
    expect(marker[0]).toEqual({ lo: 5, hi: 5 });
  });
});
