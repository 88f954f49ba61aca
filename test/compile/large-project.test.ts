import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/compile/workspace.js';
import { mlc } from '../support/cli.js';

// Enough feature files for a cold compile to translate them and write compiled/ on worker threads (the built
// CLI does; the in-process compile below runs from the sources, which have no workers).
const FEATURES = 1200;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const CONFIG = `name: large
target: embedded
targets:
  embedded: { type: duckdb, path: .mlc/warehouse.duckdb }
  snowflake: { type: snowflake, connection: default, database: ML, schema: PUBLIC, warehouse: ML_WH }
sources:
  orders: { schema: raw, columns: [customer_id, amount, order_date, payload] }
`;

/** Feature SQL in a few shapes, each with Snowflake-only syntax the DuckDB translation rewrites. */
function featureSql(k: number): string {
  const from = k < 10 ? 'raw.orders' : `feature_store.f_${k - 1 - (k % 7)}`;
  switch (k % 3) {
    case 0:
      return `-- materialized: table\n\nSELECT customer_id, amount, order_date, payload,\n  IFF(amount > ${k}, 1, 0) AS flag_${k}\nFROM ${from}\n`;
    case 1:
      return `SELECT customer_id, amount, DATEADD(day, -${k}, order_date) AS order_date, payload,\n  payload:items[0].price::float AS price_${k}\nFROM ${from}\nQUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC) = 1;\n`;
    default:
      return `-- description: feature ${k}\n\nSELECT *, ZEROIFNULL(amount) AS spend_${k} -- all upstream columns (naïve ☃)\nFROM ${from} u\n`;
  }
}

function writeProject(features: (k: number) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-large-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'mlc.yml'), CONFIG);
  mkdirSync(path.join(dir, 'features'));
  for (let k = 0; k < FEATURES; k++) writeFileSync(path.join(dir, 'features', `f_${k}.sql`), features(k));
  return dir;
}

function compiledFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(path.join(dir, 'compiled'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, absolute).split(path.sep).join('/'), readFileSync(absolute, 'utf8'));
  }
  return files;
}

describe('a cold compile of a large project', () => {
  it('writes the same compiled/ as compiling on one thread, and a second compile writes nothing', async () => {
    const dir = writeProject(featureSql);
    const cold = mlc(['compile'], dir);
    expect(cold.stderr).toBe('');
    expect(cold.stdout).toContain(`compiled ${FEATURES + 1} nodes for 2 targets`);

    const single = (await Workspace.open(writeProject(featureSql))).compile();
    expect(single.diagnostics).toEqual([]);
    const expected = single.output!.files;
    expect(cold.stdout).toContain(`${expected.size} of ${expected.size} files written`);
    const written = compiledFiles(dir);
    expect([...written.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect(written.get(file), file).toBe(content);
    expect(written.get('compiled/embedded/feature/f_1.sql')).toContain('mlc_dateadd(');
    expect(written.get('compiled/embedded/feature/f_2.sql')).toContain('(naïve ☃)');

    expect(mlc(['compile'], dir).stdout).toContain(`0 of ${expected.size} files written`);
  });

  it('fails on a broken file with its located error', () => {
    const dir = writeProject((k) => (k === 700 ? featureSql(k).replace('FROM', 'FROM raw.missing,') : featureSql(k)));
    const result = mlc(['compile'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/features\/f_700\.sql:\d+:\d+: error: unknown table 'raw\.missing'/);
  });

  it('reports a construct DuckDB cannot run at its place in its file, as compiling on one thread does', async () => {
    // The cold compile translates on a worker: the problem it finds must come out where this thread's would.
    const features = (k: number): string => (k === 600 ? featureSql(k).replace('SELECT ', 'SELECT SYSTEM$TYPEOF(amount) AS kind, ') : featureSql(k));
    const result = mlc(['compile'], writeProject(features));
    const single = (await Workspace.open(writeProject(features))).compile();
    const errors = single.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toMatchObject([{ file: 'features/f_600.sql', line: 3, col: 8 }]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`features/f_600.sql:3:8: error: ${errors[0]!.message}`);
  });

  it('leaves no compiled/ behind when the compile fails after its files began to be written', () => {
    // The error is found while the files are rendered, so the worker is already writing them.
    const dir = writeProject((k) => (k === FEATURES - 1 ? `-- materialized: incremental\n\n${featureSql(k).replace(/^-- .*\n\n/, '')}` : featureSql(k)));
    const result = mlc(['compile'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`features/f_${FEATURES - 1}.sql:3:1: error: f_${FEATURES - 1} is incremental but names neither a time column nor a key`);
    expect(existsSync(path.join(dir, 'compiled'))).toBe(false);
    expect(readdirSync(path.join(dir, '.mlc'))).toEqual(['cache']);
  });
});
