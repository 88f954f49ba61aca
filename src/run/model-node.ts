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
import { registryNames } from '../registry/tables.js';
import type { Row } from '../targets/target.js';
import { NodeError, type NodeRunContext, type NodeRunResult } from './executor.js';
import { queryTag, runStatements } from './statements.js';

function algorithmOf(node: ModelNode): Algorithm {
  const algorithm = node.spec.algorithm;
  if (algorithm === 'snowflake_ml_classification' || algorithm === 'snowflake_ml_regression') return 'gradient_boosting';
  return algorithm;
}

function paramsOf(node: ModelNode): Record<string, unknown> {
  const aliases = node.spec.training_parameters;
  const params: Record<string, unknown> = { ...node.spec.params };
  if (aliases?.MAX_ITERATIONS !== undefined) {
    params[algorithmOf(node) === 'logistic_regression' ? 'max_iter' : 'n_estimators'] ??= aliases.MAX_ITERATIONS;
  }
  if (node.spec.class_weight !== undefined) params.class_weight ??= node.spec.class_weight;
  return params;
}

function splitFractions(node: ModelNode): { test: number; validation: number; seed: number } {
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

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
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

  const headline = metricsOf(evaluations.test ?? evaluations.validation ?? evaluations.train);
  const performance = {
    ...headline,
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
    `SELECT performance_metrics AS m FROM ${names.table} WHERE model_name = ? AND status = 'CHAMPION'`,
    [modelName],
    { tag },
  );
  const championMetrics = champion.rows[0] ? (JSON.parse(String(champion.rows[0].m)) as Record<string, number>) : undefined;
  const decision = decidePromotion(node.spec, headline, championMetrics?.[node.spec.promote.metric]);

  const modelVersion = `v${version}`;
  const accuracy = (e: Evaluation | undefined): number | null => (e && 'accuracy' in e.metrics ? e.metrics.accuracy : null);
  const trainedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const demote = { CHAMPION: 'ARCHIVED', CHALLENGER: 'CANDIDATE' } as const;
  const writes: { sql: string; binds: unknown[] }[] = [
    ...(decision.status === 'CHAMPION' || decision.status === 'CHALLENGER'
      ? [{ sql: `UPDATE ${names.table} SET status = '${demote[decision.status]}' WHERE model_name = ? AND status = '${decision.status}'`, binds: [modelName] }]
      : []),
    {
      sql: `INSERT INTO ${names.table} SELECT ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS JSON), CAST(? AS JSON), ?, ?, CAST(? AS JSON), ?, ?, ?, ?`,
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
      ],
    },
    {
      sql: `INSERT INTO ${names.evaluation} SELECT ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP)`,
      binds: [modelName, modelVersion, accuracy(evaluations.train), accuracy(evaluations.validation), accuracy(evaluations.test), headline.f1_score ?? null, headline.auc_roc ?? null, trainedAt],
    },
  ];
  try {
    await connection.query('BEGIN TRANSACTION', [], { tag });
    for (const write of writes) await connection.query(write.sql, write.binds, { tag });
    await connection.query('COMMIT', [], { tag });
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw new NodeError({ message: error instanceof Error ? error.message : String(error), file: node.file, line: 1, col: 1 });
  }
  if (decision.status === 'CHAMPION' || decision.status === 'CHALLENGER') {
    const fn = scoringFunctionName(node, decision.status === 'CHAMPION' ? 'champion' : 'challenger');
    await connection.query(createScoringFunction(fn, artifact, ctx.target.dialect), [], { tag });
  }
  const metric = node.spec.promote.metric;
  const value = headline[metric];
  return {
    rows: rows.length,
    detail: `${modelVersion} ${decision.status.toLowerCase()}: ${metric} ${value === undefined ? 'n/a' : value.toFixed(3)} (${decision.reason})`,
  };
}
