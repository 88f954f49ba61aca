import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { abUnit, abUnitSql, variantOf } from '../../src/serve/index.js';

test('the A/B bucket of 10,000 keys is the same in DuckDB SQL and in JS', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT k, ${abUnitSql('customer_classification', 'k', 'duckdb')} AS u FROM range(10000) t(k) ORDER BY k`,
    );
    const rows = reader.getRowObjectsJS() as { k: bigint; u: number }[];
    expect(rows).toHaveLength(10000);
    let challengers = 0;
    for (const row of rows) {
      expect(row.u).toBe(abUnit('customer_classification', Number(row.k)));
      if (variantOf('customer_classification', Number(row.k), 0.1) === 'challenger') challengers++;
    }
    // A 10% share routes about 10% of keys: the rule is a fair hash, not a prefix of the key range.
    expect(challengers).toBeGreaterThan(900);
    expect(challengers).toBeLessThan(1100);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});
