/**
 * The artifact as a SQL expression, for batch scoring and the real-time function inside
 * the warehouse. Linear models are arithmetic over the recorded preprocessing; a tree
 * ensemble is one CASE per tree (nested as deep as the tree), summed. DOUBLE arithmetic,
 * exact literals and the scorers' own order of operations keep SQL and JS within 1e-9.
 */

import type { Dialect } from '../targets/target.js';
import type { Artifact, InputColumn, Tree } from './artifact.js';
import type { Label } from './dataset.js';
import { treeDepth } from './grown-tree.js';
import { RAW_LIMIT } from './link.js';
import { doubleSql, identifierSql, labelSql, stringSql, sumSql } from './sql-text.js';

export interface SqlScoreOptions {
  dialect: Dialect;
  /** SQL expression per feature name; defaults to the column of that name. */
  columns?: Record<string, string>;
  /** Column references holding the raw outputs already (from artifactOutputsSql), to avoid repeating them. */
  outputs?: readonly string[];
}

export interface SqlLabelOptions extends SqlScoreOptions {
  /** Binary: overrides the artifact's threshold. */
  threshold?: number;
  /** Label values in class order (binary: [negative, positive]); default the artifact's classes. */
  labels?: readonly Label[];
  /** Binary: a column reference holding the score already. */
  score?: string;
}

export class SqlLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlLimitError';
  }
}

/** One raw-output expression per output (the logit, the class sums, or the value). */
export function artifactOutputsSql(artifact: Artifact, options: SqlScoreOptions): string[] {
  const column = (feature: string): string => options.columns?.[feature] ?? identifierSql(feature);
  return artifact.baseScore.map((base, k) => {
    if (artifact.kind === 'linear') {
      const p = artifact.preprocessing!;
      const terms = artifact.linear!.coefficients[k]!.map((coef, j) => {
        const x = inputSql(artifact.inputs[j]!, column, p.impute[j]!, options.dialect);
        return `${doubleSql(coef)} * ((${x} - ${doubleSql(p.mean[j]!)}) / ${doubleSql(p.scale[j]!)})`;
      });
      return sumSql([doubleSql(base), ...terms]);
    }
    const trees = artifact.trees!.filter((t) => t.output === k).map((t) => treeSql(t, 0, artifact.inputs, column, options.dialect));
    return sumSql([doubleSql(base), ...trees]);
  });
}

/**
 * The score: binary P(positive); regression the value; multiclass the probability of
 * `className`, or of the predicted class when omitted.
 */
export function artifactToSql(artifact: Artifact, options: SqlScoreOptions & { className?: Label }): string {
  const outputs = options.outputs ?? artifactOutputsSql(artifact, options);
  if (artifact.task !== 'multiclass') {
    return artifact.link === 'logit' ? `(1e0 / (1e0 + EXP(-${clampSql(outputs[0]!)})))` : outputs[0]!;
  }
  const probabilities = outputs.map((_o, k) => probabilitySql(artifact, outputs, k));
  if (options.className === undefined) return `GREATEST(${probabilities.join(', ')})`;
  const index = artifact.classes!.findIndex((c) => c === options.className);
  if (index < 0) throw new Error(`unknown class ${String(options.className)}; the model's classes are ${artifact.classes!.join(', ')}`);
  return probabilities[index]!;
}

/** The predicted label: binary by the threshold, multiclass by the largest output. */
export function artifactLabelSql(artifact: Artifact, options: SqlLabelOptions): string {
  const classes = artifact.classes;
  if (!classes) throw new Error('a regression model has no label; use artifactToSql for its value');
  const labels = options.labels ?? classes;
  if (labels.length !== classes.length) throw new Error(`labels: the model has ${classes.length} classes, got ${labels.length} labels`);
  const literal = (k: number): string => labelSql(labels[k]!, options.dialect);
  if (artifact.task === 'binary') {
    const score = options.score ?? artifactToSql(artifact, options);
    return `CASE WHEN ${score} >= ${doubleSql(options.threshold ?? artifact.threshold ?? 0.5)} THEN ${literal(1)} ELSE ${literal(0)} END`;
  }
  const outputs = options.outputs ?? artifactOutputsSql(artifact, options);
  // First maximum wins, as in the JS scorer.
  const whens = outputs.slice(0, -1).map((o, k) => {
    const tests = outputs.slice(k + 1).map((other) => `${o} >= ${other}`);
    return `WHEN ${tests.join(' AND ')} THEN ${literal(k)}`;
  });
  return `CASE ${whens.join(' ')} ELSE ${literal(outputs.length - 1)} END`;
}

export interface SqlSize {
  bytes: number;
  /** Nesting depth of the expression: deepest tree plus the sum's nesting. */
  depth: number;
}

/** Measures the score expression; throws SqlLimitError with advice when it is too big for a warehouse. */
export function sqlLimits(artifact: Artifact, limits: { maxBytes?: number; maxDepth?: number; dialect?: Dialect } = {}): SqlSize {
  const maxBytes = limits.maxBytes ?? 1_000_000;
  const maxDepth = limits.maxDepth ?? 900;
  const outputs = artifactOutputsSql(artifact, { dialect: limits.dialect ?? 'snowflake' });
  const bytes = outputs.reduce((sum, o) => sum + Buffer.byteLength(o), 0);
  const terms = artifact.kind === 'linear' ? artifact.inputs.length + 1 : Math.ceil((artifact.trees!.length + 1) / artifact.outputs);
  const treeLevels = artifact.trees ? Math.max(0, ...artifact.trees.map(treeDepth)) : 1;
  const depth = treeLevels + Math.min(terms, 16) + Math.ceil(Math.log2(Math.max(1, terms / 16))) + 4;
  const size = `${artifact.trees ? `${artifact.trees.length} trees, depth up to ${treeLevels}` : `${artifact.inputs.length} inputs`}`;
  if (bytes > maxBytes) {
    throw new SqlLimitError(
      `the model's SQL would be ${(bytes / 1e6).toFixed(2)} MB (limit ${(maxBytes / 1e6).toFixed(2)} MB; ${size}): ` +
        'train fewer trees (n_estimators / max_iter), shallower ones (max_depth, max_leaf_nodes) or larger leaves (min_samples_leaf)',
    );
  }
  if (depth > maxDepth) {
    throw new SqlLimitError(`the model's SQL would nest ${depth} levels deep (limit ${maxDepth}; ${size}): limit max_depth`);
  }
  return { bytes, depth };
}

function clampSql(raw: string): string {
  return `LEAST(GREATEST(${raw}, ${doubleSql(-RAW_LIMIT)}), ${doubleSql(RAW_LIMIT)})`;
}

function probabilitySql(artifact: Artifact, outputs: readonly string[], k: number): string {
  if (artifact.link !== 'softmax') return outputs[k]!;
  const exps = outputs.map((o) => `EXP(${clampSql(o)})`);
  return `(${exps[k]} / ${sumSql(exps)})`;
}

/** A linear model's input value with missing values imputed, as DOUBLE. */
function inputSql(input: InputColumn, column: (feature: string) => string, impute: number, dialect: Dialect): string {
  const col = column(input.feature);
  if (input.category === undefined) return `COALESCE(CAST(${col} AS DOUBLE), ${doubleSql(impute)})`;
  return `CASE WHEN ${col} IS NULL THEN ${doubleSql(impute)} WHEN CAST(${col} AS VARCHAR) = ${stringSql(input.category, dialect)} THEN 1e0 ELSE 0e0 END`;
}

function treeSql(tree: Tree, node: number, inputs: readonly InputColumn[], column: (feature: string) => string, dialect: Dialect): string {
  const f = tree.feature[node]!;
  if (f < 0) return doubleSql(tree.value[node]!);
  const condition = leftCondition(inputs[f]!, tree.threshold[node]!, tree.missingLeft[node]!, column, dialect);
  const left = treeSql(tree, tree.left[node]!, inputs, column, dialect);
  const right = treeSql(tree, tree.right[node]!, inputs, column, dialect);
  return `CASE WHEN ${condition} THEN ${left} ELSE ${right} END`;
}

/**
 * "Go left": input <= threshold, or the input is NULL and missing values go left. A NULL
 * input otherwise makes the condition NULL, which takes the ELSE (right) branch.
 */
function leftCondition(input: InputColumn, threshold: number, missingLeft: boolean, column: (feature: string) => string, dialect: Dialect): string {
  const col = column(input.feature);
  let test: string;
  if (input.category === undefined) {
    test = `${col} <= ${doubleSql(threshold)}`;
  } else {
    // A one-hot input is 1 for its category, 0 for any other (unseen ones included).
    const zeroLeft = 0 <= threshold;
    const oneLeft = 1 <= threshold;
    const category = `CAST(${col} AS VARCHAR)`;
    const literal = stringSql(input.category, dialect);
    test = zeroLeft && oneLeft ? `${col} IS NOT NULL` : zeroLeft ? `${category} <> ${literal}` : oneLeft ? `${category} = ${literal}` : '1 = 0';
  }
  return missingLeft ? `(${test} OR ${col} IS NULL)` : test;
}
