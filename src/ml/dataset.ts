/**
 * The column-major training table: Float64Array numeric columns (NaN = missing),
 * categorical columns as codes into a category list, and the target.
 */

export type Task = 'binary' | 'multiclass' | 'regression';
export type Label = string | number | boolean;

/** A categorical code for a value absent from the category list (seen at scoring time only). */
export const UNSEEN = -2;
/** A categorical code for a missing value. */
export const MISSING = -1;

export interface NumericColumn {
  name: string;
  type: 'numeric';
  values: Float64Array;
}

export interface CategoricalColumn {
  name: string;
  type: 'categorical';
  /** Sorted training categories; codes index into this list. */
  categories: string[];
  /** Index into `categories`, MISSING for null, UNSEEN for a value not in the list. */
  codes: Int32Array;
}

export type FeatureColumn = NumericColumn | CategoricalColumn;

export interface Dataset {
  rows: number;
  task: Task;
  features: FeatureColumn[];
  /** Regression: the value. Classification: the index into `classes`. */
  target: Float64Array;
  /** Sorted class labels for classification; binary's positive class is classes[1]. */
  classes: Label[] | null;
  /** Optional per-row sample weights. */
  weights?: Float64Array;
}

export interface FeatureDeclaration {
  name: string;
  /** Inferred from the values when omitted: any non-numeric string makes it categorical. */
  type?: 'numeric' | 'categorical';
}

export interface DatasetOptions {
  features: readonly (string | FeatureDeclaration)[];
  target: string;
  /** Inferred from the target values when omitted. */
  task?: Task;
  /** A dataset built earlier (the training set): reuse its feature types, categories, task and classes. */
  like?: Dataset;
}

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Converts a warehouse value (number, bigint, decimal string, boolean, null) to a double; NaN for missing. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return NaN;
    if (DECIMAL.test(text)) return Number(text);
    const lower = text.toLowerCase();
    if (lower === 'nan') return NaN;
    if (lower === 'inf' || lower === 'infinity') return Infinity;
    if (lower === '-inf' || lower === '-infinity') return -Infinity;
  }
  throw new DatasetError(`expected a number, got ${describe(value)}`);
}

/** The text a categorical value is matched by; null for missing. Mirrors CAST(x AS VARCHAR). */
export function toCategory(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  return String(value);
}

export function datasetFromRows(rows: readonly Record<string, unknown>[], options: DatasetOptions): Dataset {
  const like = options.like;
  const declarations = options.features.map((f) => (typeof f === 'string' ? { name: f } : f));
  const features = declarations.map((declaration) => {
    const reference = like?.features.find((f) => f.name === declaration.name);
    const type = reference?.type ?? declaration.type ?? inferFeatureType(rows, declaration.name);
    return type === 'numeric'
      ? numericColumn(rows, declaration.name)
      : categoricalColumn(rows, declaration.name, reference?.type === 'categorical' ? reference.categories : undefined);
  });
  const labels = rows.map((row, i) => {
    const value = row[options.target];
    if (value === null || value === undefined) throw new DatasetError(`target ${options.target} is null on row ${i + 1}`);
    return value;
  });
  const task = like?.task ?? options.task ?? inferTask(labels);
  if (task === 'regression') {
    const target = new Float64Array(rows.length);
    labels.forEach((value, i) => (target[i] = convert(value, options.target, i)));
    return { rows: rows.length, task, features, target, classes: null };
  }
  const normalized = normalizeLabels(labels);
  const classes = like?.classes ?? sortLabels([...new Set(normalized)]);
  if (!like && task === 'binary' && classes.length !== 2) {
    throw new DatasetError(`a binary target needs exactly 2 classes; ${options.target} has ${classes.length}`);
  }
  const index = new Map(classes.map((c, i) => [labelKey(c), i]));
  const target = new Float64Array(rows.length);
  normalized.forEach((value, i) => {
    const code = index.get(labelKey(value));
    if (code === undefined) throw new DatasetError(`target ${options.target} has class ${String(value)} on row ${i + 1}, unknown to the model`);
    target[i] = code;
  });
  return { rows: rows.length, task, features, target, classes };
}

/** Keeps the listed rows (in order), for train/validation/test subsets. */
export function subsetDataset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const pickF = (source: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = source[indices[i]!]!;
    return out;
  };
  const features: FeatureColumn[] = data.features.map((f) => {
    if (f.type === 'numeric') return { ...f, values: pickF(f.values) };
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = f.codes[indices[i]!]!;
    return { ...f, codes };
  });
  const subset: Dataset = { rows: n, task: data.task, features, target: pickF(data.target), classes: data.classes };
  if (data.weights) subset.weights = pickF(data.weights);
  return subset;
}

export function labelKey(label: Label): string {
  return `${typeof label}:${String(label)}`;
}

function convert(value: unknown, column: string, row: number): number {
  try {
    return toNumber(value);
  } catch (error) {
    throw new DatasetError(`column ${column}, row ${row + 1}: ${(error as Error).message}`);
  }
}

function numericColumn(rows: readonly Record<string, unknown>[], name: string): NumericColumn {
  const values = new Float64Array(rows.length);
  rows.forEach((row, i) => (values[i] = convert(row[name], name, i)));
  return { name, type: 'numeric', values };
}

function categoricalColumn(rows: readonly Record<string, unknown>[], name: string, known?: string[]): CategoricalColumn {
  const texts = rows.map((row) => toCategory(row[name]));
  const categories = known ?? [...new Set(texts.filter((t): t is string => t !== null))].sort(compareText);
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = new Int32Array(rows.length);
  texts.forEach((t, i) => (codes[i] = t === null ? MISSING : (index.get(t) ?? UNSEEN)));
  return { name, type: 'categorical', categories, codes };
}

function inferFeatureType(rows: readonly Record<string, unknown>[], name: string): 'numeric' | 'categorical' {
  for (const row of rows) {
    const value = row[name];
    if (typeof value === 'boolean') return 'categorical';
    if (typeof value === 'string') {
      try {
        toNumber(value);
      } catch {
        return 'categorical';
      }
    }
  }
  return 'numeric';
}

function inferTask(labels: readonly unknown[]): Task {
  const normalized = normalizeLabels(labels);
  const distinct = new Set(normalized.map(labelKey)).size;
  const numeric = normalized.every((v) => typeof v === 'number');
  if (numeric && (distinct > 2 || normalized.some((v) => !Number.isInteger(v)))) return 'regression';
  return distinct <= 2 ? 'binary' : 'multiclass';
}

/** Numbers arriving as bigint or decimal strings become numbers, so 1, 1n and '1' are one class. */
function normalizeLabels(labels: readonly unknown[]): Label[] {
  const allNumeric = labels.every((v) => {
    if (typeof v === 'number' || typeof v === 'bigint') return true;
    return typeof v === 'string' && DECIMAL.test(v.trim());
  });
  return labels.map((v) => {
    if (allNumeric) return toNumber(v);
    if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
    return String(v);
  });
}

function sortLabels(labels: Label[]): Label[] {
  return labels.sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
    return compareText(String(a), String(b));
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}
