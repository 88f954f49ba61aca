import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { splitOf, splitPython, splitSql } from '../../src/ml/index.js';

describe('splits', () => {
  it('assigns the same key to the same split every time', () => {
    expect(splitOf('customer-17', 42, 0.2, 0.1)).toBe(splitOf('customer-17', 42, 0.2, 0.1));
    const changed = Array.from({ length: 200 }, (_, i) => splitOf(`k${i}`, 1, 0.5, 0) !== splitOf(`k${i}`, 2, 0.5, 0)).filter(Boolean);
    expect(changed.length).toBeGreaterThan(50);
  });

  it('keeps the requested proportions', () => {
    const counts = { train: 0, validation: 0, test: 0 };
    for (let i = 0; i < 20_000; i++) counts[splitOf(String(i), 7, 0.2, 0.1)]++;
    expect(counts.test / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.validation / 20_000).toBeCloseTo(0.1, 1);
    expect(Math.abs(counts.test - 4000)).toBeLessThan(250);
  });

  it('gives the same split in DuckDB SQL as in TypeScript', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const sql = splitSql('k', 42, 0.2, 0.1, 'duckdb');
      const reader = await connection.runAndReadAll(`SELECT k, ${sql} AS split FROM range(5000) r(k) ORDER BY k`);
      const rows = reader.getRowObjectsJS();
      const mismatches = rows.filter((row) => splitOf(String(row.k), 42, 0.2, 0.1) !== row.split);
      expect(rows).toHaveLength(5000);
      expect(mismatches).toEqual([]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('writes the Snowflake and Python forms of the same rule', () => {
    expect(splitSql('customer_id', 42, 0.2, 0.1, 'snowflake')).toContain(`TO_NUMBER(SUBSTR(MD5('42:' || CAST(customer_id AS VARCHAR)), 1, 8), '${'X'.repeat(8)}')`);
    expect(splitPython('key', 42, 0.2, 0.1)).toBe(
      "(lambda u: 'test' if u < 0.2 else ('validation' if u < 0.30000000000000004 else 'train'))(int(hashlib.md5((\"42:\" + str(key)).encode()).hexdigest()[:8], 16) / 4294967296)",
    );
    expect(() => splitOf('x', 1, 0.6, 0.5)).toThrow(/leave rows to train/);
  });
});
