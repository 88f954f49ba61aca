import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactLabelSql, artifactToSql, compileScorer, datasetFromRows, parseArtifact, sqlLimits, train } from '../../src/ml/index.js';
import type { Algorithm, Artifact, Task } from '../../src/ml/index.js';
import { parityRows, toCsv } from './parity-data.js';
import type { Row } from './parity-data.js';

// SQL run on a real DuckDB, the JS scorer and the training-time predictions must agree to 1e-9.
const TRAIN_ROWS = 10_000;
const trainRows = parityRows(TRAIN_ROWS, 11, false);
// Extra rows only scored: include the unseen category "purple".
const extraRows: Row[] = parityRows(2_000, 12, true).map((row, i) => ({ ...row, id: TRAIN_ROWS + i }));
const allRows = [...trainRows, ...extraRows];
const columns = ['id', 'a', 'b', 'color', 'd', 'binary_target', 'class_target', 'value_target'];

let dir: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlc-parity-'));
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, toCsv(allRows, columns));
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(
    `CREATE TABLE t AS SELECT * FROM read_csv('${csv}', header = true, columns = {'id': 'INTEGER', 'a': 'DOUBLE', 'b': 'DOUBLE', 'color': 'VARCHAR', 'd': 'INTEGER', 'binary_target': 'VARCHAR', 'class_target': 'VARCHAR', 'value_target': 'DOUBLE'})`,
  );
});

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const targets: Record<Task, string> = { binary: 'binary_target', multiclass: 'class_target', regression: 'value_target' };

const cases: { algorithm: Algorithm; task: Task; params: Record<string, unknown> }[] = [
  { algorithm: 'logistic_regression', task: 'binary', params: {} },
  { algorithm: 'logistic_regression', task: 'multiclass', params: { C: 0.5 } },
  { algorithm: 'linear_regression', task: 'regression', params: {} },
  { algorithm: 'gradient_boosting', task: 'binary', params: { max_iter: 30, max_depth: 4, early_stopping: false } },
  { algorithm: 'gradient_boosting', task: 'multiclass', params: { max_iter: 15, max_leaf_nodes: 8, early_stopping: false } },
  { algorithm: 'gradient_boosting', task: 'regression', params: { max_iter: 30, max_depth: 5, early_stopping: false } },
  { algorithm: 'random_forest', task: 'binary', params: { n_estimators: 12, max_depth: 6, random_state: 3 } },
  { algorithm: 'random_forest', task: 'multiclass', params: { n_estimators: 8, max_depth: 5, random_state: 3 } },
  { algorithm: 'random_forest', task: 'regression', params: { n_estimators: 10, max_depth: 6, min_samples_leaf: 5, random_state: 3 } },
];

describe('SQL, JS and training-time scores agree', () => {
  for (const { algorithm, task, params } of cases) {
    it(`${algorithm} (${task})`, async () => {
      const data = datasetFromRows(trainRows, { features: ['a', 'b', { name: 'color', type: 'categorical' }, 'd'], target: targets[task], task });
      let trainingScores: Float64Array | null = null;
      const trained = train(algorithm, data, params, { onTrainingScores: (s) => (trainingScores = s) });
      // What the registry would store and read back.
      const artifact: Artifact = parseArtifact(JSON.stringify(trained));
      sqlLimits(artifact, { dialect: 'duckdb' });
      const score = artifactToSql(artifact, { dialect: 'duckdb' });
      const label = task === 'regression' ? 'NULL' : artifactLabelSql(artifact, { dialect: 'duckdb' });
      const firstClass = task === 'multiclass' ? artifactToSql(artifact, { dialect: 'duckdb', className: artifact.classes![0]! }) : 'NULL';
      const reader = await connection.runAndReadAll(`SELECT id, ${score} AS score, ${label} AS label, ${firstClass} AS first FROM t ORDER BY id`);
      const sqlRows = reader.getRowObjectsJS();
      expect(sqlRows).toHaveLength(allRows.length);

      const scorer = compileScorer(artifact);
      const k = artifact.outputs;
      let worst = 0;
      let labelMismatches = 0;
      let unseenRows = 0;
      allRows.forEach((row, i) => {
        const js = scorer(row);
        const sql = sqlRows[i]!;
        worst = Math.max(worst, Math.abs(js.score - Number(sql.score)));
        if (task !== 'regression' && js.label !== sql.label) labelMismatches++;
        if (task === 'multiclass') worst = Math.max(worst, Math.abs(js.probabilities![0]! - Number(sql.first)));
        if (row.color === 'purple') unseenRows++;
        if (i < TRAIN_ROWS) {
          const expected = task === 'multiclass' ? Math.max(...trainingScores!.subarray(i * k, (i + 1) * k)) : trainingScores![i]!;
          worst = Math.max(worst, Math.abs(js.score - expected));
        }
      });
      expect(unseenRows).toBeGreaterThan(100);
      expect(labelMismatches).toBe(0);
      expect(worst).toBeLessThan(1e-9);
      // The model learned something: scores vary across rows.
      const distinct = new Set(sqlRows.map((r) => Number(r.score).toFixed(6)));
      expect(distinct.size).toBeGreaterThan(5);
    });
  }
});
