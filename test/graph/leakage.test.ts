import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';

test("the seed's model warns that its target is derived from its feature total_spend, with both locations", () => {
  const dir = copyExample();
  const result = mlc(['compile'], dir);
  expect(result.status).toBe(0);
  const text = readFileSync(path.join(dir, 'features/training_data.sql'), 'utf8').split('\n');
  const targetLine = text.findIndex((l) => /as high_value_customer/.test(l)) + 1;
  const featureLine = text.findIndex((l) => /^total_spend,/.test(l)) + 1;
  expect(result.stderr).toContain(
    `features/training_data.sql:${targetLine}:8: warning: target 'high_value_customer' of model 'customer_classification' is derived from feature 'total_spend' (features/training_data.sql:${featureLine}:1)`,
  );
  expect(result.stderr).toContain("training set 'training_data' has no event timestamp");
});

test('no leakage warning once the target no longer derives from a feature', () => {
  const dir = copyExample();
  const model = path.join(dir, 'models/customer_classification.yml');
  writeFileSync(model, readFileSync(model, 'utf8').replace('features: [total_spend, total_transactions, customer_tenure_days, days_since_last_order]', 'features: [total_transactions, customer_tenure_days, days_since_last_order]'));
  const result = mlc(['compile'], dir);
  expect(result.status).toBe(0);
  expect(result.stderr).not.toContain('target-leakage');
  expect(result.stderr).not.toContain("is derived from feature");
});
