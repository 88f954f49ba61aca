/**
 * `algorithm: snowflake_ml_classification` without a warehouse: what `mlc compile` writes
 * for each target, and what `mlc plan` says the embedded target does instead.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';
import { ML_FUNCTION_MODEL } from './ml-function-model.js';

let dir = '';

beforeAll(() => {
  dir = copyExample();
  writeFileSync(path.join(dir, 'models/customer_classification_mlf.yml'), ML_FUNCTION_MODEL);
  const compiled = mlc(['compile'], dir);
  expect(compiled.status, compiled.stderr).toBe(0);
});

function compiled(target: string, file: string): string {
  return readFileSync(path.join(dir, 'compiled', target, file), 'utf8');
}

describe('an ML Functions model', () => {
  test('compiles for Snowflake to CREATE SNOWFLAKE.ML.CLASSIFICATION with evaluation, its read-back and PREDICT', () => {
    const sql = compiled('snowflake', 'model/customer_classification_mlf.sql');
    expect(sql).toContain(`CREATE OR REPLACE VIEW mlc_mlf_input_customer_classification_mlf AS
SELECT total_spend, total_transactions, customer_tenure_days, days_since_last_order, high_value_customer
FROM training_data;`);
    expect(sql).toContain(`CREATE OR REPLACE SNOWFLAKE.ML.CLASSIFICATION customer_classification_mlf(
  INPUT_DATA => SYSTEM$REFERENCE('VIEW', 'mlc_mlf_input_customer_classification_mlf'),
  TARGET_COLNAME => 'HIGH_VALUE_CUSTOMER',
  CONFIG_OBJECT => {'evaluate': TRUE, 'on_error': 'SKIP', 'evaluation_config': {'test_fraction': 0.2}});`);
    expect(sql).toContain('CALL customer_classification_mlf!SHOW_EVALUATION_METRICS();');
    expect(sql).toContain('CALL customer_classification_mlf!SHOW_GLOBAL_EVALUATION_METRICS();');
    expect(sql).toContain(
      "customer_classification_mlf!PREDICT(INPUT_DATA => OBJECT_CONSTRUCT('TOTAL_SPEND', total_spend, 'TOTAL_TRANSACTIONS', total_transactions, 'CUSTOMER_TENURE_DAYS', customer_tenure_days, 'DAYS_SINCE_LAST_ORDER', days_since_last_order)):probability:\"1\"::FLOAT",
    );
    expect(sql).not.toContain('LANGUAGE PYTHON');
    // The batch scoring calls the real-time function, which is the PREDICT call.
    expect(compiled('snowflake', 'scoring/customer_scores_mlf.sql')).toContain('predict_customer_value_mlf(total_spend, total_transactions, customer_tenure_days, days_since_last_order)');
  });

  test('the embedded target reads the training set for its own learner, and the plan says so', () => {
    expect(compiled('embedded', 'model/customer_classification_mlf.sql')).not.toContain('SNOWFLAKE.ML');
    const plan = mlc(['plan'], dir);
    expect(plan.stdout).toMatch(/create\s+model customer_classification_mlf\s+\(not built yet; trains gradient_boosting locally for snowflake_ml_classification\)/);
    expect(plan.stdout).toMatch(/create\s+model customer_classification\s+\(not built yet\)\n/);
    const json = mlc(['plan', '--json', '--select', 'customer_classification_mlf'], dir);
    expect(JSON.parse(json.stdout.trim())).toEqual({
      id: 'model.customer_classification_mlf',
      action: 'create',
      reason: 'not built yet; trains gradient_boosting locally for snowflake_ml_classification',
    });
  });

  test('snowflake_ml_regression has no ML Function: it trains in the Python procedure', () => {
    const copy = copyExample();
    writeFileSync(
      path.join(copy, 'models/spend_mlf.yml'),
      ML_FUNCTION_MODEL.replace('target: high_value_customer', 'target: total_spend')
        .replace('features: [total_spend, ', 'features: [')
        .replace('task: binary', 'task: regression')
        .replace('snowflake_ml_classification', 'snowflake_ml_regression')
        .replace('promote: { metric: auc_roc, min: 0.7 }', 'promote: { metric: rmse }')
        .replace(/serving:[\s\S]*$/, ''),
    );
    expect(mlc(['compile'], copy).status).toBe(0);
    const sql = readFileSync(path.join(copy, 'compiled/snowflake/model/spend_mlf.sql'), 'utf8');
    expect(sql).toContain('CREATE OR REPLACE PROCEDURE mlc_train_spend_mlf(');
    expect(sql).toContain('"algorithm": "gradient_boosting"');
    expect(sql).not.toContain('SNOWFLAKE.ML');
  });
});
