/**
 * `promote.ab_auto`: a challenger that wins the A/B test with significance is promoted
 * by `mlc ab report`; the real-time function then serves it.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';

test('a significantly better challenger is promoted by mlc ab report when the policy says so', () => {
  const dir = copyExample();
  const file = path.join(dir, 'models/customer_classification.yml');
  const original = readFileSync(file, 'utf8');
  const weak = original
    .replace('features: [total_spend, total_transactions, customer_tenure_days, days_since_last_order]', 'features: [customer_tenure_days]')
    .replace('promote: { metric: auc_roc, min: 0.7 }', 'promote: { metric: auc_roc, ab_auto: true }')
    .replace('realtime: { function: predict_customer_value }', 'realtime: { function: predict_customer_value }\n  ab: { challenger_share: 0.5 }');
  writeFileSync(file, weak);
  expect(mlc(['run', '--exclude', 'kind:monitor'], dir).stdout).toMatch(/v1 champion/);
  writeFileSync(file, weak.replace('features: [customer_tenure_days]', 'features: [total_spend, total_transactions, customer_tenure_days, days_since_last_order]'));
  const second = mlc(['run', '--exclude', 'kind:monitor'], dir);
  expect(second.stdout).toMatch(/v2 challenger/);
  const report = mlc(['ab', 'report', 'customer_classification'], dir);
  expect(report.status).toBe(0);
  expect(report.stdout).toContain('promote the challenger');
  expect(report.stdout).toContain('promoted (promote.ab_auto): v1 champion -> archived, v2 challenger -> champion');
  const list = JSON.parse(mlc(['models', 'list', 'customer_classification', '--json'], dir).stdout) as { version: string; status: string }[];
  expect(Object.fromEntries(list.map((v) => [v.version, v.status]))).toEqual({ v1: 'ARCHIVED', v2: 'CHAMPION' });
});
