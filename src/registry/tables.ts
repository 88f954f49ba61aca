/**
 * The model registry's tables, as the seed document names them: `model_registry` (one
 * row per trained version), the `model_versions` view ranking versions by date, and
 * `classification_model_output` (metrics per version, per split).
 */

import type { ProjectConfig } from '../project/schema.js';
import { translateToDuckDb } from '../sql/translate/index.js';
import type { Dialect } from '../targets/target.js';

export interface RegistryNames {
  table: string;
  view: string;
  evaluation: string;
}

export function registryNames(config: ProjectConfig): RegistryNames {
  return { table: config.registry.table, view: config.registry.versions_view, evaluation: config.registry.evaluation_table };
}

/** Column types: Snowflake's names, and DuckDB's equivalents. */
const DUCKDB_TYPES: Record<string, string> = { STRING: 'VARCHAR', TIMESTAMP_NTZ: 'TIMESTAMP', VARIANT: 'JSON', FLOAT: 'DOUBLE', INTEGER: 'BIGINT' };

function columnDefinition(line: string, dialect: Dialect): string {
  const [column, type] = line.trim().split(/\s+/) as [string, string];
  return `${column} ${dialect === 'duckdb' ? (DUCKDB_TYPES[type] ?? type) : type}`;
}

function createTable(name: string, spec: string, dialect: Dialect): string {
  const columns = spec
    .trim()
    .split('\n')
    .map((line) => `  ${columnDefinition(line, dialect)}`);
  return `CREATE TABLE IF NOT EXISTS ${name} (\n${columns.join(',\n')}\n)`;
}

const REGISTRY_COLUMNS = `
model_id INTEGER
model_name STRING
model_version STRING
version_number INTEGER
model_binary STRING
training_date TIMESTAMP_NTZ
performance_metrics VARIANT
feature_columns VARIANT
status STRING
algorithm STRING
params VARIANT
artifact_hash STRING
training_rows INTEGER
training_fingerprint STRING
code_version STRING
feature_fingerprints VARIANT
previous_champion STRING`;

/** Every registry column, in table order. */
export const REGISTRY_INSERT_COLUMNS = REGISTRY_COLUMNS.trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/)[0]!);

/** Columns added after the first release: tables created before them gain them in place. */
const ADDED_COLUMNS = new Set(['feature_fingerprints', 'previous_champion']);

const EVALUATION_COLUMNS = `
model_name STRING
model_version STRING
training_accuracy FLOAT
validation_accuracy FLOAT
test_accuracy FLOAT
f1_score FLOAT
auc_roc FLOAT
evaluated_at TIMESTAMP_NTZ`;

/** The seed's model_versions view as the document writes it; the embedded target runs its translation. */
function versionsView(names: RegistryNames, dialect: Dialect): string {
  const sql = `CREATE OR REPLACE VIEW ${names.view} AS
SELECT
model_name,
model_version,
training_date,
performance_metrics:accuracy::FLOAT as accuracy,
performance_metrics:f1_score::FLOAT as f1_score,
status,
ROW_NUMBER() OVER (
PARTITION BY model_name
ORDER BY training_date DESC
) as version_rank
FROM ${names.table}`;
  return dialect === 'duckdb' ? translateToDuckDb(sql).sql : sql;
}

export function registryDdl(names: RegistryNames, dialect: Dialect): string[] {
  return [
    createTable(names.table, REGISTRY_COLUMNS, dialect),
    ...REGISTRY_COLUMNS.trim()
      .split('\n')
      .filter((line) => ADDED_COLUMNS.has(line.trim().split(/\s+/)[0]!))
      .map((line) => `ALTER TABLE ${names.table} ADD COLUMN IF NOT EXISTS ${columnDefinition(line, dialect)}`),
    createTable(names.evaluation, EVALUATION_COLUMNS, dialect),
    versionsView(names, dialect),
  ];
}
