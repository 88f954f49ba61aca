/**
 * The Snowflake training procedure of a model: a Python stored procedure (scikit-learn,
 * runtime 3.12) that reads the training set, splits it by the entity rule mlc uses
 * everywhere, trains the configured learner, exports mlc's artifact and registers the
 * version with the promotion policy applied. The handler is inline, so the compiled
 * file is the whole procedure a reviewer reads.
 */

import type { ModelNode } from '../../graph/types.js';
// From its own module rather than ml/index.js: `mlc compile` then loads none of the learners.
import { splitPython } from '../../ml/split.js';
import { REGISTRY_INSERT_COLUMNS, type RegistryNames } from '../../registry/tables.js';
import { HANDLER_BODY } from './handler-python.js';

export { createDriftProcedure, driftProcedureName } from './drift-procedure.js';
export {
  createMlFunctionScoring,
  createMlFunctionStatements,
  mlFunctionInputView,
  mlFunctionObject,
  mlFunctionReference,
  mlFunctionScoreSql,
  POSITIVE_CLASS,
  usesMlFunction,
} from './ml-function.js';

export const RUNTIME_VERSION = '3.12';
export const PACKAGES = ['snowflake-snowpark-python', 'scikit-learn', 'pandas'] as const;

const IMPORTS = `import decimal
import hashlib
import json

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, f1_score, mean_absolute_error, mean_squared_error, precision_score, r2_score, recall_score, roc_auc_score, roc_curve
from sklearn.preprocessing import StandardScaler`;

/** What the handler needs to know about one model, resolved the way the embedded trainer resolves it. */
export interface TrainingSpec {
  model: ModelNode;
  /** The query reading the training set (entity, features, target). */
  query: string;
  algorithm: string;
  params: Record<string, unknown>;
  split: { test: number; validation: number; seed: number };
  registry: RegistryNames;
}

export function trainingProcedureName(model: ModelNode): string {
  return `mlc_train_${model.name}`;
}

/** The handler's Python source: imports, the model's settings, its split rule and the shared body. */
export function trainingHandler(spec: TrainingSpec): string {
  const { model } = spec;
  const config = {
    model: model.name,
    task: model.spec.task,
    algorithm: spec.algorithm,
    params: spec.params,
    entity: model.spec.entity.toLowerCase(),
    target: model.spec.target.toLowerCase(),
    features: model.featureColumns,
    training_query: spec.query,
    promote: {
      metric: model.spec.promote.metric,
      margin: model.spec.promote.margin,
      minimums: { ...model.spec.promote.minimums, ...(model.spec.promote.min === undefined ? {} : { [model.spec.promote.metric]: model.spec.promote.min }) },
    },
    ab: model.spec.serving.ab !== undefined,
    registry: spec.registry.table,
    evaluation: spec.registry.evaluation,
    registry_columns: REGISTRY_INSERT_COLUMNS,
  };
  const source = `${IMPORTS}

CONFIG = json.loads(${pythonText(JSON.stringify(config, null, 4))})


def split_of(key):
    return ${splitPython('key', spec.split.seed, spec.split.test, spec.split.validation)}

${HANDLER_BODY.trim()}
`;
  if (source.includes('$$')) throw new Error(`the training handler of ${model.name} would contain $$, which ends the procedure body`);
  return source;
}

/** Readable as a raw triple-quoted string; else a JSON string literal, which is also a valid Python one. */
function pythonText(text: string): string {
  return text.includes("'''") || text.endsWith('\\') ? JSON.stringify(text) : `r'''\n${text}\n'''`;
}

export function createTrainingProcedure(spec: TrainingSpec): string {
  return `CREATE OR REPLACE PROCEDURE ${trainingProcedureName(spec.model)}(training_fingerprint STRING, code_version STRING, feature_fingerprints STRING)
RETURNS STRING
LANGUAGE PYTHON
RUNTIME_VERSION = '${RUNTIME_VERSION}'
PACKAGES = (${PACKAGES.map((p) => `'${p}'`).join(', ')})
HANDLER = 'main'
EXECUTE AS CALLER
AS $$
${trainingHandler(spec)}$$`;
}

/** The call; its binds are the training data's fingerprint, the code version (git commit) and the upstream fingerprints (JSON). */
export function callTrainingProcedure(model: ModelNode): string {
  return `CALL ${trainingProcedureName(model)}(?, ?, ?)`;
}
