import { describe, expect, it } from 'vitest';
import { analyzeFeature } from '../../../src/graph/analyze.js';
import { splitStatements } from '../../../src/sql/index.js';
import { translateToDuckDb } from '../../../src/sql/translate/index.js';

// A statement translated right after its file was analyzed reuses the file's tokens (see
// memoizedStatementTokens); these check that it translates as it would on its own.
const file = `-- description: spend per customer
-- entity: customer

  SELECT customer_id, TO_CHAR(amount, '999.99') AS label,
         NVL(amount, 0) AS amount,
    DATEADD(nanosecond, 1, order_date) AS shifted
  FROM raw.orders; -- trailing comment
`;

describe('translating a statement right after analyzing its file', () => {
  it('gives the translation and diagnostic positions of the statement on its own', () => {
    const analyzed = analyzeFeature({ file: 'features/spend.sql', text: file });
    const statement = analyzed.statement!;
    const shared = translateToDuckDb(statement.text);
    splitStatements('SELECT 1');
    const alone = translateToDuckDb(statement.text);
    expect(shared).toEqual(alone);
    expect(shared.sql).toContain('coalesce(amount, 0)');
    // Located in the statement, which starts at line 4, column 3 of the file.
    expect(shared.diagnostics.map((d) => [d.construct, d.line, d.col])).toEqual([
      ['TO_CHAR', 1, 21],
      ['DATEADD', 3, 5],
    ]);
  });

  it('does not reuse tokens for a text that ends inside one of the file tokens', () => {
    splitStatements('SELECT x FROM t1 WHERE TRY_TO_NUMBER(x) > 0');
    expect(translateToDuckDb('SELECT x FROM t').sql).toBe('SELECT x FROM t');
    splitStatements('SELECT NVL(a, 0) FROM t');
    expect(translateToDuckDb('SELECT NVL(a, 0)').sql).toBe('SELECT coalesce(a, 0)');
  });
});
