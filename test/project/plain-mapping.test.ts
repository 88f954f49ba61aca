import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePlainMapping } from '../../src/project/plain-mapping.js';

/** Config blocks as they appear after the `-- ` prefix is removed. */
const BLOCKS: string[][] = [
  ['description: Transaction, temporal and behavioral features per customer.', 'entity: customer', 'tags: [customer]'],
  ['kind: dataset', 'version: 2', 'materialized: view', 'tags: []'],
  ['description: Spend (per customer) from raw.orders_7 and raw.orders_0.', '', 'entity: customer'],
  ['version: 0', 'tags: [bench, group_3]'],
  // Everything below must go to the full parser: its YAML meaning is not a plain string.
  ['description: "quoted"'],
  ['description: true'],
  ['tags: [true, b]'],
  ['version: 012'],
  ['version: 1.5'],
  ['description: a # comment'],
  ['description: time: noon'],
  ['description: trailing space '],
  ['entity: customer', 'entity: order'],
  ['  entity: customer'],
  ['schedule:', '  cron: 0 3 * * *'],
  ['Spend per customer, from the raw orders.', 'entity: customer'],
  ['description: ~'],
  ['tags: [a,b]'],
];

describe('parsePlainMapping', () => {
  it.each(BLOCKS.map((lines) => [lines.join(' | '), lines] as const))('%s: same as YAML, or left to YAML', (_, lines) => {
    const plain = parsePlainMapping(lines);
    if (plain !== undefined) expect(plain).toEqual(parse(lines.join('\n')));
  });

  it('reads the common config blocks itself', () => {
    expect(parsePlainMapping(BLOCKS[0]!)).toEqual({
      description: 'Transaction, temporal and behavioral features per customer.',
      entity: 'customer',
      tags: ['customer'],
    });
    expect(parsePlainMapping(BLOCKS[1]!)).toEqual({ kind: 'dataset', version: 2, materialized: 'view', tags: [] });
  });

  it('leaves quoting, booleans, comments, nesting, duplicates and prose to YAML', () => {
    for (const lines of BLOCKS.slice(4)) expect(parsePlainMapping(lines), lines.join('\n')).toBeUndefined();
  });
});
