import { describe, expect, it } from 'vitest';
import { analyzeFeature } from '../../src/graph/analyze.js';
import { shortHash } from '../../src/graph/hash.js';
import { parseFeatureFile } from '../../src/project/feature-file.js';

function analyze(sql: string): ReturnType<typeof analyzeFeature> {
  const { feature } = parseFeatureFile('features/f.sql', 'f', `-- entity: customer\n${sql}\n`);
  return analyzeFeature(feature!);
}

describe('analyzeFeature', () => {
  it('names the first output column that repeats an earlier one', () => {
    expect(analyze('SELECT a, b, c, b, a FROM t').problems).toMatchObject([{ code: 'duplicate-column', message: "the column 'b' appears twice in the output" }]);
    expect(analyze('SELECT a, b, t.a FROM t').problems).toMatchObject([{ code: 'duplicate-column', message: "the column 'a' appears twice in the output" }]);
  });

  it('gives the statement and its fingerprint form when the SQL is clean', () => {
    const result = analyze('SELECT  a,\n  B AS b  -- note\nFROM raw.t;');
    expect(result.problems).toEqual([]);
    expect(result.statement).toMatchObject({ text: 'SELECT  a,\n  B AS b  -- note\nFROM raw.t', line: 2, col: 1 });
    expect(result.sqlHash).toBe(shortHash('select a , b as b from raw . t'));
    expect(result.analysis?.columns).toEqual(['a', 'b']);
  });
});
