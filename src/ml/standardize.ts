/** Mean imputation and standardization for the linear learners, recorded in the artifact. */

import type { Preprocessing } from './artifact.js';

export interface Standardized {
  /** x' = ((missing ? impute : x) - mean) / scale, the same arithmetic the scorers use. */
  columns: Float64Array[];
  preprocessing: Preprocessing;
}

export function standardize(inputs: readonly Float64Array[]): Standardized {
  const preprocessing: Preprocessing = { impute: [], mean: [], scale: [] };
  const columns = inputs.map((x) => {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v === v) {
        sum += v;
        count++;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    let squares = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v === v) squares += (v - mean) * (v - mean);
    }
    const std = count > 0 ? Math.sqrt(squares / count) : 0;
    // A constant column keeps scale 1, as sklearn's StandardScaler does.
    const scale = std > 0 ? std : 1;
    preprocessing.impute.push(mean);
    preprocessing.mean.push(mean);
    preprocessing.scale.push(scale);
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      out[i] = ((v === v ? v : mean) - mean) / scale;
    }
    return out;
  });
  return { columns, preprocessing };
}

/** raw[i * outputs + k] = base[k] + sum_j coefficients[k][j] * columns[j][i], summed in column order. */
export function linearRaw(columns: readonly Float64Array[], base: readonly number[], coefficients: readonly ArrayLike<number>[], rows: number): Float64Array {
  const outputs = base.length;
  const raw = new Float64Array(rows * outputs);
  const z = new Float64Array(rows);
  for (let k = 0; k < outputs; k++) {
    z.fill(base[k]!);
    const w = coefficients[k]!;
    columns.forEach((x, j) => {
      const wj = w[j]!;
      for (let i = 0; i < rows; i++) z[i] = z[i]! + wj * x[i]!;
    });
    for (let i = 0; i < rows; i++) raw[i * outputs + k] = z[i]!;
  }
  return raw;
}
