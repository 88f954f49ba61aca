import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mlc } from '../support/cli.js';
import { query, writeProject } from './project.js';

const MLC_YML = `name: shop
sources:
  orders:
    file: data/orders.csv
    columns: [order_id, customer_id, amount, status]
  customers:
    file: data/customers.csv
    columns: [customer_id]
`;

const ORDERS = 'order_id,customer_id,amount,status\n1,1,10,open\n2,1,20,closed\n3,2,-5,open\n4,,30,weird\n5,9,40,open\n';

/** Two copies of the orders, one whose tests all pass and one where each kind fails. */
const GOOD_TESTS = `-- tests:
--   order_id: [unique, not_null]
--   status: [{ accepted_values: { values: [open, closed, weird] } }]
--   amount: [{ range: { min: -10, max: 100 } }]
--   customer_id: [{ relationships: { to: customers, column: customer_id } }]
-- assertions:
--   - { name: no_huge_amount, sql: "SELECT * FROM feature_store.good_orders WHERE IFF(amount > 1000, TRUE, FALSE)" }
`;
const BAD_TESTS = `-- tests:
--   customer_id: [unique, not_null, { relationships: { to: customers, column: customer_id } }]
--   status: [{ accepted_values: { values: [open, closed] } }]
--   amount: [{ range: { min: 0 } }]
-- assertions:
--   - { name: no_big_amount, sql: "SELECT * FROM feature_store.bad_orders WHERE IFF(amount > 35, TRUE, FALSE)" }
`;

interface TestLine {
  node: string;
  test: string;
  outcome: 'pass' | 'warn' | 'fail';
  message?: string;
}

describe('data tests', () => {
  const dir = writeProject({
    'mlc.yml': MLC_YML,
    'data/orders.csv': ORDERS,
    'data/customers.csv': 'customer_id\n1\n2\n3\n9\n',
    'features/good_orders.sql': 'SELECT * FROM orders\n',
    'features/bad_orders.sql': 'SELECT * FROM orders\n',
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const feature = (name: string): string => path.join(dir, 'features', `${name}.sql`);

  test('mlc test runs every kind against the built tables: each passes on good data and fails on bad, with counts and samples', () => {
    const built = mlc(['run'], dir);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    writeFileSync(feature('good_orders'), `${GOOD_TESTS}\nSELECT * FROM orders\n`);
    writeFileSync(feature('bad_orders'), `${BAD_TESTS}\nSELECT * FROM orders\n`);
    const result = mlc(['test', '--json'], dir);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as TestLine);
    const outcome = (node: string, kind: string): TestLine | undefined => lines.find((l) => l.node === node && l.test.startsWith(kind));
    for (const kind of ['unique(order_id)', 'not_null(order_id)', 'accepted_values', 'range', 'relationships', 'no_huge_amount']) {
      expect(outcome('feature.good_orders', kind)?.outcome, kind).toBe('pass');
    }
    // The customers table was built with 9 in it; the bad node's relationships test reads it as built.
    expect(outcome('feature.bad_orders', 'unique(customer_id)')).toMatchObject({ outcome: 'fail' });
    expect(outcome('feature.bad_orders', 'unique(customer_id)')!.message).toContain('1 offending row, e.g. {"customer_id":1,"occurrences":2}');
    expect(outcome('feature.bad_orders', 'not_null')!.message).toMatch(/1 offending row, e\.g\. \{"order_id":4,"customer_id":null/);
    expect(outcome('feature.bad_orders', 'accepted_values')!.message).toContain('"status":"weird"');
    expect(outcome('feature.bad_orders', 'range')!.message).toContain('"amount":-5');
    expect(outcome('feature.bad_orders', 'no_big_amount')!.message).toContain('"amount":40');
    expect(outcome('feature.bad_orders', 'relationships')!.outcome).toBe('pass');
    expect(result.status).toBe(1);

    writeFileSync(path.join(dir, 'data/customers.csv'), 'customer_id\n1\n2\n');
    expect(mlc(['run', '--select', 'customers'], dir).status).toBe(0);
    const again = mlc(['test', '--select', 'bad_orders', '--json'], dir);
    const relationships = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as TestLine).find((l) => l.test.startsWith('relationships'))!;
    expect(relationships.outcome).toBe('fail');
    expect(relationships.message).toContain('"customer_id":9');
  });

  test('during a run a failing error test fails the node, keeps the old table and skips descendants; a warn test only reports', async () => {
    writeFileSync(feature('good_orders'), `-- tests:\n--   customer_id: [{ not_null: { severity: warn } }]\n\nSELECT * FROM orders\n`);
    writeFileSync(feature('bad_orders'), `-- tests:\n--   customer_id: [not_null]\n\nSELECT * FROM orders\n`);
    writeFileSync(feature('bad_child'), 'SELECT order_id FROM feature_store.bad_orders\n');
    writeFileSync(path.join(dir, 'data/orders.csv'), `${ORDERS}6,3,50,open\n`);
    const run = mlc(['run'], dir);
    expect(run.status).toBe(1);
    const output = run.stdout + run.stderr;
    expect(output).toContain('data test not_null(customer_id) failed: 1 offending row, e.g. {"order_id":4,"customer_id":null');
    expect(output).toContain('WARN  features/good_orders.sql  data test not_null(customer_id) failed: 1 offending row');
    expect(output).toMatch(/1 skipped/);
    // The old table is still there (five rows, not six): the failed build rolled back.
    expect(await query(dir, 'SELECT COUNT(*)::INT AS n FROM feature_store.bad_orders')).toEqual([{ n: 5 }]);
    expect(await query(dir, 'SELECT COUNT(*)::INT AS n FROM feature_store.good_orders')).toEqual([{ n: 6 }]);
  });

  test('a relationships test naming an unknown node is a compile error at its line', () => {
    writeFileSync(feature('bad_orders'), `-- tests:\n--   customer_id: [{ relationships: { to: custmers, column: customer_id } }]\n\nSELECT * FROM orders\n`);
    const compile = mlc(['compile'], dir);
    expect(compile.status).toBe(1);
    expect(compile.stderr).toContain("features/bad_orders.sql:2:43: error: the relationships test of customer_id names 'custmers'");
    expect(compile.stderr).toContain("did you mean 'customers'?");
    expect(readFileSync(feature('bad_orders'), 'utf8')).toContain('custmers');
  });
});
