/**
 * Request rows checked against the model's features before scoring: a row is an object
 * with every feature; a numeric feature takes a finite number, a categorical one a
 * string; null means a missing value, which the model handles as in training.
 */

import type { FeatureSpec } from '../ml/index.js';

export class InputError extends Error {
  constructor(
    message: string,
    /** The offending field, e.g. `[2].total_spend`, or '' for the whole body. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** One object or an array of objects; `batch` says which, so answers mirror the request's shape. */
export function parseRows(body: unknown, features: readonly FeatureSpec[]): { rows: Record<string, unknown>[]; batch: boolean } {
  const { items, batch } = bodyItems(body);
  const rows = items.map((item, i) => {
    const index = batch ? i : undefined;
    const row = rowObject(item, index);
    for (const feature of features) featureValue(row, feature, index);
    return row;
  });
  return { rows, batch };
}

/** The body's rows, unchecked: one object, or a non-empty array. */
export function bodyItems(body: unknown): { items: unknown[]; batch: boolean } {
  const batch = Array.isArray(body);
  const items: unknown[] = batch ? body : [body];
  if (batch && items.length === 0) throw new InputError('the batch is empty: send at least one row', '');
  return { items, batch };
}

/** Where a row is in the body: `[2]` in a batch, '' for a single row. */
const place = (index: number | undefined): string => (index === undefined ? '' : `[${index}]`);

/** `index` is the row's place in a batch, undefined for a single row. */
export function rowObject(item: unknown, index: number | undefined): Record<string, unknown> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new InputError(`${place(index) || 'the body'} must be a JSON object of features`, place(index));
  }
  return item as Record<string, unknown>;
}

/** A feature's value in a row, checked: null is a missing value. Field names are built only for a bad value: valid rows are the hot path of batch requests. */
export function featureValue(row: Record<string, unknown>, feature: FeatureSpec, index: number | undefined): unknown {
  const value = row[feature.name];
  if (value === null) return value;
  if (feature.type === 'numeric' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string') return value;
  const field = index === undefined ? feature.name : `${place(index)}.${feature.name}`;
  if (!(feature.name in row)) throw new InputError(`missing feature '${field}'`, field);
  throw new InputError(`feature '${field}' must be a ${feature.type === 'numeric' ? 'number' : 'string'}, got ${JSON.stringify(value)}`, field);
}
