import { describe, expect, it } from 'vitest';
import { sqlExcerpt } from '../../src/ui/sql-excerpt.js';

const SQL = Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join('\n');

describe('sqlExcerpt', () => {
  it('shows two lines either side of the error line, numbered to a common width', () => {
    expect(sqlExcerpt({ sql: SQL, line: 10 })).toEqual([
      '   8 | line8',
      '   9 | line9',
      '> 10 | line10',
      '  11 | line11',
      '  12 | line12',
    ]);
  });

  it('stops at the edges of the statement', () => {
    expect(sqlExcerpt({ sql: SQL, line: 1, col: 3 })).toEqual(['> 1 | line1', '    |   ^', '  2 | line2', '  3 | line3']);
  });

  it('shows the head of the statement when the line is unknown or outside it', () => {
    const head = ['  1 | line1', '  2 | line2', '  3 | line3', '  4 | line4', '  5 | line5', '    | …'];
    expect(sqlExcerpt({ sql: SQL })).toEqual(head);
    expect(sqlExcerpt({ sql: SQL, line: 40 })).toEqual(head);
  });

  it('keeps the caret under the column when the line has tabs', () => {
    const [marked, caret] = sqlExcerpt({ sql: 'select\n\tx / 0', line: 2, col: 4 }).slice(1);
    expect(marked).toBe('> 2 |  x / 0');
    expect(marked![caret!.indexOf('^')]).toBe('/');
  });

  it('is empty without SQL', () => {
    expect(sqlExcerpt({ line: 3 })).toEqual([]);
    expect(sqlExcerpt({ sql: '  \n', line: 1 })).toEqual([]);
  });
});
