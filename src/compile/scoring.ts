/**
 * Batch scoring: every row of the scoring input scored by the champion's function into
 * the scores table. Each run appends one batch tagged with its run id; re-running the
 * same run id replaces only its own batch. The `?` placeholders bind the run id.
 * With `serving.ab`, entities in the challenger's hash bucket are scored by the
 * challenger's function while a CHALLENGER version exists (see serve/routing.ts).
 */

import type { ModelNode, ScoringNode } from '../graph/types.js';
import { scoringFunctionName } from '../registry/functions.js';
import { registryNames } from '../registry/tables.js';
import { abUnitSql } from '../serve/routing.js';
import { literal, qualified } from './names.js';
import type { CompileContext, CompiledNode } from './types.js';

export function compileScoring(node: ScoringNode, ctx: CompileContext): CompiledNode {
  const model = ctx.graph.nodes.get(node.model) as ModelNode;
  const input = ctx.graph.nodes.get(node.input)!;
  const batch = node.serving.batch!;
  const entity = model.spec.entity.toLowerCase();
  const table = qualified(node.relation);
  const registry = registryNames(ctx.project.config).table;
  const [negative, positive] = batch.labels;
  const fn = scoringFunctionName(model);
  const version = (status: string): string => `(SELECT model_version FROM ${registry} WHERE model_name = ${literal(model.name)} AND status = '${status}')`;
  const features = model.featureColumns.join(', ');
  const ab = node.serving.ab;
  // Without A/B the statement stays the plain champion query; with it, rows carry their variant.
  const scored = ab
    ? `SELECT ${entity}, variant,
    CASE WHEN variant = 'challenger' THEN ${scoringFunctionName(model, 'challenger')}(${features}) ELSE ${fn}(${features}) END AS prediction_score
  FROM (
    SELECT *, CASE WHEN (SELECT COUNT(*) FROM ${registry} WHERE model_name = ${literal(model.name)} AND status = 'CHALLENGER') > 0
        AND ${abUnitSql(model.name, entity, ctx.dialect)} < ${ab.challenger_share} THEN 'challenger' ELSE 'champion' END AS variant
    FROM ${qualified(input.relation!)}
  ) routed`
    : `SELECT ${entity}, ${fn}(${features}) AS prediction_score
  FROM ${qualified(input.relation!)}`;
  const modelVersion = ab ? `CASE WHEN variant = 'challenger' THEN ${version('CHALLENGER')} ELSE ${version('CHAMPION')} END` : version('CHAMPION');
  const statements = [
    ...(node.relation.schema ? [`CREATE SCHEMA IF NOT EXISTS ${node.relation.schema}`] : []),
    `CREATE TABLE IF NOT EXISTS ${table} AS
SELECT ${entity}, CAST(NULL AS DOUBLE) AS prediction_score, CAST(NULL AS VARCHAR) AS prediction_label,
  CAST(NULL AS VARCHAR) AS model_name, CAST(NULL AS VARCHAR) AS model_version, CAST(NULL AS VARCHAR) AS variant,
  CAST(NULL AS VARCHAR) AS run_id, CAST(NULL AS TIMESTAMP) AS scored_at
FROM ${qualified(input.relation!)}
WHERE 1 = 0`,
    'BEGIN TRANSACTION',
    `DELETE FROM ${table} WHERE run_id = ?`,
    `INSERT INTO ${table}
SELECT ${entity}, prediction_score,
  CASE WHEN prediction_score >= ${batch.threshold} THEN ${literal(positive)} ELSE ${literal(negative)} END AS prediction_label,
  ${literal(model.name)} AS model_name, ${modelVersion} AS model_version, ${ab ? 'variant' : "'champion'"} AS variant,
  ? AS run_id, CURRENT_TIMESTAMP AS scored_at
FROM (
  ${scored}
) scored`,
    'COMMIT',
  ];
  return { id: node.id, statements, diagnostics: [] };
}
