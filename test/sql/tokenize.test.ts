import { describe, expect, it } from 'vitest';
import { SqlSyntaxError, tokenize } from '../../src/sql/index.js';
import { isWordToken } from '../../src/sql/tokenize.js';

describe('tokenize', () => {
  const sql = `SELECT a.b, 'it''s', "Q ""x""", $1, $name, 1.5e3, .5, x::int, v:a[0] -> y
-- line comment
/* block /* nested */ */ FROM t WHERE x >= 2 AND y <> 'z' || $$ body; $$ // tail
  AND ü_col != ?;`;
  const tokens = tokenize(sql);

  it('keeps every character: the token texts concatenate to the input', () => {
    expect(tokens.map((t) => t.text).join('')).toBe(sql);
  });

  it('classifies tokens', () => {
    const of = (text: string): string | undefined => tokens.find((t) => t.text === text)?.kind;
    expect(of(`'it''s'`)).toBe('string');
    expect(of(`"Q ""x"""`)).toBe('quoted');
    expect(of('$1')).toBe('variable');
    expect(of('$name')).toBe('variable');
    expect(of('?')).toBe('variable');
    expect(of('1.5e3')).toBe('number');
    expect(of('.5')).toBe('number');
    expect(of('::')).toBe('op');
    expect(of('->')).toBe('op');
    expect(of('!=')).toBe('op');
    expect(of('$$ body; $$')).toBe('dollar');
    expect(of('/* block /* nested */ */')).toBe('comment');
    expect(of('// tail')).toBe('comment');
    expect(of('ü_col')).toBe('word');
  });

  it('locates tokens by 1-based line and column', () => {
    const from = tokens.find((t) => t.text === 'FROM')!;
    expect([from.line, from.col, from.start]).toEqual([3, 26, sql.indexOf('FROM')]);
    const last = tokens.find((t) => t.text === 'ü_col')!;
    expect([last.line, last.col]).toEqual([4, 7]);
  });

  it('spells unquoted words in upper case too', () => {
    expect(tokens.filter((t) => t.kind === 'word').map((t) => t.upper)).toContain('Ü_COL');
    expect(tokens.filter((t) => t.kind !== 'word').every((t) => t.upper === '')).toBe(true);
  });

  it('matches a word to a keyword in any case, and by its upper case when that is spelled otherwise', () => {
    const [flatten, , ligature, , system, , other] = tokenize('FlAtTeN \uFB02atten \u017Fystem$wait fla');
    expect([flatten, ligature].map((t) => isWordToken(t!, 'FLATTEN'))).toEqual([true, true]);
    expect(isWordToken(system!, 'SYSTEM$WAIT')).toBe(true);
    expect(isWordToken(other!, 'FLATTEN')).toBe(false);
    expect(isWordToken(tokenize("'flatten'")[0]!, 'FLATTEN')).toBe(false);
  });

  it('throws SqlSyntaxError with the location of an unterminated literal', () => {
    try {
      tokenize("SELECT 1,\n  'open");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SqlSyntaxError);
      expect(error).toMatchObject({ line: 2, col: 3, offset: 12 });
    }
    expect(() => tokenize('SELECT # FROM t')).toThrow(/unexpected character '#'/);
  });
});
