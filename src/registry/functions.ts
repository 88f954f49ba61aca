/**
 * The scoring functions: the champion's artifact compiled to one SQL expression and
 * wrapped in a function (Snowflake SQL UDF, DuckDB macro) so any query can score rows —
 * the seed's `predict_customer_value(...)`. Replacing it is one statement, so readers
 * see the old champion or the new one, never a mix.
 */

import type { Artifact } from '../ml/index.js';
// From its own module rather than ml/index.js: `mlc compile` then loads none of the learners.
import { artifactToSql } from '../ml/sql-scorer.js';
import type { ModelNode } from '../graph/types.js';
import type { Dialect } from '../targets/target.js';

export function scoringFunctionName(model: ModelNode, variant: 'champion' | 'challenger' = 'champion'): string {
  const base = model.spec.serving.realtime?.function.toLowerCase() ?? `mlc_score_${model.name}`;
  return variant === 'champion' ? base : `${base}_challenger`;
}

/**
 * The function's parameters are the model spec's features (its serving signature), the
 * same for every version, so champion and challenger are called alike even when a new
 * version was trained on fewer features; a version needing a feature outside the
 * signature cannot be served by it.
 */
export function createScoringFunction(name: string, artifact: Artifact, dialect: Dialect, signature: readonly string[]): string {
  const missing = artifact.features.filter((f) => !signature.includes(f.name)).map((f) => f.name);
  if (missing.length > 0) {
    throw new Error(`the model version uses ${missing.join(', ')}, which the model's features no longer list; it cannot be served by ${name}(${signature.join(', ')})`);
  }
  const expression = artifactToSql(artifact, { dialect });
  if (dialect === 'duckdb') return `CREATE OR REPLACE MACRO ${name}(${signature.join(', ')}) AS (${expression})`;
  const types = new Map(artifact.features.map((f) => [f.name, f.type === 'categorical' ? 'STRING' : 'FLOAT']));
  const typed = signature.map((f) => `${f} ${types.get(f) ?? 'FLOAT'}`);
  return `CREATE OR REPLACE FUNCTION ${name}(${typed.join(', ')})\nRETURNS FLOAT\nLANGUAGE SQL\nAS $$\n${expression}\n$$`;
}
