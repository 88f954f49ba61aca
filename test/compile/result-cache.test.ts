import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeFeature } from '../../src/graph/analyze.js';
import { RESULT_CACHE_FILE, ResultCache } from '../../src/compile/result-cache.js';
import type { FeatureFile } from '../../src/project/feature-file.js';
import { featureConfigSchema } from '../../src/project/schema.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function root(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-result-cache-'));
  dirs.push(dir);
  return dir;
}

/** A feature of about 3 KB: a few hundred of them make a cache of more than a megabyte. */
function feature(k: number): FeatureFile {
  const columns = Array.from({ length: 60 }, (_, c) => `  amount * ${c} AS amount_${k}_${c}`).join(',\n');
  const text = `-- description: feature ${k}\n\nSELECT\n  customer_id,\n${columns}\nFROM raw.orders_${k % 7}\n`;
  return { file: `features/f_${k}.sql`, name: `f_${k}`, config: featureConfigSchema.parse({}), text };
}

function lines(dir: string): string[] {
  return readFileSync(path.join(dir, RESULT_CACHE_FILE), 'utf8').split('\n');
}

describe('the result cache file', () => {
  it('keeps every entry of a cache written in several pieces, and reads them back as computed', () => {
    const dir = root();
    const features = Array.from({ length: 600 }, (_, k) => feature(k));
    const first = ResultCache.open(dir);
    for (const f of features) first.translate(first.analyze(f).statement!.text);
    first.save();
    const written = lines(dir);
    expect(written.join('\n').length).toBeGreaterThan(2 * 1024 * 1024);
    // The salt line, one line per analysis and per translation, and the final newline.
    expect(written).toHaveLength(1 + 2 * features.length + 1);
    expect(written.at(-1)).toBe('');

    const second = ResultCache.open(dir);
    for (const f of features) expect(second.analyze(f)).toEqual(analyzeFeature(f));
    second.save();
    expect(lines(dir)).toEqual(written);
  });

  it('keeps entries longer than its write buffer and ones with non-ASCII text between short ones', () => {
    const dir = root();
    const long = `SELECT '${'café '.repeat(100_000)}' AS note, IFF(amount > 0, 1, 0) AS flag FROM raw.orders`;
    const texts = ['SELECT 1 AS one', long, "SELECT 'naïve ☃' AS word", `${long} WHERE amount > 1`, 'SELECT 2 AS two'];
    const first = ResultCache.open(dir);
    const made = texts.map((sql) => first.translate(sql));
    first.save();
    const written = lines(dir);
    expect(written).toHaveLength(1 + texts.length + 1);
    const second = ResultCache.open(dir);
    texts.forEach((sql, i) => expect(second.translate(sql)).toEqual(made[i]));
    // Every entry was read back whole: none had to be made again, so there is nothing to append.
    second.save();
    expect(lines(dir)).toEqual(written);
  });

  it('appends a line for each new entry after the ones it loaded', () => {
    const dir = root();
    const first = ResultCache.open(dir);
    for (let k = 0; k < 3; k++) first.analyze(feature(k));
    first.save();
    const second = ResultCache.open(dir);
    for (let k = 0; k < 4; k++) second.analyze(feature(k));
    second.save();
    const after = lines(dir);
    expect(after).toHaveLength(1 + 4 + 1);
    expect(ResultCache.open(dir).analyze(feature(3))).toEqual(analyzeFeature(feature(3)));
  });
});
