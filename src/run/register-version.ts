/**
 * Registering a trained version from mlc's side of the connection: number it, apply the
 * promotion policy against the current champion, write the registry and evaluation rows
 * and, for a version that serves, its scoring function — all in one transaction, so a
 * failed write registers nothing.
 */

import { pinTrainingFeatures } from '../compile/feature-lock.js';
import type { ModelNode } from '../graph/types.js';
import { scoringFunctionName } from '../registry/functions.js';
import { decidePromotion } from '../registry/promotion.js';
import { REGISTRY_INSERT_COLUMNS, registryNames } from '../registry/tables.js';
import { writeRegistry, type Write } from '../registry/write.js';
import { NodeError, type NodeRunContext } from './executor.js';
import { upstreamFingerprints } from '../registry/training-spec.js';
import { gitCommit } from './model-node.js';
import { queryTag } from './statements.js';

export interface TrainedVersion {
  /** What model_binary holds: mlc's artifact, or a reference to a model Snowflake keeps. */
  binary: string;
  algorithm: string;
  params: Record<string, unknown>;
  hash: string;
  /** The headline split's metrics, which promotion compares. */
  headline: Record<string, number>;
  /** performance_metrics: the headline metrics and whatever else the docs site draws. */
  performance: Record<string, unknown>;
  accuracy: { train: number | null; validation: number | null; test: number | null };
  rows: number;
  /** The scoring function's DDL under a given name, for a version that serves. */
  scoringFunction: (name: string) => string;
}

export async function registerVersion(ctx: NodeRunContext, node: ModelNode, trained: TrainedVersion): Promise<string> {
  const { connection } = ctx;
  const tag = queryTag(ctx);
  const names = registryNames(ctx.project.config);
  const modelName = node.name;
  const previous = await connection.query(
    `SELECT COALESCE(MAX(CASE WHEN model_name = ? THEN version_number END), 0) AS v, COALESCE(MAX(model_id), 0) AS id FROM ${names.table}`,
    [modelName],
    { tag },
  );
  const version = Number(previous.rows[0]!.v) + 1;
  const champion = await connection.query(
    `SELECT model_version AS v, performance_metrics AS m FROM ${names.table} WHERE model_name = ? AND status = 'CHAMPION'`,
    [modelName],
    { tag },
  );
  const championRow = champion.rows[0];
  const championMetrics = championRow ? (JSON.parse(String(championRow.m)) as Record<string, number>) : undefined;
  const decision = decidePromotion(node.spec, trained.headline, championMetrics?.[node.spec.promote.metric]);

  const modelVersion = `v${version}`;
  const trainedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
  // A JSON bind: DuckDB casts text to JSON; Snowflake parses it into a VARIANT.
  const json = ctx.target.dialect === 'duckdb' ? 'CAST(? AS JSON)' : 'PARSE_JSON(?)';
  const demote = { CHAMPION: 'ARCHIVED', CHALLENGER: 'CANDIDATE' } as const;
  const writes: Write[] = [
    ...(decision.status === 'CHAMPION' || decision.status === 'CHALLENGER'
      ? [{ sql: `UPDATE ${names.table} SET status = '${demote[decision.status]}' WHERE model_name = ? AND status = '${decision.status}'`, binds: [modelName] }]
      : []),
    {
      sql: `INSERT INTO ${names.table} (${REGISTRY_INSERT_COLUMNS.join(', ')})
SELECT ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), ${json}, ${json}, ?, ?, ${json}, ?, ?, ?, ?, ${json}, ?`,
      binds: [
        Number(previous.rows[0]!.id) + 1,
        modelName,
        modelVersion,
        version,
        trained.binary,
        trainedAt,
        JSON.stringify(trained.performance),
        JSON.stringify(node.featureColumns),
        decision.status,
        trained.algorithm,
        JSON.stringify(trained.params),
        trained.hash,
        trained.rows,
        ctx.graph.fingerprints.get(node.trainingData) ?? null,
        gitCommit(ctx.project.root),
        JSON.stringify(upstreamFingerprints(ctx.graph, node.trainingData)),
        decision.status === 'CHAMPION' && championRow ? String(championRow.v) : null,
      ],
    },
    {
      sql: `INSERT INTO ${names.evaluation} SELECT ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP)`,
      binds: [modelName, modelVersion, trained.accuracy.train, trained.accuracy.validation, trained.accuracy.test, trained.headline.f1_score ?? null, trained.headline.auc_roc ?? null, trainedAt],
    },
  ];
  const served = decision.status === 'CHAMPION' || decision.status === 'CHALLENGER';
  const functionDdl = served ? trained.scoringFunction(scoringFunctionName(node, decision.status === 'CHAMPION' ? 'champion' : 'challenger')) : null;
  try {
    await writeRegistry(connection, writes, functionDdl, { tag });
  } catch (error) {
    throw new NodeError({ message: error instanceof Error ? error.message : String(error), file: node.file, line: 1, col: 1 });
  }
  if (ctx.pinFeatures) pinTrainingFeatures(ctx.project.root, ctx.graph, node.trainingData, node.name, version);
  const metric = node.spec.promote.metric;
  const value = trained.headline[metric];
  return `${modelVersion} ${decision.status.toLowerCase()}: ${metric} ${value === undefined ? 'n/a' : value.toFixed(3)} (${decision.reason})`;
}
