/**
 * Snowflake ML Functions (SNOWFLAKE.ML.CLASSIFICATION) on the emulator. CREATE trains a
 * real model in Python (ml_classification.py, scikit-learn) on the referenced table or
 * view; `m!PREDICT(INPUT_DATA => …)` becomes a DuckDB macro computing the fitted model;
 * `CALL m!SHOW_EVALUATION_METRICS()` and `!SHOW_GLOBAL_EVALUATION_METRICS()` answer
 * with the documented columns from the evaluation run at training time.
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PYTHON, RoutineError } from './procedures.js';
import type { CallRows } from './procedures.js';

const TRAINER = fileURLToPath(new URL('./ml_classification.py', import.meta.url));

export interface TrainedClassification {
  features: string[];
  mean: number[];
  scale: number[];
  coef: number[];
  intercept: number;
  classes: string[];
  /** dataset_type, class, error_metric, metric_value, logs */
  evaluation: unknown[][];
  /** dataset_type, average_type, error_metric, metric_value, logs */
  global: unknown[][];
}

export interface CreateClassification {
  name: string;
  input: string;
  target: string;
  testFraction: number;
}

const CREATE =
  /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?SNOWFLAKE\.ML\.CLASSIFICATION\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w$.]+)\s*\(\s*INPUT_DATA\s*=>\s*SYSTEM\$REFERENCE\(\s*'(?:TABLE|VIEW)'\s*,\s*'([^']+)'\s*\)\s*,\s*TARGET_COLNAME\s*=>\s*'([^']+)'\s*(?:,\s*CONFIG_OBJECT\s*=>\s*(\{[\s\S]*\}))?\s*\)\s*;?\s*$/i;

const METHOD_CALL = /^\s*CALL\s+([\w$.]+)!(SHOW_EVALUATION_METRICS|SHOW_GLOBAL_EVALUATION_METRICS)\s*\(\s*\)\s*;?\s*$/i;

const PREDICT = /([\w$]+)!PREDICT\s*\(\s*INPUT_DATA\s*=>\s*/gi;

function lastPart(name: string): string {
  return name.split('.').at(-1)!.toLowerCase();
}

/** A Snowflake object constant (`{'a': TRUE, 'b': {'c': 0.2}}`) as JSON. */
function objectConstant(text: string): Record<string, unknown> {
  const json = text.replace(/'((?:[^']|'')*)'/g, (_, s: string) => JSON.stringify(s.replace(/''/g, "'"))).replace(/\bTRUE\b/gi, 'true').replace(/\bFALSE\b/gi, 'false');
  return JSON.parse(json) as Record<string, unknown>;
}

export function createClassification(sql: string): CreateClassification | undefined {
  const match = CREATE.exec(sql);
  if (!match) return undefined;
  const config = match[4] ? objectConstant(match[4]) : {};
  const evaluation = (config.evaluation_config ?? {}) as { test_fraction?: number };
  return { name: lastPart(match[1]!), input: match[2]!, target: match[3]!, testFraction: evaluation.test_fraction ?? 0.2 };
}

export function methodCall(sql: string): { name: string; method: string } | undefined {
  const match = METHOD_CALL.exec(sql);
  return match ? { name: lastPart(match[1]!), method: match[2]!.toUpperCase() } : undefined;
}

export function predictMacroName(model: string): string {
  return `mlc_emulator_predict_${model}`;
}

/** `m!PREDICT(INPUT_DATA => x)` as a call of the model's macro; other text is unchanged. */
export function rewritePredict(sql: string): string {
  return sql.includes('!') ? sql.replace(PREDICT, (_, name: string) => `${predictMacroName(lastPart(name))}(`) : sql;
}

/** The fitted logistic model as a macro over the OBJECT PREDICT receives, returning PREDICT's OBJECT. */
export function predictMacro(name: string, model: TrainedClassification): string {
  const terms = model.features.map((feature, i) => {
    const value = `TRY_CAST(json_extract_string(input, '$.${feature}') AS DOUBLE)`;
    return `${model.coef[i]} * (COALESCE(${value}, ${model.mean[i]}) - ${model.mean[i]}) / ${model.scale[i] || 1}`;
  });
  const p = `(1.0 / (1.0 + exp(-(${[String(model.intercept), ...terms].join(' + ')}))))`;
  const [negative, positive] = model.classes as [string, string];
  return `CREATE OR REPLACE MACRO ${predictMacroName(name)}(input) AS (json_object(
  'class', CASE WHEN ${p} >= 0.5 THEN '${positive}' ELSE '${negative}' END,
  'probability', json_object('${negative}', 1.0 - ${p}, '${positive}', ${p})))`;
}

/** Trains in Python on the input rows; rejects with Snowflake's error shape when it cannot. */
export function trainClassification(request: CreateClassification, input: CallRows): Promise<TrainedClassification> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [TRAINER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve(JSON.parse(stdout) as TrainedClassification);
      else reject(new RoutineError('100357', 'P0000', `Classification training failed: ${stderr.trim().split('\n').at(-1) ?? `status ${status}`}`));
    });
    child.stdin.end(JSON.stringify({ columns: input.columns, rows: input.rows, target: request.target, test_fraction: request.testFraction }));
  });
}

/** The documented result columns of each evaluation method. */
export const EVALUATION_COLUMNS = {
  SHOW_EVALUATION_METRICS: ['DATASET_TYPE', 'CLASS', 'ERROR_METRIC', 'METRIC_VALUE', 'LOGS'],
  SHOW_GLOBAL_EVALUATION_METRICS: ['DATASET_TYPE', 'AVERAGE_TYPE', 'ERROR_METRIC', 'METRIC_VALUE', 'LOGS'],
} as const;
