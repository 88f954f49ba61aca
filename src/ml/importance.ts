/** Per-feature importance from per-input-column contributions, normalized to sum 1. */

import type { FeatureSpec, InputColumn } from './artifact.js';

export function featureImportance(features: readonly FeatureSpec[], inputs: readonly InputColumn[], perInput: ArrayLike<number>): number[] {
  const totals = new Map(features.map((f) => [f.name, 0]));
  inputs.forEach((input, j) => totals.set(input.feature, (totals.get(input.feature) ?? 0) + Math.abs(perInput[j]!)));
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  return features.map((f) => (sum > 0 ? totals.get(f.name)! / sum : 0));
}

/** |coef| * std summed over outputs; coefficients are on standardized inputs, so |coef| already is. */
export function linearImportance(coefficients: readonly (readonly number[])[], width: number): Float64Array {
  const perInput = new Float64Array(width);
  for (const row of coefficients) row.forEach((c, j) => (perInput[j] = perInput[j]! + Math.abs(c)));
  return perInput;
}
