import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/compile/workspace.js';
import { copyExample, mlc } from '../support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Enough uncached feature files for a cold compile to hand half of them to a worker thread. */
const EXTRA_FEATURES = 450;

function addFeatures(dir: string): void {
  for (let k = 0; k < EXTRA_FEATURES; k++) {
    // Every tenth one reads the previous one with SELECT *, the rest read the source.
    const sql =
      k % 10 === 9
        ? `SELECT * FROM feature_store.extra_${k - 1}\n`
        : `-- description: extra feature ${k}\nSELECT customer_id, IFF(amount > ${k}, 1, 0) AS over_${k}, DATEADD(day, -${k}, order_date) AS shifted\nFROM orders\nWHERE product_category <> 'test_${k}'\n`;
    writeFileSync(path.join(dir, 'features', `extra_${k}.sql`), sql);
  }
}

describe('a cold compile of many files', () => {
  it('writes the same files with the work split over two threads as computed on one', async () => {
    const dir = copyExample();
    dirs.push(dir);
    addFeatures(dir);
    // The built CLI runs the worker; the TypeScript sources here compute everything in this thread.
    const cli = mlc(['compile'], dir);
    expect(cli.status, cli.stderr).toBe(0);
    rmSync(path.join(dir, '.mlc'), { recursive: true, force: true });
    const result = (await Workspace.open(dir)).compile();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = result.output!.files;
    expect(files.size).toBeGreaterThan(2 * EXTRA_FEATURES);
    for (const [file, content] of files) expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(content);
    expect(files.get('compiled/embedded/feature/extra_3.sql')).toContain('AS over_3');
  });
});
