import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

/**
 * A corpus of broken projects, each compiled by the CLI. Every case starts from the example
 * project at the repository root and breaks one thing; the CLI must exit 1 and point at the
 * exact file, line and column, without a stack trace. Cases run the CLI's `main()` in-process
 * (spawning a process per case took over a minute); a few also run the real binary, to prove
 * the exit code and output of the process itself.
 */

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(repo, 'bin', 'mlc.js');
const BASE_ENTRIES = ['mlc.yml', 'features', 'models', 'monitors', 'data'];

/** A file's new text; a function derives it from the example's file at the same path; null deletes it. */
type Edit = string | null | ((base: string) => string);

interface BrokenCase {
  name: string;
  files: Record<string, Edit>;
  /** Where the error must point: project-relative file, 1-based line and column. */
  at: [file: string, line: number, col: number];
  /** A fragment of the error message on that line. */
  message: string;
  /** A fragment of the hint printed below it, when the hint is the useful part. */
  hint?: string;
  /** A fragment that must not appear: a knock-on error of the one above. */
  absent?: string;
}

function example(file: string): string {
  return readFileSync(path.join(repo, file), 'utf8');
}

/** Replaces exactly one occurrence, so a case fails loudly when the example changes. */
function replace(from: string, to: string): (base: string) => string {
  return (base) => {
    const parts = base.split(from);
    if (parts.length !== 2) throw new Error(`expected one '${from}' in the example file, found ${parts.length - 1}`);
    return parts.join(to);
  };
}

const MODEL = 'models/customer_classification.yml';
const MONITOR = 'monitors/customer_classification.yml';
const FEATURES = 'features/customer_features.sql';
const FEATURES_V2 = 'features/customer_features_v2.sql';
const TRAINING = 'features/training_data.sql';

const cases: BrokenCase[] = [
  // YAML syntax
  {
    name: 'mlc.yml: duplicate key',
    files: { 'mlc.yml': replace('threads: 4\n', 'threads: 4\nthreads: 8\n') },
    at: ['mlc.yml', 5, 1],
    message: 'YAML syntax error: map keys must be unique',
    hint: 'remove or rename one of the two keys',
  },
  {
    name: 'model: bad indentation',
    files: { [MODEL]: replace('  realtime:', ' realtime:') },
    at: [MODEL, 14, 1],
    message: 'YAML syntax error: all mapping items must start at the same column',
  },
  {
    name: 'model: unclosed quote is shown where it opens',
    files: { [MODEL]: replace('description: Which customers', 'description: "Which customers') },
    at: [MODEL, 1, 14],
    message: 'YAML syntax error: missing closing "quote',
  },
  {
    name: 'monitor: unclosed single quote is shown where it opens',
    files: { [MONITOR]: replace('model: customer_classification', "model: 'customer_classification") },
    at: [MONITOR, 2, 8],
    message: "YAML syntax error: missing closing 'quote",
  },
  {
    name: 'model: unclosed flow map is shown where it opens',
    files: { [MODEL]: replace('random_state: 42 }', 'random_state: 42') },
    at: [MODEL, 8, 9],
    message: 'YAML syntax error: flow map',
  },
  {
    name: 'model: duplicate key',
    files: { [MODEL]: replace('task: binary\n', 'task: binary\ntarget: total_spend\n') },
    at: [MODEL, 7, 1],
    message: 'YAML syntax error: map keys must be unique',
  },

  // Wrong types
  {
    name: 'mlc.yml: threads is a word',
    files: { 'mlc.yml': replace('threads: 4', 'threads: four') },
    at: ['mlc.yml', 4, 10],
    message: "'threads' must be a number, got string 'four'",
  },
  {
    name: 'mlc.yml: join_keys is a string',
    files: { 'mlc.yml': replace('join_keys: [customer_id]', 'join_keys: customer_id') },
    at: ['mlc.yml', 23, 16],
    message: "'entities.customer.join_keys' must be a list, got string 'customer_id'",
  },
  {
    name: 'model: features is a string',
    files: { [MODEL]: replace('features: [total_spend, total_transactions, customer_tenure_days, days_since_last_order]', 'features: total_spend') },
    at: [MODEL, 5, 11],
    message: "'features' must be a list, got string 'total_spend'",
  },
  {
    name: 'monitor: metrics is a mapping',
    files: { [MONITOR]: replace('metrics: [accuracy, f1_score, auc_roc]', 'metrics: { accuracy: 1 }') },
    at: [MONITOR, 7, 25],
    message: "'performance.metrics' must be a list, got a mapping",
  },

  // Unknown keys with "did you mean"
  {
    name: 'mlc.yml: unknown top-level key',
    files: { 'mlc.yml': replace('threads: 4', 'thread: 4') },
    at: ['mlc.yml', 4, 1],
    message: "unknown key 'thread'",
    hint: "did you mean 'threads'?",
  },
  {
    name: 'mlc.yml: unknown key under schemas',
    files: { 'mlc.yml': replace('  features: feature_store', '  feature: feature_store') },
    at: ['mlc.yml', 7, 3],
    message: "unknown key 'feature' in 'schemas'",
    hint: "did you mean 'features'?",
  },
  {
    name: 'mlc.yml: unknown key in a source',
    files: { 'mlc.yml': replace('    file: data/orders.csv', '    fille: data/orders.csv') },
    at: ['mlc.yml', 29, 5],
    message: "unknown key 'fille' in 'sources.orders'",
    hint: "did you mean 'file'?",
  },
  {
    name: 'model: unknown top-level key',
    files: { [MODEL]: replace('description:', 'descripton:') },
    at: [MODEL, 1, 1],
    message: "unknown key 'descripton'",
    hint: "did you mean 'description'?",
  },
  {
    name: 'model: unknown key in serving.batch',
    files: { [MODEL]: replace('threshold: 0.5', 'treshold: 0.5') },
    at: [MODEL, 13, 62],
    message: "unknown key 'treshold' in 'serving.batch'",
    hint: "did you mean 'threshold'?",
  },
  {
    name: 'monitor: unknown top-level key',
    files: { [MONITOR]: replace('schedule:', 'schedul:') },
    at: [MONITOR, 14, 1],
    message: "unknown key 'schedul'",
    hint: "did you mean 'schedule'?",
  },
  {
    name: 'monitor: unknown key in drift',
    files: { [MONITOR]: replace('  method: [psi', '  metod: [psi') },
    at: [MONITOR, 10, 3],
    message: "unknown key 'metod' in 'drift'",
    hint: "did you mean 'method'?",
  },

  // Invalid enum values
  {
    name: 'model: algorithm typo',
    files: { [MODEL]: replace('algorithm: random_forest', 'algorithm: random_forrest') },
    at: [MODEL, 7, 12],
    message: "'algorithm' must be one of logistic_regression, linear_regression, gradient_boosting, random_forest",
    hint: "did you mean 'random_forest'?",
  },
  {
    name: 'model: task typo',
    files: { [MODEL]: replace('task: binary', 'task: binery') },
    at: [MODEL, 6, 7],
    message: "'task' must be one of binary, multiclass, regression, got 'binery'",
    hint: "did you mean 'binary'?",
  },
  {
    name: 'monitor: granularity not an option',
    files: { [MONITOR]: replace('table: model_monitoring\n', 'table: model_monitoring\ngranularity: weekly\n') },
    at: [MONITOR, 4, 14],
    message: "'granularity' must be one of day, week, month, got 'weekly'",
    hint: "did you mean 'week'?",
  },

  // Missing required keys and files
  {
    name: 'model: no target',
    files: { [MODEL]: replace('target: high_value_customer\n', '') },
    at: [MODEL, 1, 1],
    message: "missing required key 'target'",
  },
  {
    name: 'monitor: actuals without label',
    files: { [MONITOR]: replace(', label: actual,', ',') },
    at: [MONITOR, 6, 10],
    message: "missing required key 'actuals.label'",
  },
  {
    name: 'mlc.yml: no name',
    files: { 'mlc.yml': replace('name: customer_ml\n', '') },
    at: ['mlc.yml', 2, 1],
    message: "missing required key 'name'",
    hint: "add 'name:' here",
  },
  {
    name: 'no mlc.yml',
    files: { 'mlc.yml': null },
    at: ['mlc.yml', 1, 1],
    message: 'no mlc.yml in',
    hint: 'mlc init',
  },

  // Unknown tables, located at the table name
  {
    name: 'feature: unknown source table',
    files: { [FEATURES]: replace('FROM orders', 'FROM orderz') },
    at: [FEATURES, 18, 6],
    message: "unknown table 'orderz'",
    hint: "did you mean 'orders'?",
  },
  {
    name: 'feature: unknown qualified table',
    files: { [FEATURES_V2]: replace('FROM feature_store.customer_features', 'FROM feature_store.customer_featurs') },
    at: [FEATURES_V2, 11, 6],
    message: "unknown table 'feature_store.customer_featurs'",
    hint: "did you mean 'feature_store.customer_features'?",
  },
  {
    name: 'feature: unknown table in a join',
    files: {
      [TRAINING]: replace(
        'FROM feature_store.customer_features',
        'FROM feature_store.customer_features f\n  JOIN no_such_table n ON n.customer_id = f.customer_id',
      ),
    },
    at: [TRAINING, 17, 8],
    message: "unknown table 'no_such_table'",
  },

  // Unknown references in models and monitors
  {
    name: 'model: unknown training_data',
    files: { [MODEL]: replace('training_data: training_data', 'training_data: training_dta') },
    at: [MODEL, 2, 16],
    message: "unknown training data 'training_dta'",
    hint: "did you mean 'training_data'?",
  },
  {
    name: 'model: unknown scoring input',
    files: { [MODEL]: replace('input: customer_features,', 'input: customer_featurez,') },
    at: [MODEL, 13, 43],
    message: "unknown scoring input 'customer_featurez'",
  },
  {
    name: 'monitor: unknown model',
    files: { [MONITOR]: replace('model: customer_classification', 'model: customer_clasification') },
    at: [MONITOR, 2, 8],
    message: "unknown model 'customer_clasification'",
    hint: "did you mean 'customer_classification'?",
  },
  {
    name: 'monitor: unknown actuals table',
    files: { [MONITOR]: replace('table: actual_results', 'table: actual_result') },
    at: [MONITOR, 6, 19],
    message: "unknown actuals table 'actual_result'",
    hint: "did you mean 'actual_results'?",
  },

  // Model columns that the training data does not have
  {
    name: 'model: unknown target column',
    files: { [MODEL]: replace('target: high_value_customer', 'target: high_value') },
    at: [MODEL, 4, 9],
    message: "target 'high_value' is not a column of training_data",
  },
  {
    name: 'model: unknown feature column',
    files: { [MODEL]: replace('total_transactions,', 'total_transaction,') },
    at: [MODEL, 5, 25],
    message: "feature 'total_transaction' is not a column of training_data",
    hint: "did you mean 'total_transactions'?",
  },
  {
    name: 'model: unknown entity column',
    files: { [MODEL]: replace('entity: customer_id', 'entity: customer_key') },
    at: [MODEL, 3, 9],
    message: "entity key 'customer_key' is not a column of training_data",
  },

  // Cycles
  {
    name: 'two features read each other',
    files: {
      'features/cycle_a.sql': 'SELECT customer_id FROM feature_store.cycle_b\n',
      'features/cycle_b.sql': 'SELECT customer_id\nFROM feature_store.cycle_a\n',
    },
    at: ['features/cycle_b.sql', 2, 6],
    message: 'dependency cycle: feature.cycle_a -> feature.cycle_b (features/cycle_b.sql:2), feature.cycle_b -> feature.cycle_a (features/cycle_a.sql:1)',
  },
  {
    name: 'three features read each other in a ring',
    files: {
      'features/ring_a.sql': 'SELECT customer_id FROM feature_store.ring_c\n',
      'features/ring_b.sql': 'SELECT customer_id FROM feature_store.ring_a\n',
      'features/ring_c.sql': 'SELECT customer_id FROM feature_store.ring_b\n',
    },
    at: ['features/ring_b.sql', 1, 25],
    message: 'dependency cycle: feature.ring_a -> feature.ring_b (features/ring_b.sql:1), feature.ring_b -> feature.ring_c',
  },
  {
    name: 'feature reads itself',
    files: { [FEATURES]: replace('FROM orders', 'FROM orders JOIN feature_store.customer_features USING (customer_id)') },
    at: [FEATURES, 18, 18],
    message: 'customer_features reads itself',
  },

  // Duplicate names
  {
    name: 'two features with the same name in different folders',
    files: { 'features/copies/customer_features.sql': 'SELECT customer_id FROM orders\n' },
    at: [FEATURES, 1, 1],
    message: "duplicate name 'customer_features': features/copies/customer_features.sql already defines it",
  },
  {
    name: 'two models with the same name (.yml and .yaml)',
    files: { 'models/customer_classification.yaml': example(MODEL) },
    at: [MODEL, 1, 1],
    message: "duplicate name 'customer_classification': models/customer_classification.yaml already defines it",
  },

  // File names that are not identifiers
  {
    name: 'feature file named after a reserved word',
    files: { 'features/select.sql': 'SELECT customer_id FROM orders\n' },
    at: ['features/select.sql', 1, 1],
    message: "invalid node name: 'select' is a reserved word in Snowflake",
  },
  {
    name: 'feature file name starting with a digit',
    files: { 'features/1abc.sql': 'SELECT customer_id FROM orders\n' },
    at: ['features/1abc.sql', 1, 1],
    message: "invalid node name: '1abc' is not a valid identifier",
  },
  {
    name: 'feature file name with a dash',
    files: { 'features/my-feature.sql': 'SELECT customer_id FROM orders\n' },
    at: ['features/my-feature.sql', 1, 1],
    message: "invalid node name: 'my-feature' is not a valid identifier",
  },
  {
    name: 'model file name with a dot',
    files: { 'models/customer.classification.yml': example(MODEL) },
    at: ['models/customer.classification.yml', 1, 1],
    message: "invalid node name: 'customer.classification' is not a valid identifier",
  },

  // Feature SQL files
  {
    name: 'empty feature file',
    files: { 'features/empty_feature.sql': '' },
    at: ['features/empty_feature.sql', 1, 1],
    message: 'features/empty_feature.sql has no SQL statement',
  },
  {
    name: 'feature file with only comments',
    files: { 'features/only_comments.sql': '-- description: nothing yet\n' },
    at: ['features/only_comments.sql', 2, 1],
    message: 'features/only_comments.sql has no SQL statement',
  },
  {
    name: 'two statements in one feature file',
    files: { 'features/two_statements.sql': 'SELECT customer_id FROM orders;\nSELECT order_id FROM orders\n' },
    at: ['features/two_statements.sql', 2, 1],
    message: 'a feature file holds one statement, this one has a second',
  },
  {
    name: 'unterminated string literal',
    files: { 'features/open_string.sql': "SELECT customer_id,\n  'unfinished AS label\nFROM orders\n" },
    at: ['features/open_string.sql', 2, 3],
    message: 'unterminated string',
  },
  {
    name: 'unterminated block comment',
    files: { 'features/open_comment.sql': 'SELECT customer_id /* the key\nFROM orders\n' },
    at: ['features/open_comment.sql', 1, 20],
    message: 'unterminated',
  },
  {
    name: 'expression column without an alias',
    files: { 'features/unnamed.sql': 'SELECT customer_id,\n  SUM(amount)\nFROM orders\nGROUP BY customer_id\n' },
    at: ['features/unnamed.sql', 2, 3],
    message: "the expression 'SUM(amount)' has no column name",
    hint: 'give it an alias',
  },
  {
    name: 'leading comment block that is not YAML',
    files: { 'features/prose_header.sql': '-- Spend per customer, from the raw orders.\nSELECT customer_id, SUM(amount) AS spend FROM orders GROUP BY customer_id\n' },
    at: ['features/prose_header.sql', 1, 1],
    message: 'the leading comment block is not a YAML mapping',
  },
  {
    name: 'leading prose followed by config lines',
    files: { 'features/prose_then_config.sql': '-- Spend per customer, from the raw orders.\n-- entity: customer\nSELECT customer_id, SUM(amount) AS spend FROM orders GROUP BY customer_id\n' },
    at: ['features/prose_then_config.sql', 1, 1],
    message: 'the leading comment block is not a YAML mapping',
    hint: 'put free text under `description:`',
  },

  // Knock-on errors: a file that fails is reported once, not again by every file that names it
  {
    name: 'model fails to parse: its monitor does not report an unknown model',
    files: { [MODEL]: replace('algorithm: random_forest', 'algorithm: random_forrest') },
    at: [MODEL, 7, 12],
    message: "'algorithm' must be one of",
    absent: 'unknown model',
  },
  {
    name: 'model with unknown training data: its monitor does not report an unknown model',
    files: { [MODEL]: replace('training_data: training_data', 'training_data: no_such_data') },
    at: [MODEL, 2, 16],
    message: "unknown training data 'no_such_data'",
    absent: 'unknown model',
  },
  {
    name: 'feature config fails: its readers do not report an unknown table',
    files: { [FEATURES]: replace('-- entity: customer', '-- entity: customer\n-- materialised: view') },
    at: [FEATURES, 3, 4],
    message: "unknown key 'materialised'",
    absent: 'unknown table',
  },
  {
    name: 'feature SQL fails: its readers and the model do not report unknown names',
    files: { [FEATURES]: replace('SUM(amount) as total_spend', 'SUM(amount as total_spend') },
    at: [FEATURES, 9, 4],
    message: "'('",
    absent: 'unknown',
  },
  {
    name: 'unknown key in the config block',
    files: { [FEATURES]: replace('-- entity: customer', '-- entity: customer\n-- materialised: view') },
    at: [FEATURES, 3, 4],
    message: "unknown key 'materialised'",
    hint: "did you mean 'materialized'?",
  },
  {
    name: 'invalid value in the config block',
    files: { [FEATURES_V2]: replace('-- version: 2', '-- version: two') },
    at: [FEATURES_V2, 3, 13],
    message: "'version' must be a number, got string 'two'",
  },
  {
    name: 'statement that is not a SELECT',
    files: { 'features/remove_orders.sql': 'DELETE FROM orders WHERE amount < 0\n' },
    at: ['features/remove_orders.sql', 1, 1],
    message: "expected a query, found 'DELETE'",
    hint: 'SELECT ... or WITH ... SELECT ...',
  },
  {
    name: 'unclosed parenthesis',
    files: { 'features/open_paren.sql': 'SELECT customer_id,\n  SUM(amount AS total\nFROM orders\nGROUP BY customer_id\n' },
    at: ['features/open_paren.sql', 2, 6],
    message: "'('",
  },
  {
    name: 'extra closing parenthesis',
    files: { 'features/close_paren.sql': 'SELECT customer_id, SUM(amount)) AS total\nFROM orders\nGROUP BY customer_id\n' },
    at: ['features/close_paren.sql', 1, 32],
    message: "')'",
  },
];

const created: string[] = [];

function writeProject(files: Record<string, Edit>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-broken-'));
  created.push(dir);
  for (const entry of BASE_ENTRIES) cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true });
  for (const [file, edit] of Object.entries(files)) {
    const target = path.join(dir, file);
    if (edit === null) {
      rmSync(target);
      continue;
    }
    const text = typeof edit === 'function' ? edit(example(file)) : edit;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return dir;
}

/** Output written to a stream, as text. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** The CLI's main(), in this process, with its output captured. */
async function compileInProcess(dir: string): Promise<{ status: number | null; stderr: string }> {
  const stderr = new Capture();
  const status = await main(['compile', '--project', dir], { stdout: new Capture(), stderr, env: { NO_COLOR: '1' }, color: false });
  return { status, stderr: stderr.text };
}

/** Runs the real binary; asynchronous so that concurrent cases overlap their process start-up. */
function compileInChild(dir: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'compile', '--project', dir], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

function expectReported(result: { status: number | null; stderr: string }, { at, message, hint, absent }: BrokenCase): void {
  const stderr = result.stderr;
  const [file, line, col] = at;
  const head = `${file}:${line}:${col}: error: `;
  const lines = stderr.split('\n');
  const index = lines.findIndex((l) => l.startsWith(head) && l.includes(message));
  expect(index, `no line '${head}...${message}...' in:\n${stderr}`).toBeGreaterThanOrEqual(0);
  if (hint) expect(lines[index + 1], stderr).toContain(hint);
  if (absent) expect(lines.filter((l) => l.includes(': error: ') && l.includes(absent)), stderr).toEqual([]);
  expect(stderr).not.toMatch(/^ {4}at /m);
  expect(result.status, stderr).toBe(1);
}

/** Cases that also run as a real process: a YAML error, a SQL error, a graph error, a missing project file. */
const SPAWNED = ['model: bad indentation', 'unterminated string literal', 'two features read each other', 'no mlc.yml'];

afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('mlc compile on a broken project', () => {
  test('the corpus is large enough and every case has a unique name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  test.each(cases)('$name', async (brokenCase) => {
    expectReported(await compileInProcess(writeProject(brokenCase.files)), brokenCase);
  });

  test.each(cases.filter((c) => SPAWNED.includes(c.name)))('the mlc process: $name', async (brokenCase) => {
    expectReported(await compileInChild(writeProject(brokenCase.files)), brokenCase);
  });

  test('every spawned case is in the corpus', () => {
    expect(cases.filter((c) => SPAWNED.includes(c.name)).map((c) => c.name).sort()).toEqual([...SPAWNED].sort());
  });
});
