/**
 * Training on the embedded target: read the training set, split it by entity key, train
 * with mlc's learners, evaluate every split, and register the version with the
 * promotion policy applied — all registry writes in one transaction, so a failed
 * training registers nothing.
 */

import { execFileSync } from 'node:child_process';
import type { ModelNode } from '../graph/types.js';
import { datasetFromRows, evaluate, splitOf, train, artifactHash, type Artifact, type Evaluation } from '../ml/index.js';
import { createScoringFunction } from '../registry/functions.js';
import type { Row } from '../targets/target.js';
import { NodeError, type NodeRunContext, type NodeRunResult } from './executor.js';
import { algorithmOf, localTrainingNote, paramsOf, splitFractions } from '../registry/training-spec.js';
import { registerVersion } from './register-version.js';
import { queryTag, runStatements } from './statements.js';

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
  const accuracy = (e: Evaluation | undefined): number | null => (e && 'accuracy' in e.metrics ? e.metrics.accuracy : null);
  const detail = await registerVersion(ctx, node, {
    binary: JSON.stringify(artifact),
    algorithm: artifact.algorithm,
    params: artifact.params,
    hash: artifactHash(artifact),
    headline,
    performance,
    accuracy: { train: accuracy(evaluations.train), validation: accuracy(evaluations.validation), test: accuracy(evaluations.test) },
    rows: rows.length,
    scoringFunction: (name) => createScoringFunction(name, artifact, ctx.target.dialect, node.featureColumns),
  });
  return { rows: rows.length, detail: [detail, localTrainingNote(node)].filter(Boolean).join('; ') };
}
