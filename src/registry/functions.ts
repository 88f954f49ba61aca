/**
 * The scoring functions: the champion's artifact compiled to one SQL expression and
 * wrapped in a function (Snowflake SQL UDF, DuckDB macro) so any query can score rows —
 * the seed's `predict_customer_value(...)`. Replacing it is one statement, so readers
 * see the old champion or the new one, never a mix.
 */

import type { Artifact } from '../ml/index.js';
import { artifactToSql } from '../ml/index.js';
import type { ModelNode } from '../graph/types.js';
import type { Dialect } from '../targets/target.js';

export function scoringFunctionName(model: ModelNode, variant: 'champion' | 'challenger' = 'champion'): string {
  const base = model.spec.serving.realtime?.function.toLowerCase() ?? `mlc_score_${model.name}`;
  return variant === 'champion' ? base : `${base}_challenger`;
}

export function createScoringFunction(name: string, artifact: Artifact, dialect: Dialect): string {
  const expression = artifactToSql(artifact, { dialect });
  const params = artifact.features.map((f) => f.name);
  if (dialect === 'duckdb') return `CREATE OR REPLACE MACRO ${name}(${params.join(', ')}) AS (${expression})`;
  const typed = artifact.features.map((f) => `${f.name} ${f.type === 'numeric' ? 'FLOAT' : 'STRING'}`);
  return `CREATE OR REPLACE FUNCTION ${name}(${typed.join(', ')})\nRETURNS FLOAT\nLANGUAGE SQL\nAS $$\n${expression}\n$$`;
}
