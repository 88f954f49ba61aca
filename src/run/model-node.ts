/**
 * Training on the embedded target: read the training set, split it by entity key, train
 * with mlc's learners, evaluate every split, and register the version with the
 * promotion policy applied — all registry writes in one transaction, so a failed
 * training registers nothing.
 */

import { execFileSync } from 'node:child_process';
import type { ModelNode } from '../graph/types.js';
import { datasetFromRows, evaluate, splitOf, train, artifactHash, type Algorithm, type Artifact, type Evaluation } from '../ml/index.js';
import { createScoringFunction, scoringFunctionName } from '../registry/functions.js';
import { decidePromotion } from '../registry/promotion.js';
import { REGISTRY_INSERT_COLUMNS, registryNames } from '../registry/tables.js';
import { writeRegistry, type Write } from '../registry/write.js';
import type { ProjectGraph } from '../graph/build.js';
import type { Row } from '../targets/target.js';
import { NodeError, type NodeRunContext, type NodeRunResult } from './executor.js';
import { queryTag, runStatements } from './statements.js';

export function algorithmOf(node: ModelNode): Algorithm {
  const algorithm = node.spec.algorithm;
  if (algorithm === 'snowflake_ml_classification' || algorithm === 'snowflake_ml_regression') return 'gradient_boosting';
  return algorithm;
}

export function paramsOf(node: ModelNode): Record<string, unknown> {
  const aliases = node.spec.training_parameters;
  const params: Record<string, unknown> = { ...node.spec.params };
  if (aliases?.MAX_ITERATIONS !== undefined) {
    params[algorithmOf(node) === 'logistic_regression' ? 'max_iter' : 'n_estimators'] ??= aliases.MAX_ITERATIONS;
  }
  if (node.spec.class_weight !== undefined) params.class_weight ??= node.spec.class_weight;
  return params;
}

export function splitFractions(node: ModelNode): { test: number; validation: number; seed: number } {
  const aliases = node.spec.training_parameters;
  return {
    test: aliases?.TEST_SPLIT ?? node.spec.split.test,
    validation: aliases?.VALIDATION_SPLIT ?? node.spec.split.validation,
    seed: node.spec.split.seed,
  };
}

function metricsOf(evaluation: Evaluation | undefined): Record<string, number> {
  if (!evaluation) return {};
  const { confusion: _c, threshold: _t, ...metrics } = evaluation.metrics as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

export function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** {node id: fingerprint} of the training data and every node it is built from. */
export function upstreamFingerprints(graph: ProjectGraph, trainingData: string): Record<string, string> {
  const seen = new Set<string>();
  const pending = [trainingData];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...graph.graph.inNeighbors(id));
  }
  return Object.fromEntries([...seen].sort().map((id) => [id, graph.fingerprints.get(id) ?? '']));
}

export async function runModelNode(ctx: NodeRunContext): Promise<NodeRunResult> {
  const node = ctx.node as ModelNode;
  const { connection } = ctx;
  const tag = queryTag(ctx);
  await runStatements(ctx, ctx.statements.slice(0, -1));
  const { rows } = await connection.query(ctx.statements.at(-1)!, [], { tag, signal: ctx.signal });
  if (rows.length === 0) throw new NodeError({ message: `the training data of ${node.name} has no rows`, file: node.file, line: 1, col: 1 });

  const fractions = splitFractions(node);
  const entity = node.spec.entity.toLowerCase();
  const bySplit: Record<'train' | 'validation' | 'test', Row[]> = { train: [], validation: [], test: [] };
  for (const row of rows) bySplit[splitOf(String(row[entity]), fractions.seed, fractions.test, fractions.validation)].push(row);

  const options = { features: node.featureColumns, target: node.spec.target.toLowerCase(), task: node.spec.task };
  let artifact: Artifact;
  const evaluations: Partial<Record<'train' | 'validation' | 'test', Evaluation>> = {};
  try {
    const trainSet = datasetFromRows(bySplit.train, options);
    const validation = bySplit.validation.length > 0 ? datasetFromRows(bySplit.validation, { ...options, like: trainSet }) : undefined;
    artifact = train(algorithmOf(node), trainSet, paramsOf(node), {
      validation,
      onProgress: (p) => ctx.progress(`${p.iteration}/${p.total}`, p.iteration / p.total, p.metric),
    });
    evaluations.train = evaluate(artifact, trainSet);
    if (validation) evaluations.validation = evaluate(artifact, validation);
    if (bySplit.test.length > 0) evaluations.test = evaluate(artifact, datasetFromRows(bySplit.test, { ...options, like: trainSet }));
  } catch (error) {
    throw new NodeError({ message: error instanceof Error ? error.message : String(error), file: node.file, line: 1, col: 1 });
  }

  const headlineEvaluation = evaluations.test ?? evaluations.validation ?? evaluations.train;
  const headline = metricsOf(headlineEvaluation);
  // The docs site draws the confusion matrix and ROC curve of the headline split from these.
  const curves =
    headlineEvaluation?.task === 'binary' ? { confusion: headlineEvaluation.metrics.confusion, roc: { fpr: headlineEvaluation.roc.fpr, tpr: headlineEvaluation.roc.tpr } } : {};
  const performance = {
    ...headline,
    ...curves,
    splits: { train: metricsOf(evaluations.train), validation: metricsOf(evaluations.validation), test: metricsOf(evaluations.test) },
    rows: { train: bySplit.train.length, validation: bySplit.validation.length, test: bySplit.test.length },
  };
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
  const decision = decidePromotion(node.spec, headline, championMetrics?.[node.spec.promote.metric]);

  const modelVersion = `v${version}`;
  const accuracy = (e: Evaluation | undefined): number | null => (e && 'accuracy' in e.metrics ? e.metrics.accuracy : null);
  const trainedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const demote = { CHAMPION: 'ARCHIVED', CHALLENGER: 'CANDIDATE' } as const;
  const writes: Write[] = [
    ...(decision.status === 'CHAMPION' || decision.status === 'CHALLENGER'
      ? [{ sql: `UPDATE ${names.table} SET status = '${demote[decision.status]}' WHERE model_name = ? AND status = '${decision.status}'`, binds: [modelName] }]
      : []),
    {
      sql: `INSERT INTO ${names.table} (${REGISTRY_INSERT_COLUMNS.join(', ')})
SELECT ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS JSON), CAST(? AS JSON), ?, ?, CAST(? AS JSON), ?, ?, ?, ?, CAST(? AS JSON), ?`,
      binds: [
        Number(previous.rows[0]!.id) + 1,
        modelName,
        modelVersion,
        version,
        JSON.stringify(artifact),
        trainedAt,
        JSON.stringify(performance),
        JSON.stringify(node.featureColumns),
        decision.status,
        artifact.algorithm,
        JSON.stringify(artifact.params),
        artifactHash(artifact),
        rows.length,
        ctx.graph.fingerprints.get(node.trainingData) ?? null,
        gitCommit(ctx.project.root),
        JSON.stringify(upstreamFingerprints(ctx.graph, node.trainingData)),
        decision.status === 'CHAMPION' && championRow ? String(championRow.v) : null,
      ],
    },
    {
      sql: `INSERT INTO ${names.evaluation} SELECT ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP)`,
      binds: [modelName, modelVersion, accuracy(evaluations.train), accuracy(evaluations.validation), accuracy(evaluations.test), headline.f1_score ?? null, headline.auc_roc ?? null, trainedAt],
    },
  ];
  const served = decision.status === 'CHAMPION' || decision.status === 'CHALLENGER';
  const functionDdl = served
    ? createScoringFunction(scoringFunctionName(node, decision.status === 'CHAMPION' ? 'champion' : 'challenger'), artifact, ctx.target.dialect)
    : null;
  try {
    await writeRegistry(connection, writes, functionDdl, { tag });
  } catch (error) {
    throw new NodeError({ message: error instanceof Error ? error.message : String(error), file: node.file, line: 1, col: 1 });
  }
  const metric = node.spec.promote.metric;
  const value = headline[metric];
  return {
    rows: rows.length,
    detail: `${modelVersion} ${decision.status.toLowerCase()}: ${metric} ${value === undefined ? 'n/a' : value.toFixed(3)} (${decision.reason})`,
  };
}
