import { driftSql } from './drift-sql.js';
import type { PredictionDriftSpec } from './types.js';

/** Drift of the score distribution: the score column treated as one numeric feature. */
export function predictionDriftSql(spec: PredictionDriftSpec): string {
  const { score, ...rest } = spec;
  return driftSql({ ...rest, numeric: [score] });
}
