import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/index.js';

describe('splitStatements', () => {
  it('splits at top-level semicolons with each statement located', () => {
    const sql = '-- config block\nSELECT 1 AS a;\n\n  SELECT 2 AS b\n;';
    expect(splitStatements(sql)).toEqual([
      { text: 'SELECT 1 AS a', line: 2, col: 1, offset: 16 },
      { text: 'SELECT 2 AS b', line: 4, col: 3, offset: sql.indexOf('SELECT 2') },
    ]);
  });

  it('ignores semicolons in strings, quoted identifiers, $$ bodies and comments', () => {
    const sql = `SELECT 'a;b' AS "x;y", $$ c; d $$ AS body -- e; f\n/* g; h */ FROM t`;
    const statements = splitStatements(sql);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.text).toBe(sql);
  });

  it('accepts a trailing semicolon and trailing comments as one statement', () => {
    expect(splitStatements('SELECT 1 AS a; -- end\n/* done */\n')).toHaveLength(1);
  });

  it('finds two statements in one file', () => {
    const statements = splitStatements('SELECT 1 AS a FROM t;\nDELETE FROM t');
    expect(statements.map((s) => [s.text, s.line])).toEqual([
      ['SELECT 1 AS a FROM t', 1],
      ['DELETE FROM t', 2],
    ]);
  });

  it('gives no statements for empty SQL, comments or lone semicolons', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements('  -- nothing here\n/* at all */ ;; ')).toEqual([]);
  });

  it('keeps text the tokenizer rejects in the last statement instead of throwing', () => {
    const statements = splitStatements("SELECT 1 AS a;\nSELECT 'unclosed FROM t");
    expect(statements.map((s) => [s.text, s.line, s.col])).toEqual([
      ['SELECT 1 AS a', 1, 1],
      ["SELECT 'unclosed FROM t", 2, 1],
    ]);
  });
});
