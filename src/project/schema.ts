/**
 * The shapes of a project's files. The same zod schemas validate the files and export
 * JSON Schema for editors (`mlc schema`).
 */

import { z } from 'zod';

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'must be a SQL identifier: letters, digits, _ and $, not starting with a digit');

const cron = z.string().min(1);

export const scheduleSchema = z.union([
  cron,
  z.strictObject({
    cron,
    timezone: z.string().default('UTC'),
    catch_up: z.boolean().default(false).describe('run a missed schedule once when the scheduler starts late'),
  }),
]);

export const duckdbTargetSchema = z.strictObject({
  type: z.literal('duckdb'),
  path: z.string().default('.mlc/warehouse.duckdb').describe('database file, relative to the project'),
  threads: z.number().int().positive().optional(),
});

/** Snowflake settings are validated by the Snowflake target itself; here only their envelope. */
export const snowflakeTargetEnvelope = z.looseObject({ type: z.literal('snowflake') });

export const targetSchema = z.discriminatedUnion('type', [duckdbTargetSchema, snowflakeTargetEnvelope]);

export const sourceSchema = z.strictObject({
  description: z.string().optional(),
  schema: identifier.optional().describe('schema of the raw table; the default schema when omitted'),
  table: identifier.optional().describe('physical table name; the source key when omitted'),
  file: z.string().optional().describe('CSV or Parquet file loaded as this table on the embedded target'),
  columns: z.array(identifier).optional().describe('the columns, for `SELECT *` and lineage'),
  freshness_column: identifier.optional(),
});

export const entitySchema = z.strictObject({
  join_keys: z.array(identifier).min(1),
  description: z.string().optional(),
});

export const projectSchema = z.strictObject({
  name: identifier,
  version: z.number().int().positive().default(1),
  target: z.string().default('embedded').describe('the target used when --target is not given'),
  threads: z.number().int().positive().max(64).default(4),
  schemas: z
    .strictObject({
      features: identifier.default('feature_store'),
      meta: identifier.default('mlc_meta'),
    })
    .default({ features: 'feature_store', meta: 'mlc_meta' }),
  targets: z.record(z.string(), targetSchema).default({ embedded: { type: 'duckdb', path: '.mlc/warehouse.duckdb' } }),
  registry: z
    .strictObject({
      table: identifier.default('model_registry'),
      versions_view: identifier.default('model_versions'),
      evaluation_table: identifier.default('classification_model_output'),
    })
    .default({ table: 'model_registry', versions_view: 'model_versions', evaluation_table: 'classification_model_output' }),
  entities: z.record(identifier, entitySchema).default({}),
  sources: z.record(identifier, sourceSchema).default({}),
});

export const materializations = ['table', 'view', 'incremental', 'dynamic'] as const;

/** The YAML config block at the top of a feature SQL file. */
const severity = z.enum(['error', 'warn']);

/** A column test: a name, or a one-key mapping of a name to its arguments. */
export const columnTestSchema = z.union([
  z.enum(['unique', 'not_null']),
  z.strictObject({ unique: z.strictObject({ severity: severity.default('error') }) }),
  z.strictObject({ not_null: z.strictObject({ severity: severity.default('error') }) }),
  z.strictObject({ accepted_values: z.strictObject({ values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1), severity: severity.default('error') }) }),
  z.strictObject({ range: z.strictObject({ min: z.number().optional(), max: z.number().optional(), severity: severity.default('error') }) }),
  z.strictObject({ relationships: z.strictObject({ to: identifier, column: identifier, severity: severity.default('error') }) }),
]);

export const assertionSchema = z.strictObject({
  name: identifier,
  sql: z.string().min(1).describe("a query returning the offending rows; it reads the node's table by its name"),
  severity: severity.default('error'),
});

export const featureConfigSchema = z.strictObject({
  kind: z.enum(['feature', 'dataset']).default('feature'),
  description: z.string().optional(),
  schema: identifier.optional().describe('defaults to schemas.features for features, the default schema for datasets'),
  entity: identifier.optional(),
  version: z.number().int().positive().default(1),
  timestamp: identifier.optional().describe('the event time column of a time-series feature or a point-in-time training set'),
  materialized: z.enum(materializations).default('table'),
  unique_key: z
    .union([identifier, z.array(identifier).min(1)])
    .optional()
    .describe('incremental: merge new rows by this key; without it, rows newer than the latest `timestamp` are appended'),
  target_lag: z
    .string()
    .regex(/^(DOWNSTREAM|\d+ (seconds?|minutes?|hours?|days?))$/i, "must be '<n> seconds|minutes|hours|days' or DOWNSTREAM")
    .default('1 hour')
    .describe('dynamic: how stale the Snowflake dynamic table may be'),
  features: z
    .array(z.strictObject({ from: identifier.describe('a time-series feature node'), columns: z.array(identifier).min(1) }))
    .default([])
    .describe("a point-in-time training set: this file's query is the spine (entity keys, `timestamp`, label); each feature's columns join as of the spine's event time"),
  tags: z.array(z.string()).default([]),
  schedule: scheduleSchema.optional(),
  tests: z.record(identifier, z.array(columnTestSchema)).default({}).describe('per column: unique, not_null, accepted_values, range, relationships'),
  assertions: z.array(assertionSchema).default([]).describe('custom SQL checks returning offending rows'),
});

export const algorithms = [
  'logistic_regression',
  'linear_regression',
  'gradient_boosting',
  'random_forest',
  'snowflake_ml_classification',
  'snowflake_ml_regression',
] as const;

export const modelSchema = z.strictObject({
  description: z.string().optional(),
  training_data: identifier.describe('the feature or dataset node the model trains on'),
  entity: identifier.describe('the key column of a training row'),
  target: identifier.describe('the label column'),
  features: z.array(identifier).optional().describe('default: every column but the entity key and the target'),
  task: z.enum(['binary', 'multiclass', 'regression']).default('binary'),
  algorithm: z.enum(algorithms),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).default({}),
  training_parameters: z
    .strictObject({
      MAX_ITERATIONS: z.number().int().positive().optional(),
      TEST_SPLIT: z.number().min(0).lt(1).optional(),
      VALIDATION_SPLIT: z.number().min(0).lt(1).optional(),
    })
    .optional()
    .describe("the seed document's ML Functions parameters, accepted as aliases"),
  split: z
    .strictObject({
      test: z.number().min(0).lt(1).default(0.2),
      validation: z.number().min(0).lt(1).default(0.1),
      seed: z.number().int().default(42),
    })
    .default({ test: 0.2, validation: 0.1, seed: 42 }),
  class_weight: z.union([z.literal('balanced'), z.record(z.string(), z.number().positive())]).optional(),
  promote: z
    .strictObject({
      metric: z.string().default('auc_roc'),
      min: z.number().optional(),
      margin: z.number().min(0).default(0),
      minimums: z.record(z.string(), z.number()).default({}),
      ab_auto: z.boolean().default(false).describe('`mlc ab report` promotes a challenger that wins the A/B test with significance'),
    })
    .default({ metric: 'auc_roc', margin: 0, minimums: {}, ab_auto: false }),
  schedule: scheduleSchema.optional(),
  serving: z
    .strictObject({
      batch: z
        .strictObject({
          table: identifier,
          schema: identifier.optional(),
          input: identifier.optional().describe('the node whose rows are scored; default: the training data'),
          threshold: z.number().min(0).max(1).default(0.5),
          labels: z.tuple([z.string(), z.string()]).default(['0', '1']),
          schedule: scheduleSchema.optional(),
        })
        .optional(),
      realtime: z.strictObject({ function: identifier }).optional(),
      ab: z.strictObject({ challenger_share: z.number().gt(0).lt(1) }).optional(),
    })
    .default({}),
});

const driftMethods = ['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift', 'chi_square'] as const;
const alertSeverity = z.enum(['warning', 'error']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date: YYYY-MM-DD');

export const monitorSchema = z.strictObject({
  description: z.string().optional(),
  model: identifier,
  table: identifier.default('model_monitoring').describe('where the per-period performance goes'),
  tables: z
    .strictObject({
      drift: identifier.default('feature_drift'),
      quality: identifier.default('data_quality'),
      alerts: identifier.default('alerts'),
    })
    .default({ drift: 'feature_drift', quality: 'data_quality', alerts: 'alerts' })
    .describe('shared by every monitor: their rows carry a `monitor` column'),
  scores: z
    .strictObject({ table: identifier.describe('a source or node with the scores table columns plus the feature columns') })
    .optional()
    .describe('the scored rows to monitor; default: the batch scores joined to the scoring input'),
  actuals: z.strictObject({
    table: identifier.describe('a source or node holding the outcomes'),
    key: identifier,
    label: identifier,
    at: identifier.optional().describe('outcome time column'),
  }),
  granularity: z.enum(['day', 'week', 'month']).default('day'),
  performance: z
    .strictObject({
      metrics: z.array(z.string()).default(['accuracy', 'f1_score', 'auc_roc']),
      alert: z.record(z.string(), z.number()).default({}).describe('<metric>_drop, min_<metric> or max_<metric>'),
      severity: alertSeverity.default('error'),
    })
    .default({ metrics: ['accuracy', 'f1_score', 'auc_roc'], alert: {}, severity: 'error' }),
  drift: z
    .strictObject({
      features: z.array(identifier).optional().describe("default: the model's features"),
      categorical: z.array(identifier).default([]).describe('features compared as categories'),
      method: z.union([z.enum(driftMethods), z.array(z.enum(driftMethods)).min(1)]).default('psi'),
      threshold: z.number().positive().optional().describe('the threshold of the one method named'),
      thresholds: z.partialRecord(z.enum([...driftMethods, 'cramers_v']), z.number().positive()).default({}),
      reference: z
        .union([z.enum(['training', 'rolling']), z.strictObject({ start: isoDate, end: isoDate })])
        .default('training')
        .describe('training data, the scored rows before the current window, or scored rows between two dates'),
      window_days: z.number().int().positive().default(7),
      predictions: z.boolean().default(true).describe('also compare the score distribution'),
      sample: z.number().gt(0).lt(1).optional().describe('share of entities drawn, by a hash of the model entity key, before comparing features: for large tables (every drift statistic becomes an estimate)'),
      severity: alertSeverity.default('error'),
    })
    .optional(),
  quality: z
    .strictObject({
      features: z.array(identifier).optional().describe('default: the drift features, else the model\'s'),
      max_null_rate: z.number().min(0).max(1).optional(),
      max_out_of_range: z.number().min(0).max(1).optional(),
      max_unseen_categories: z.number().min(0).max(1).optional(),
      max_row_count_change: z.number().min(0).optional(),
      severity: alertSeverity.default('warning'),
    })
    .optional(),
  on_alert: z
    .string()
    .regex(/^(retrain|notify)\s+[A-Za-z_][A-Za-z0-9_]*$/, 'must be "retrain <model>" or "notify <notification integration>"')
    .optional(),
  schedule: scheduleSchema.optional(),
});

export type ProjectConfig = z.infer<typeof projectSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type FeatureConfig = z.infer<typeof featureConfigSchema>;
export type ModelSpec = z.infer<typeof modelSchema>;
export type MonitorSpec = z.infer<typeof monitorSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type ColumnTest = z.infer<typeof columnTestSchema>;
export type Assertion = z.infer<typeof assertionSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;
