/**
 * Features to model input columns: numeric features pass through (NaN = missing); a
 * categorical feature becomes one 0/1 indicator per training category (one-hot). A null
 * category is missing (NaN in every indicator); an unseen category is 0 in all of them.
 */

import { MISSING, UNSEEN, toCategory, toNumber } from './dataset.js';
import type { Dataset } from './dataset.js';
import type { FeatureSpec, InputColumn } from './artifact.js';

export function featureSpecs(data: Dataset): FeatureSpec[] {
  return data.features.map((f) =>
    f.type === 'numeric' ? { name: f.name, type: 'numeric' } : { name: f.name, type: 'categorical', categories: [...f.categories] },
  );
}

export function inputColumnsOf(features: readonly FeatureSpec[]): InputColumn[] {
  return features.flatMap((f) =>
    f.type === 'numeric' ? [{ feature: f.name }] : f.categories.map((category) => ({ feature: f.name, category })),
  );
}

/** The input columns of a dataset, aligned with inputColumnsOf(featureSpecs(data)). */
export function encodeInputs(data: Dataset): Float64Array[] {
  const columns: Float64Array[] = [];
  for (const f of data.features) {
    if (f.type === 'numeric') {
      columns.push(f.values);
      continue;
    }
    f.categories.forEach((_category, c) => {
      const column = new Float64Array(data.rows);
      for (let i = 0; i < data.rows; i++) {
        const code = f.codes[i]!;
        column[i] = code === MISSING ? NaN : code === c ? 1 : 0;
      }
      columns.push(column);
    });
  }
  return columns;
}

export type RowEncoder = (row: Record<string, unknown>, out: Float64Array) => void;

/** Encodes one row into a caller-owned buffer (no allocation per row), exactly as encodeInputs does. */
export function createRowEncoder(features: readonly FeatureSpec[]): RowEncoder {
  const steps = features.map((f, i) => {
    const offset = features.slice(0, i).reduce((sum, g) => sum + (g.type === 'numeric' ? 1 : g.categories.length), 0);
    if (f.type === 'numeric') {
      return (row: Record<string, unknown>, out: Float64Array) => {
        out[offset] = toNumber(row[f.name]);
      };
    }
    const index = new Map(f.categories.map((c, k) => [c, k]));
    const width = f.categories.length;
    return (row: Record<string, unknown>, out: Float64Array) => {
      const text = toCategory(row[f.name]);
      const code = text === null ? MISSING : (index.get(text) ?? UNSEEN);
      for (let k = 0; k < width; k++) out[offset + k] = code === MISSING ? NaN : code === k ? 1 : 0;
    };
  });
  return (row, out) => {
    for (const step of steps) step(row, out);
  };
}
