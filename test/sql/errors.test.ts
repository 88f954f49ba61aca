import { describe, expect, it } from 'vitest';
import { analyzeQuery, sqlProblemToDiagnostic } from '../../src/sql/index.js';

describe('analyzeQuery errors are values with locations', () => {
  it('reports an unclosed parenthesis where it opens', () => {
    const { errors, tables } = analyzeQuery('SELECT a,\n  COUNT(b FROM t');
    expect(tables).toEqual([]);
    expect(errors).toMatchObject([{ code: 'sql-unbalanced', line: 2, col: 8 }]);
  });

  it('reports a stray closing parenthesis', () => {
    expect(analyzeQuery('SELECT a) FROM t').errors).toMatchObject([{ code: 'sql-unbalanced', line: 1, col: 9 }]);
  });

  it('rejects a statement that is not a query, with a hint for CREATE ... AS', () => {
    expect(analyzeQuery('-- cleanup\nDELETE FROM x WHERE id = 1').errors).toMatchObject([
      { code: 'sql-not-a-query', line: 2, col: 1, message: "expected a query, found 'DELETE'" },
    ]);
    const create = analyzeQuery('CREATE OR REPLACE TABLE t AS SELECT 1 AS a').errors[0]!;
    expect(create.code).toBe('sql-not-a-query');
    expect(create.hint).toMatch(/only the SELECT/);
  });

  it('turns tokenizer errors into problems', () => {
    expect(analyzeQuery("SELECT 'unclosed FROM t").errors).toMatchObject([{ code: 'sql-syntax', line: 1, col: 8 }]);
    expect(analyzeQuery('SELECT a /* never closed').errors).toMatchObject([{ code: 'sql-syntax' }]);
  });

  it('rejects empty SQL and a second statement', () => {
    expect(analyzeQuery('  -- only a comment\n').errors).toMatchObject([{ code: 'sql-empty' }]);
    expect(analyzeQuery('SELECT 1 AS a;\nSELECT 2 AS b;').errors).toMatchObject([{ code: 'sql-multiple-statements', line: 2, col: 1 }]);
  });

  it('reports a missing comma between columns and a dangling comma', () => {
    expect(analyzeQuery('SELECT a b c FROM t').errors).toMatchObject([{ code: 'sql-parse', col: 10 }]);
    expect(analyzeQuery('SELECT a, FROM t').errors).toMatchObject([{ code: 'sql-parse', col: 11 }]);
  });

  it('reports an empty clause', () => {
    expect(analyzeQuery('SELECT a FROM t WHERE').errors).toMatchObject([{ code: 'sql-parse', message: 'expected an expression after WHERE, found the end of the query' }]);
    expect(analyzeQuery('SELECT a FROM t GROUP BY ORDER BY a').errors).toMatchObject([{ code: 'sql-parse', col: 26 }]);
  });

  it('never throws on broken SQL: every truncation and every deleted token of a query gives a result', () => {
    const sql = `WITH r AS (SELECT c.id, SUM(o.amount) AS s FROM orders o JOIN customers c ON o.cid = c.id GROUP BY 1)
SELECT DISTINCT TOP 5 r.* EXCLUDE (s), IFF(s > 1, 'a', 'b') AS tier, f.value:x::int AS x
FROM r, LATERAL FLATTEN(input => r.tags) f PIVOT (SUM(s) FOR id IN (1, 2)) AS p
WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.id = r.id) QUALIFY ROW_NUMBER() OVER (ORDER BY s) = 1 LIMIT 3;`;
    const words = sql.split(/(?<=\S)(?=\s)|(?=[(),.:])/);
    let problems = 0;
    for (let k = 1; k < words.length; k++) {
      for (const variant of [words.slice(0, k).join(''), [...words.slice(0, k), ...words.slice(k + 1)].join('')]) {
        const analysis = analyzeQuery(variant);
        problems += analysis.errors.length;
        for (const error of analysis.errors) expect(error.line).toBeGreaterThanOrEqual(1);
      }
    }
    expect(problems).toBeGreaterThan(words.length);
  });

  it('reports garbage after a complete query', () => {
    expect(analyzeQuery('SELECT a FROM t x y').errors).toMatchObject([{ code: 'sql-parse', message: "unexpected 'y'", col: 19 }]);
  });

  it('converts a problem to a project diagnostic', () => {
    const problem = analyzeQuery('DELETE FROM x').errors[0]!;
    expect(sqlProblemToDiagnostic(problem, 'features/x.sql')).toMatchObject({
      file: 'features/x.sql',
      line: 1,
      col: 1,
      severity: 'error',
      code: 'sql-not-a-query',
    });
  });
});

describe('locations and unnamed expressions', () => {
  it('points each table at the first character of its name as written, first occurrence only', () => {
    const sql = '-- config\nSELECT a.id\nFROM   feature_store.customer_features a\nJOIN "Raw"."Orders" o ON a.id = o.id\nJOIN feature_store.customer_features b ON b.id = a.id';
    const { tables } = analyzeQuery(sql);
    expect(tables).toEqual([
      { relation: { schema: 'feature_store', name: 'customer_features' }, line: 3, col: 8, offset: sql.indexOf('feature_store') },
      { relation: { schema: '"Raw"', name: '"Orders"' }, line: 4, col: 6, offset: sql.indexOf('"Raw"') },
    ]);
  });

  it('records the database of a three-part name', () => {
    expect(analyzeQuery('SELECT 1 AS one FROM analytics.core.users').tables[0]!.relation).toEqual({
      database: 'analytics',
      schema: 'core',
      name: 'users',
    });
  });

  it('reports unaliased expressions as unnamed with their location, and names plain columns', () => {
    const analysis = analyzeQuery('SELECT t.id,\n  amount * 2,\n  v:a::int,\n  total AS t2\nFROM t');
    expect(analysis.columns).toEqual(['id', 't2']);
    expect(analysis.unnamed).toEqual([
      { position: 1, text: 'amount * 2', line: 2, col: 3, offset: 15 },
      { position: 2, text: 'v:a::int', line: 3, col: 3, offset: 29 },
    ]);
  });

  it('never reads table names out of strings, comments or $$ bodies', () => {
    const sql = `SELECT $$ FROM a $$ AS x, 'JOIN b' AS y /* FROM c */ FROM d -- JOIN e`;
    expect(analyzeQuery(sql).tables.map((t) => t.relation.name)).toEqual(['d']);
  });
});
