/**
 * The portable model artifact, `mlc.model/1`: everything needed to score a row in JS,
 * in SQL or in Python. The TypeScript learners and the Snowflake Python procedure both
 * emit it; docs/artifact-format.md describes it for the Python side.
 */

import type { Label, Task } from './dataset.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const ARTIFACT_FORMAT = 'mlc.model/1';

export type Algorithm = 'logistic_regression' | 'linear_regression' | 'gradient_boosting' | 'random_forest';
export type ModelKind = 'linear' | 'tree_ensemble';
/** logit: p = sigmoid(raw). softmax: p_k = exp(raw_k) / sum exp(raw_j). identity: score = raw. */
export type Link = 'identity' | 'logit' | 'softmax';

export type FeatureSpec = { name: string; type: 'numeric' } | { name: string; type: 'categorical'; categories: string[] };

/** One model input column: a numeric feature, or the one-hot indicator of one category. */
export interface InputColumn {
  feature: string;
  category?: string;
}

/** Linear models only, one entry per input column: x' = ((isMissing ? impute : x) - mean) / scale. */
export interface Preprocessing {
  impute: number[];
  mean: number[];
  scale: number[];
}

/**
 * A tree as flat arrays indexed by node; node 0 is the root. A leaf has feature -1.
 * An inner node sends a row left when input <= threshold, a missing input where missingLeft says.
 */
export interface Tree {
  /** Which raw output (class for multiclass, else 0) the leaf values add to. */
  output: number;
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  missingLeft: boolean[];
  value: number[];
}

export interface Artifact {
  format: typeof ARTIFACT_FORMAT;
  task: Task;
  kind: ModelKind;
  algorithm: Algorithm;
  /** The effective training parameters, defaults included. */
  params: Record<string, JsonValue>;
  features: FeatureSpec[];
  /** How categorical features become input columns. */
  encoding: 'one_hot';
  inputs: InputColumn[];
  preprocessing: Preprocessing | null;
  link: Link;
  /** Number of raw outputs: the class count for multiclass, else 1. */
  outputs: number;
  /** Sorted class labels (binary: [negative, positive]); null for regression. */
  classes: Label[] | null;
  /** Binary only: label = positive when probability >= threshold. */
  threshold: number | null;
  /** raw_k = baseScore[k] + (linear: sum_j coefficients[k][j] * x'_j | trees: sum of leaf values of trees with output k). */
  baseScore: number[];
  linear: { coefficients: number[][] } | null;
  trees: Tree[] | null;
  /** Per feature (aligned with `features`), summing to 1: split gain for trees, |coef| * std for linear. */
  importance: number[];
  training: { rows: number; iterations: number; converged: boolean | null };
}
