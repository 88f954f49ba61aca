import { describe, expect, it } from 'vitest';
import { analyzeQuery, normalizeForFingerprint, splitStatements, tokenize } from '../../src/sql/index.js';

describe('tokens that end the input', () => {
  // Each token looks one or two characters ahead; at the end of the text there is nothing to see.
  const cases: [string, string, string][] = [
    ['SELECT 1', 'number', '1'],
    ['SELECT 1.', 'number', '1.'],
    ['SELECT 1e', 'word', 'e'],
    ['SELECT 2.5E+', 'number', '2.5E+'],
    ["SELECT 'it''s'", 'string', "'it''s'"],
    ['SELECT "a""b"', 'quoted', '"a""b"'],
    ['SELECT a -', 'op', '-'],
    ['SELECT a ->', 'op', '->'],
    ['SELECT a ->>', 'op', '->>'],
    ['SELECT a :', 'op', ':'],
    ['SELECT a <', 'op', '<'],
  ];

  it.each(cases)('%s ends with a %s token %s', (sql, kind, text) => {
    const tokens = tokenize(sql);
    expect(tokens.map((t) => t.text).join('')).toBe(sql);
    expect(tokens.at(-1)).toMatchObject({ kind, text });
  });

  it('rejects a lone $ at the end', () => {
    expect(() => tokenize('SELECT a $')).toThrow(/unexpected character '\$'/);
  });

  it('analyzes a query whose last token is a number or a string', () => {
    expect(analyzeQuery('SELECT a FROM t WHERE n = 1').errors).toEqual([]);
    expect(analyzeQuery("SELECT a FROM t WHERE s = 'x'").columns).toEqual(['a']);
  });
});

describe('keywords in any spelling, and words that only look like keywords', () => {
  it('reads lower- and mixed-case keywords as keywords', () => {
    const analysis = analyzeQuery('select a from t Where a > 1 union All select b from u');
    expect(analysis.errors).toEqual([]);
    expect(analysis.columns).toEqual(['a']);
    expect(analysis.tables.map((t) => t.relation.name)).toEqual(['t', 'u']);
  });

  it('names columns whose names share a keyword’s first letter and length, are long or are not ASCII', () => {
    const long = 'a_column_name_much_longer_than_any_keyword';
    const analysis = analyzeQuery(`SELECT form, fill, ${long}, été, x.wherever FROM t x`);
    expect(analysis.errors).toEqual([]);
    expect(analysis.columns).toEqual(['form', 'fill', long, 'été', 'wherever']);
  });

  it('takes a date part only as a date function’s argument', () => {
    const analysis = analyzeQuery('SELECT DATEADD(day, 1, order_date) AS next_day, COALESCE(day, 0) AS day_or_zero FROM t');
    expect(analysis.lineage.map((l) => [l.column, l.sources.map((s) => s.column)])).toEqual([
      ['next_day', ['order_date']],
      ['day_or_zero', ['day']],
    ]);
  });
});

describe('semicolons', () => {
  it('drops any number of trailing semicolons and reports one between statements', () => {
    expect(analyzeQuery('SELECT a FROM t;;\n;').errors).toEqual([]);
    expect(analyzeQuery('SELECT a FROM t; ; SELECT b FROM u').errors).toMatchObject([{ code: 'sql-multiple-statements', line: 1, col: 18 }]);
    expect(normalizeForFingerprint('SELECT a FROM t;;')).toBe(normalizeForFingerprint('select a\nfrom t'));
  });

  it('splits at every semicolon and keeps the location of each statement', () => {
    expect(splitStatements(';SELECT 1;;\n  SELECT 2;').map((s) => [s.text, s.line, s.col])).toEqual([
      ['SELECT 1', 1, 2],
      ['SELECT 2', 2, 3],
    ]);
  });
});
