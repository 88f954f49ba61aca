import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { trainingHandler } from '../../src/compile/procedure/index.js';
import type { ModelNode } from '../../src/graph/types.js';
import { artifactHash, artifactToSql, parseArtifact, splitOf } from '../../src/ml/index.js';
import { modelSchema } from '../../src/project/schema.js';
import { PYTHON } from '../support/snowflake-emulator/procedures.js';
import { parityRows, toCsv } from '../ml/parity-data.js';
import type { Row } from '../ml/parity-data.js';

const FRAME_SESSION = fileURLToPath(new URL('./frame_session.py', import.meta.url));
const COLUMNS = ['id', 'a', 'b', 'color', 'd', 'binary_target'];
const SPLIT = { test: 0.2, validation: 0.1, seed: 7 };

function modelNode(algorithm: string, params: Record<string, unknown>): ModelNode {
  const spec = modelSchema.parse({ training_data: 'training', entity: 'id', target: 'binary_target', algorithm, params, promote: { metric: 'auc_roc', min: 0.6 } });
  const located = { file: 'models/churn.yml', line: 1, col: 1 };
  return {
    ...located,
    id: 'model.churn',
    kind: 'model',
    name: 'churn',
    tags: [],
    parents: [],
    definitionHash: '',
    spec,
    locate: () => located,
    trainingData: 'dataset.training',
    featureColumns: ['a', 'b', 'color', 'd'],
  };
}

interface HandlerRun {
  returned: { version: string; status: string; detail: string; rows: number };
  statements: { sql: string; params: unknown[] }[];
  scores: number[];
}

function runHandler(algorithm: string, params: Record<string, unknown>, rows: Row[]): HandlerRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-handler-'));
  const source = trainingHandler({
    model: modelNode(algorithm, params),
    query: 'SELECT id, a, b, color, d, binary_target FROM training ORDER BY id',
    algorithm,
    params,
    split: SPLIT,
    registry: { table: 'model_registry', view: 'model_versions', evaluation: 'classification_model_output' },
  });
  writeFileSync(path.join(dir, 'handler.py'), source);
  writeFileSync(path.join(dir, 'rows.csv'), toCsv(rows, COLUMNS));
  const out = execFileSync(PYTHON, [FRAME_SESSION, path.join(dir, 'handler.py'), path.join(dir, 'rows.csv')], { encoding: 'utf8' });
  return JSON.parse(out) as HandlerRun;
}

async function sqlScores(artifactText: string, rows: Row[]): Promise<number[]> {
  const artifact = parseArtifact(artifactText);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-handler-sql-'));
    writeFileSync(path.join(dir, 'rows.csv'), toCsv(rows, COLUMNS));
    await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv('${path.join(dir, 'rows.csv')}', header = true, types = {'color': 'VARCHAR'})`);
    const result = await connection.runAndReadAll(`SELECT ${artifactToSql(artifact, { dialect: 'duckdb' })} AS p FROM t ORDER BY id`);
    return result.getRowObjectsJS().map((r) => Number(r.p));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const complete = (rows: Row[]): Row[] => rows.map((r) => ({ ...r, a: r.a ?? 0, color: r.color ?? 'red' }));

describe('the training procedure handler (scikit-learn, run with /usr/bin/python3)', () => {
  test.each([
    ['logistic_regression', { C: 0.5 }, parityRows(400, 11, false)],
    // scikit-learn before 1.4 has no missing-value support in forests; Snowflake's 3.12 runtime has it.
    ['random_forest', { n_estimators: 25, max_depth: 6, random_state: 3 }, complete(parityRows(400, 12, false))],
    ['gradient_boosting', { n_estimators: 30, learning_rate: 0.2, random_state: 5 }, parityRows(400, 13, false)],
  ])('%s: a valid artifact whose SQL scores match predict_proba to 1e-9', async (algorithm, params, rows) => {
    const run = runHandler(algorithm, params, rows);
    const insert = run.statements.find((s) => s.sql.startsWith('INSERT INTO model_registry'))!;
    const artifactText = String(insert.params[4]);
    const artifact = parseArtifact(artifactText);
    expect(artifact.algorithm).toBe(algorithm);
    expect(artifact.classes).toEqual(['no', 'yes']);
    expect(artifact.features.find((f) => f.name === 'color')).toEqual({ name: 'color', type: 'categorical', categories: ['blue', 'green', 'red'] });
    // The hash the procedure registers is mlc's own artifactHash of the same document.
    expect(insert.params[10]).toBe(artifactHash(artifact));

    const sql = await sqlScores(artifactText, rows);
    expect(sql).toHaveLength(run.scores.length);
    const worst = Math.max(...sql.map((p, i) => Math.abs(p - run.scores[i]!)));
    expect(worst).toBeLessThan(1e-9);

    // The split is mlc's MD5 rule: the same rows land in train, validation and test as in TypeScript.
    const performance = JSON.parse(String(insert.params[5])) as {
      rows: Record<string, number>;
      auc_roc: number;
      confusion: Record<string, number>;
      roc: { fpr: number[]; tpr: number[] };
    };
    const expected = { train: 0, validation: 0, test: 0 };
    for (const row of rows) expected[splitOf(String(row.id), SPLIT.seed, SPLIT.test, SPLIT.validation)]++;
    expect(performance.rows).toEqual(expected);
    expect(artifact.training.rows).toBe(expected.train);
    // The headline split's confusion matrix and ROC curve, as the embedded learners record them.
    const { tp, fp, tn, fn } = performance.confusion;
    expect(tp! + fp! + tn! + fn!).toBe(expected.test);
    expect([performance.roc.fpr[0], performance.roc.tpr[0], performance.roc.fpr.at(-1), performance.roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    expect(run.returned.status).toBe(performance.auc_roc >= 0.6 ? 'CHAMPION' : 'CANDIDATE');
    expect(run.statements.map((s) => s.sql.split(' ')[0])).toEqual(['SELECT', 'SELECT', 'SELECT', 'BEGIN', 'UPDATE', 'INSERT', 'INSERT', 'COMMIT'].filter((w) => w !== 'UPDATE' || run.returned.status === 'CHAMPION'));
  });
});
