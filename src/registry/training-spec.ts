/**
 * How a model spec trains, wherever it trains: the learner (an ML Function stands in for
 * gradient boosting off Snowflake), its parameters with the seed's aliases, the split,
 * and the upstream fingerprints a version records. Shared by the embedded runner and the
 * compiled Snowflake procedure.
 */

import type { ProjectGraph } from '../graph/build.js';
import { withAncestors } from '../graph/select.js';
import type { ModelNode } from '../graph/types.js';
import type { Algorithm } from '../ml/index.js';

export function algorithmOf(node: ModelNode): Algorithm {
  const algorithm = node.spec.algorithm;
  if (algorithm === 'snowflake_ml_classification' || algorithm === 'snowflake_ml_regression') return 'gradient_boosting';
  return algorithm;
}

/** Whether the model names a Snowflake ML Function, which Snowflake trains itself (SNOWFLAKE.ML.CLASSIFICATION). */
function isMlFunction(node: ModelNode): boolean {
  return node.spec.algorithm.startsWith('snowflake_ml_');
}

/** Said in the plan and the run when the embedded target stands in for an ML Function with its own learner. */
export function localTrainingNote(node: ModelNode): string | undefined {
  return isMlFunction(node) ? `trains ${algorithmOf(node)} locally for ${node.spec.algorithm}` : undefined;
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

/** {node id: fingerprint} of the training data and every node it is built from. */
export function upstreamFingerprints(graph: ProjectGraph, trainingData: string): Record<string, string> {
  return Object.fromEntries([...withAncestors(graph, trainingData)].sort().map((id) => [id, graph.fingerprints.get(id) ?? '']));
}
