import { describe, expect, it } from 'vitest';
import { parseFeatureFile } from '../../src/project/feature-file.js';
import { featureConfigSchema } from '../../src/project/schema.js';

const CONFIG = ['-- description: Spend per customer.', '-- materialized: view', '-- tags: [customer, spend]', '', 'SELECT customer_id, SUM(amount) AS spend FROM raw.orders GROUP BY customer_id', ''];

describe('a feature file config block', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF (saved on Windows)', '\r\n'],
  ])('is read with %s line endings', (_, newline) => {
    const { feature, diagnostics } = parseFeatureFile('features/spend.sql', 'spend', CONFIG.join(newline));
    expect(diagnostics).toEqual([]);
    expect(feature?.config).toMatchObject({ description: 'Spend per customer.', materialized: 'view', tags: ['customer', 'spend'] });
  });

  it.each(['\n', '\r\n'])('points at the value of a wrong key, on its line and column (line ending %j)', (newline) => {
    const { diagnostics } = parseFeatureFile('features/spend.sql', 'spend', ['-- description: Spend.', '-- materialized: [view]', '', 'SELECT 1 AS x'].join(newline));
    expect(diagnostics).toHaveLength(1);
    // `-- materialized: ` is 17 characters: the list starts in column 18.
    expect(diagnostics[0]).toMatchObject({ file: 'features/spend.sql', line: 2, col: 18 });
  });

  it('gives files that share a config the config the schema gives, each its own', () => {
    const block = (description: string): string => [`-- description: ${description}`, '-- entity: customer', '-- tags: [bench, star]', '', 'SELECT 1 AS x'].join('\n');
    const first = parseFeatureFile('features/a.sql', 'a', block('First feature.')).feature!.config;
    const second = parseFeatureFile('features/b.sql', 'b', block('Second feature.')).feature!.config;
    const expected = featureConfigSchema.parse({ description: 'Second feature.', entity: 'customer', tags: ['bench', 'star'] });
    // In the schema's key order too: configs are iterated and hashed.
    expect(JSON.stringify(second)).toBe(JSON.stringify(expected));
    expect(second).toStrictEqual(expected);
    expect(first.description).toBe('First feature.');
    expect(first.tags).not.toBe(second.tags);
    expect(first.tests).not.toBe(second.tests);
  });
});
