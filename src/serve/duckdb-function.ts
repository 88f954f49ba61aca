/**
 * The batch scorer as a vectorized DuckDB scalar function: DuckDB hands over 2,048-row
 * chunks, the batch scorer fills the output vector. Registered on mlc's own
 * connections for batch scoring; outside connections keep the portable SQL macro.
 */

import { DOUBLE, DuckDBScalarFunction } from '@duckdb/node-api';
import type { Artifact } from '../ml/index.js';
import { compileBatchScorer } from './batch-scorer.js';

/** Null when the artifact has no batch scorer (categorical features, multiclass). */
export function scoringScalarFunction(name: string, artifact: Artifact): DuckDBScalarFunction | null {
  const score = compileBatchScorer(artifact);
  if (!score) return null;
  const width = artifact.features.length;
  let values = new Float64Array(0);
  let out = new Float64Array(0);
  return DuckDBScalarFunction.create({
    name,
    returnType: DOUBLE,
    parameterTypes: artifact.features.map(() => DOUBLE),
    mainFunction: (_info, input, output) => {
      const rows = input.rowCount;
      if (out.length < rows) {
        values = new Float64Array(rows * width);
        out = new Float64Array(rows);
      }
      for (let j = 0; j < width; j++) {
        const vector = input.getColumnVector(j);
        for (let i = 0; i < rows; i++) values[i * width + j] = (vector.getItem(i) as number | null) ?? NaN;
      }
      score(values, rows, out);
      for (let i = 0; i < rows; i++) output.setItem(i, out[i]!);
      output.flush();
    },
  });
}
