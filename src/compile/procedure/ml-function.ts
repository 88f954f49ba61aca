/**
 * A model with `algorithm: snowflake_ml_classification` on Snowflake: Snowflake's own
 * ML Function trains it (SNOWFLAKE.ML.CLASSIFICATION, evaluation on), mlc reads the
 * evaluation back into the registry, and scoring calls the model's PREDICT method.
 *
 * The input is a view of the features and the target only, so the entity key and other
 * columns of the training set never become features. The Snowflake object keeps the
 * model's name and is replaced by each training: it is what PREDICT scores with, and the
 * registry row of each version records its metrics and a reference to that object.
 */

import type { ModelNode } from '../../graph/types.js';
import { literal, qualified } from '../names.js';
import type { CompileContext } from '../types.js';

/** Snowflake has a classification ML Function only: snowflake_ml_regression trains in the Python procedure. */
export function usesMlFunction(model: ModelNode): boolean {
  return model.spec.algorithm === 'snowflake_ml_classification';
}

/** The class whose probability is the score: the seed's 0/1 target names its positive class "1". */
export const POSITIVE_CLASS = '1';

export function mlFunctionInputView(model: ModelNode): string {
  return `mlc_mlf_input_${model.name}`;
}

/** The Snowflake object Snowflake trains; mlc's registry row points at it. */
export function mlFunctionObject(model: ModelNode): string {
  return model.name;
}

/** What model_binary holds for an ML Function version: a reference, not an mlc artifact. */
export function mlFunctionReference(model: ModelNode): string {
  return JSON.stringify({ kind: 'snowflake_ml_function', class: 'SNOWFLAKE.ML.CLASSIFICATION', object: mlFunctionObject(model), positive_class: POSITIVE_CLASS });
}

export function createMlFunctionStatements(model: ModelNode, ctx: CompileContext, testFraction: number): string[] {
  const training = ctx.graph.nodes.get(model.trainingData)!;
  const columns = [...new Set([...model.featureColumns, model.spec.target].map((c) => c.toLowerCase()))];
  return [
    `CREATE OR REPLACE VIEW ${mlFunctionInputView(model)} AS\nSELECT ${columns.join(', ')}\nFROM ${qualified(training.relation!)}`,
    `CREATE OR REPLACE SNOWFLAKE.ML.CLASSIFICATION ${mlFunctionObject(model)}(
  INPUT_DATA => SYSTEM$REFERENCE('VIEW', ${literal(mlFunctionInputView(model))}),
  TARGET_COLNAME => ${literal(model.spec.target.toUpperCase())},
  CONFIG_OBJECT => {'evaluate': TRUE, 'on_error': 'SKIP', 'evaluation_config': {'test_fraction': ${testFraction}}})`,
    `CALL ${mlFunctionObject(model)}!SHOW_EVALUATION_METRICS()`,
    `CALL ${mlFunctionObject(model)}!SHOW_GLOBAL_EVALUATION_METRICS()`,
  ];
}

/** PREDICT over the given feature expressions, keyed by the training columns' names; its positive-class probability. */
export function mlFunctionScoreSql(model: ModelNode, values: readonly string[]): string {
  const entries = model.featureColumns.map((f, i) => `${literal(f.toUpperCase())}, ${values[i]!}`).join(', ');
  return `${mlFunctionObject(model)}!PREDICT(INPUT_DATA => OBJECT_CONSTRUCT(${entries})):probability:"${POSITIVE_CLASS}"::FLOAT`;
}

/** The real-time function: the seed's predict_customer_value(...) calling the ML Function's PREDICT. */
export function createMlFunctionScoring(model: ModelNode, name: string, types: Record<string, 'FLOAT' | 'STRING'> = {}): string {
  const params = model.featureColumns.map((f) => `${f.toLowerCase()} ${types[f] ?? 'FLOAT'}`);
  return `CREATE OR REPLACE FUNCTION ${name}(${params.join(', ')})\nRETURNS FLOAT\nLANGUAGE SQL\nAS $$\n${mlFunctionScoreSql(model, model.featureColumns.map((f) => f.toLowerCase()))}\n$$`;
}
