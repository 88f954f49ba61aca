import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseArtifact } from '../../src/ml/index.js';
import { createScoringFunction } from '../../src/registry/functions.js';
import type { Connection, Target } from '../../src/targets/target.js';
import { splitStatements } from '../support/snowflake-emulator/classify.js';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { REPO } from '../support/cli.js';
import { loadSources } from './example.js';
import { emulatorTarget } from './helpers.js';

interface ManifestNode {
  id: string;
  kind: string;
  layer: number;
  compiled: string[];
}

const ROOT = path.join(REPO, 'compiled', 'snowflake');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'compiled', 'manifest.json'), 'utf8')) as { nodes: ManifestNode[] };
/** Node files in dependency order, then the task graphs. */
const files = [
  ...[...manifest.nodes].sort((a, b) => a.layer - b.layer || (a.id < b.id ? -1 : 1)).flatMap((n) => n.compiled.filter((f) => f.startsWith('compiled/snowflake/'))),
  ...readdirSync(path.join(ROOT, 'schedule')).map((f) => `compiled/snowflake/schedule/${f}`),
];
const statementsOf = (file: string): string[] => splitStatements(readFileSync(path.join(REPO, file), 'utf8').replace(/^--.*\n/gm, ''));

/** Each DDL form mlc emits, as /work/shared/reference/snowflake-sql.md writes it. */
const FORMS: [string, RegExp][] = [
  ['create schema', /^CREATE SCHEMA IF NOT EXISTS \w+$/],
  ['create table', /^CREATE TABLE IF NOT EXISTS [\w.]+ \(\n(  \w+ (INTEGER|STRING|FLOAT|TIMESTAMP_NTZ|VARIANT),?\n)+\)$/],
  ['create table, one line', /^CREATE TABLE IF NOT EXISTS [\w.]+ \((\w+ (VARCHAR|DATE|INTEGER|BIGINT|DOUBLE|BOOLEAN|TIMESTAMP)(, )?)+\)$/],
  ['add column', /^ALTER TABLE [\w.]+ ADD COLUMN IF NOT EXISTS \w+ (INTEGER|STRING|FLOAT|TIMESTAMP_NTZ|VARIANT)$/],
  ['build aside', /^CREATE OR REPLACE TABLE [\w.]+__mlc_build AS\n[\s\S]+$/],
  ['create like', /^CREATE TABLE IF NOT EXISTS ([\w.]+) LIKE \1__mlc_build$/],
  ['swap', /^ALTER TABLE ([\w.]+) SWAP WITH \1__mlc_build$/],
  ['drop aside', /^DROP TABLE [\w.]+__mlc_build$/],
  ['create table as', /^CREATE TABLE IF NOT EXISTS [\w.]+ AS\nSELECT [\s\S]+$/],
  ['view', /^CREATE OR REPLACE VIEW [\w.]+ AS\nSELECT[\s\S]+$/],
  ['data test', /^SELECT COUNT\(\*\) OVER \(\) AS mlc_failures, offending\.\*\nFROM \(\n[\s\S]+\n\) offending\nLIMIT 5$/],
  [
    'procedure',
    /^CREATE OR REPLACE PROCEDURE \w+\(\w+ STRING(, \w+ STRING)*\)\nRETURNS STRING\nLANGUAGE PYTHON\nRUNTIME_VERSION = '3\.12'\nPACKAGES = \('snowflake-snowpark-python', 'scikit-learn', 'pandas'\)\nHANDLER = 'main'\nEXECUTE AS CALLER\nAS \$\$\n[\s\S]*\ndef main\(session, [\s\S]+\$\$$/,
  ],
  ['call', /^CALL \w+\(([^()]*)\)$/],
  ['sql procedure', /^CREATE OR REPLACE PROCEDURE \w+\(\)\nRETURNS STRING\nLANGUAGE SQL\nAS\n\$\$\nDECLARE\n[\s\S]+\nBEGIN\n[\s\S]+\nEND;\n\$\$$/],
  ['transaction', /^(BEGIN TRANSACTION|COMMIT)$/],
  ['dml', /^(INSERT INTO|DELETE FROM) [\w.]+[\s\S]*$/],
  ['suspend task', /^ALTER TASK IF EXISTS \w+ SUSPEND$/],
  ['root task', /^CREATE OR REPLACE TASK \w+\n  (WAREHOUSE = \w+|USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = '\w+')\n  SCHEDULE = 'USING CRON (\S+ ){5}[\w/+-]+'\nAS\n[\s\S]+$/],
  ['child task', /^CREATE OR REPLACE TASK \w+\n  (WAREHOUSE = \w+|USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = '\w+')\n  AFTER \w+(, \w+)*\nAS\n[\s\S]+$/],
  ['resume task', /^ALTER TASK \w+ RESUME$/],
  ['alert', /^CREATE OR REPLACE ALERT \w+\n  (WAREHOUSE = \w+\n  )?SCHEDULE = 'USING CRON (\S+ ){5}[\w/+-]+'\n  IF \(EXISTS \([\s\S]+\)\)\n  THEN [\s\S]+$/],
  ['resume alert', /^ALTER ALERT \w+ RESUME$/],
];

function formOf(statement: string): string | undefined {
  return FORMS.find(([, pattern]) => pattern.test(statement))?.[0];
}

describe('compiled/snowflake: every statement has a form the reference documents', () => {
  test.each(files)('%s', (file) => {
    const statements = statementsOf(file);
    for (const statement of statements) expect(formOf(statement), statement.slice(0, 200)).toBeDefined();
    const forms = statements.map(formOf);
    // Build aside, then swap: the live table is never half-built.
    forms.forEach((form, i) => {
      if (form === 'swap') expect(forms.slice(0, i)).toEqual(expect.arrayContaining(['build aside', 'create like']));
    });
    if (!file.includes('/schedule/')) return;
    // A task graph: one root with the schedule, children after tasks defined before them, resumed children first.
    const names = statements.map((s) => /^CREATE OR REPLACE TASK (\w+)/.exec(s)?.[1]).filter((n): n is string => n !== undefined);
    expect(forms.filter((f) => f === 'root task')).toHaveLength(1);
    const parents = new Map<string, string[]>();
    for (const s of statements) {
      const child = /^CREATE OR REPLACE TASK (\w+)\n.*\n  AFTER ([\w, ]+)\n/.exec(s);
      if (child) parents.set(child[1]!, child[2]!.split(', '));
    }
    for (const [child, of] of parents) for (const parent of of) expect(names.indexOf(parent)).toBeLessThan(names.indexOf(child));
    const resumed = statements.map((s) => /^ALTER TASK (\w+) RESUME$/.exec(s)?.[1]).filter((n): n is string => n !== undefined);
    expect([...resumed].sort()).toEqual([...names].sort());
    for (const [child, of] of parents) for (const parent of of) expect(resumed.indexOf(child)).toBeLessThan(resumed.indexOf(parent));
    expect(statements[0]).toBe(`ALTER TASK IF EXISTS ${names[0]} SUSPEND`);
  });
});

describe('compiled/snowflake runs through the emulator, file by file, with the real driver', () => {
  let emulator: Emulator;
  let target: Target;
  let connection: Connection;

  beforeAll(async () => {
    emulator = await startEmulator({ database: 'ML', schema: 'PUBLIC' });
    await loadSources(emulator);
    target = emulatorTarget(emulator).target;
    connection = await target.connect();
  });

  afterAll(async () => {
    await target.dispose();
    await emulator.close();
  });

  test('every statement succeeds; the CALL trains with the Python handler; Snowflake-only objects are accepted', async () => {
    for (const file of files) {
      for (const statement of statementsOf(file)) {
        // The binds `mlc run` supplies: the run id for scoring, fingerprints for the CALL.
        const binds = statement.startsWith('CALL') ? ['fingerprint', null, '{}'] : Array.from(statement.matchAll(/\?/g), () => 'run-1');
        await expect(connection.query(statement, binds), `${file}: ${statement.slice(0, 120)}`).resolves.toBeDefined();
        if (statement.startsWith('CALL')) {
          // What the runner does after the CALL: publish the registered champion as the scoring function.
          const { rows } = await connection.query("SELECT model_binary FROM model_registry WHERE status = 'CHAMPION'");
          await connection.query(createScoringFunction('predict_customer_value', parseArtifact(String(rows[0]!.model_binary)), 'snowflake', ['total_spend', 'total_transactions', 'customer_tenure_days', 'days_since_last_order']));
        }
      }
    }
    const outcomes = emulator.statements.map((s) => s.outcome);
    expect(outcomes).not.toContain('error');
    const noops = emulator.statements.filter((s) => s.outcome === 'noop').map((s) => s.sql.split(/\s+/).slice(0, 4).join(' '));
    expect(noops.some((s) => s.startsWith('CREATE OR REPLACE TASK'))).toBe(true);
    expect(noops.some((s) => s.startsWith('CREATE OR REPLACE ALERT'))).toBe(true);
    const scored = await connection.query("SELECT COUNT(*) AS n FROM customer_scores WHERE run_id = 'run-1' AND prediction_score BETWEEN 0 AND 1");
    expect(Number(scored.rows[0]!.n)).toBe(600);
  });
});
