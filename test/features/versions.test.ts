import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';
import { query } from './project.js';

describe('feature versions on the example project', () => {
  const dir = copyExample();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'features/customer_features.sql');

  test('each version is a table under a stable view; the seed names keep their columns', async () => {
    const run = mlc(['run'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("is derived from feature 'total_spend'");
    const objects = await query(dir, "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'feature_store' ORDER BY table_name");
    expect(objects).toEqual([
      { table_name: 'customer_features', table_type: 'VIEW' },
      { table_name: 'customer_features__v1', table_type: 'BASE TABLE' },
      { table_name: 'customer_features_v2', table_type: 'VIEW' },
      { table_name: 'customer_features_v2__v2', table_type: 'BASE TABLE' },
    ]);
    const columns = await query(dir, "SELECT column_name FROM information_schema.columns WHERE table_name = 'customer_features_v2' ORDER BY ordinal_position");
    expect(columns.map((c) => c.column_name)).toEqual([
      'customer_id',
      'total_transactions',
      'total_spend',
      'avg_transaction_amount',
      'max_transaction_amount',
      'customer_tenure_days',
      'days_since_last_order',
      'active_months',
      'unique_categories_purchased',
      'daily_spend_rate',
      'transactions_per_month',
    ]);
    expect(JSON.parse(readFileSync(path.join(dir, 'features.lock'), 'utf8'))).toMatchObject({ customer_features__v1: { models: ['customer_classification v1'] } });
    // --full-refresh starts incremental features over, never the scoring history.
    expect(mlc(['run', '-s', 'customer_scores', '--full-refresh'], dir).status).toBe(0);
    expect(await query(dir, 'SELECT COUNT(DISTINCT run_id)::INT AS batches FROM customer_scores')).toEqual([{ batches: 2 }]);
  });

  test('editing a version a registered model used fails the compile naming the model version; bumping the version builds it', async () => {
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('SUM(amount) as total_spend', 'SUM(amount) * 1.1 as total_spend'));
    const compile = mlc(['compile'], dir);
    expect(compile.status).toBe(1);
    expect(compile.stderr).toContain('features/customer_features.sql:5:1: error: customer_features version 1 is immutable: customer_classification v1 was trained on it');
    expect(compile.stderr).toContain('set `version: 2`');
    expect(mlc(['run'], dir).status).toBe(1);

    writeFileSync(file, original.replace('SUM(amount) as total_spend', 'SUM(amount) * 1.1 as total_spend').replace('-- entity: customer\n', '-- entity: customer\n-- version: 2\n'));
    expect(mlc(['compile'], dir).status).toBe(0);
    const run = mlc(['run'], dir);
    expect(run.status).toBe(0);
    const [latest] = await query(dir, 'SELECT MAX(total_spend) AS latest FROM feature_store.customer_features');
    const [pinned] = await query(dir, 'SELECT MAX(total_spend) AS pinned FROM feature_store.customer_features__v1');
    expect(Number(latest!.latest)).toBeCloseTo(Number(pinned!.pinned) * 1.1, 6);
    expect(JSON.parse(readFileSync(path.join(dir, 'features.lock'), 'utf8'))).toMatchObject({
      customer_features__v1: { models: ['customer_classification v1'] },
      customer_features__v2: { models: ['customer_classification v2'] },
    });
  });
});
