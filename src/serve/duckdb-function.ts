/**
 * The batch scorer as a vectorized DuckDB scalar function: DuckDB hands over 2,048-row
 * chunks, the columnar scorer fills the output vector. Registered on mlc's own
 * connections for batch scoring; outside connections keep the portable SQL macro.
 */

import { DOUBLE, DuckDBScalarFunction } from '@duckdb/node-api';
import type { Artifact } from '../ml/index.js';
import { compileBatchScorer } from './batch-scorer.js';

/** Null when the artifact has no columnar scorer (categorical features, multiclass). */
export function scoringScalarFunction(name: string, artifact: Artifact): DuckDBScalarFunction | null {
  const score = compileBatchScorer(artifact);
  if (!score) return null;
  const width = artifact.features.length;
  let columns: Float64Array[] = [];
  let out = new Float64Array(0);
  return DuckDBScalarFunction.create({
    name,
    returnType: DOUBLE,
    parameterTypes: artifact.features.map(() => DOUBLE),
    mainFunction: (_info, input, output) => {
      const rows = input.rowCount;
      if (out.length < rows) {
        columns = Array.from({ length: width }, () => new Float64Array(rows));
        out = new Float64Array(rows);
      }
      for (let j = 0; j < width; j++) {
        const vector = input.getColumnVector(j);
        const column = columns[j]!;
        for (let i = 0; i < rows; i++) column[i] = (vector.getItem(i) as number | null) ?? NaN;
      }
      score(columns, rows, out);
      for (let i = 0; i < rows; i++) output.setItem(i, out[i]!);
      output.flush();
    },
  });
}
