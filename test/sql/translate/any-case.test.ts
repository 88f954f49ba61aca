import { describe, expect, it } from 'vitest';
import { translateToDuckDb } from '../../../src/sql/translate/index.js';

// These constructs are found by walking the whole statement, a walk skipped for text that
// cannot hold them: they must be found however they are spelled.
describe('constructs found anywhere in a statement, in any spelling', () => {
  it.each([
    ['select system$wait(1)', 'SYSTEM$WAIT', 8],
    ['select m!predict(a) from t', '!PREDICT', 9],
    ["create view v tag (x = 'y') as select 1", 'TAG', 15],
    // U+017F (long s) upper-cases to S: the word is SYSTEM$WAIT to Snowflake's rules.
    ['select \u017Fystem$wait(1)', 'SYSTEM$WAIT', 8],
  ])('%s → %s', (sql, construct, col) => {
    const { diagnostics } = translateToDuckDb(sql);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ construct, line: 1, col });
  });

  // Cast to a string, a VARIANT loses its JSON quotes; a plain column would not.
  it('reads VALUE of a lower-case lateral flatten as a VARIANT', () => {
    const { sql } = translateToDuckDb('select f.value::string from t, lateral flatten(input => t.v) f');
    expect(sql).toBe("select (f.value ->> '$') from t, mlc_flatten(t.v) f");
  });

  it('reads VALUE of a flatten spelled with a ligature (U+FB02 upper-cases to FL)', () => {
    const { sql } = translateToDuckDb('select f.value::string from t, lateral \uFB02atten(input => t.v) f');
    expect(sql).toBe("select (f.value ->> '$') from t, mlc_flatten(t.v) f");
  });

  it('builds a lower-case object_construct(*) from its single source', () => {
    expect(translateToDuckDb('select object_construct(*) from t').sql).toBe('select mlc_object_star(to_json(t)) from t');
  });
});
