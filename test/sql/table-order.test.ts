import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../src/sql/index.js';

describe('the tables a query reads', () => {
  it('are listed in text order, each at its first occurrence, whatever order the query resolves them in', () => {
    // The final SELECT reads `later` first, so `raw.t1` is met before `raw.t2`, and again at the end.
    const sql = 'WITH early AS (SELECT id FROM raw.t2),\nlater AS (SELECT id FROM raw.t1)\nSELECT l.id FROM later l JOIN early e ON e.id = l.id JOIN raw.t1 x ON x.id = l.id';
    const { tables } = analyzeQuery(sql);
    expect(tables.map((t) => [t.relation.name, t.line, t.offset])).toEqual([
      ['t2', 1, sql.indexOf('raw.t2')],
      ['t1', 2, sql.indexOf('raw.t1')],
    ]);
  });

  it('tells the same schema and name in two databases apart', () => {
    const { tables } = analyzeQuery('SELECT a.id FROM db1.s.t a JOIN db2.s.t b ON a.id = b.id JOIN db1.s.t c ON c.id = a.id');
    expect(tables.map((t) => t.relation)).toEqual([
      { database: 'db1', schema: 's', name: 't' },
      { database: 'db2', schema: 's', name: 't' },
    ]);
  });
});
