import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { artifactToSql, compileScorer, datasetFromRows, trainGradientBoosting, trainRandomForest, type Artifact } from '../../src/ml/index.js';
import { compileBatchScorer } from '../../src/serve/index.js';

type Row = Record<string, number | null>;

function rows(n: number, seed: number): Row[] {
  let s = seed;
  const next = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => {
    const row: Row = { a: next(), b: next(), c: next() };
    row.y = row.a! + row.b! * row.c! + next() * 0.3 > 0.8 ? 1 : 0;
    return row;
  });
}

/** Scores with the SQL expression in DuckDB, as a plain connection calling the macro would. */
async function sqlScores(artifact: Artifact, data: Row[]): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const values = data.map((r, i) => `(${i}, ${['a', 'b', 'c'].map((f) => (r[f] === null ? 'NULL' : `${r[f]!}::DOUBLE`)).join(', ')})`);
    await connection.run(`CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(i, a, b, c)`);
    const reader = await connection.runAndReadAll(`SELECT ${artifactToSql(artifact, { dialect: 'duckdb' })} AS s FROM t ORDER BY i`);
    return (reader.getRowObjectsJS() as { s: number }[]).map((r) => r.s);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function batchScores(artifact: Artifact, data: Row[]): Float64Array {
  const values = Float64Array.from(data.flatMap((r) => ['a', 'b', 'c'].map((f) => r[f] ?? NaN)));
  const out = new Float64Array(data.length);
  compileBatchScorer(artifact)!(values, data.length, out);
  return out;
}

const train = datasetFromRows(rows(800, 7), { features: ['a', 'b', 'c'], target: 'y', task: 'binary' });
const scored = rows(203, 99);
scored[5]!.b = null;
scored[101]!.a = null;

test('a forest\'s batch scores are the SQL function\'s, exactly, missing values and the last partial group included', async () => {
  for (const depth of [5, 14]) {
    const artifact = trainRandomForest(train, { n_estimators: 20, max_depth: depth, random_state: 1 });
    const batch = batchScores(artifact, scored);
    const sql = await sqlScores(artifact, scored);
    expect(new Set(batch).size).toBeGreaterThan(10);
    expect(Array.from(batch)).toEqual(sql);
  }
});

test('gradient boosting batch scores agree with the SQL function and the JS scorer within 1e-12', async () => {
  const artifact = trainGradientBoosting(train, { n_estimators: 40, max_depth: 4 });
  const batch = batchScores(artifact, scored);
  const sql = await sqlScores(artifact, scored);
  const scorer = compileScorer(artifact);
  scored.forEach((row, i) => {
    expect(Math.abs(batch[i]! - sql[i]!)).toBeLessThan(1e-12);
    expect(Math.abs(batch[i]! - scorer(row).score)).toBeLessThan(1e-12);
  });
});
