import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The entry lines of the file, by kind: `a` analyses, `t` translations. */
function entries(dir: string, kind: 'a' | 't'): string[] {
  return lines(dir).filter((line) => line.startsWith(`{"k":"${kind}`));
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
    expect(entries(dir, 'a')).toHaveLength(features.length);
    expect(entries(dir, 't')).toHaveLength(features.length);
    expect(written.at(-1)).toBe('');
    // A translation's SQL follows its line as written, line breaks and all.
    expect(written).toContain('  amount * 59 AS amount_599_59');

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
    expect(entries(dir, 't')).toHaveLength(texts.length);
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
    expect(entries(dir, 'a')).toHaveLength(4);
    expect(ResultCache.open(dir).analyze(feature(3))).toEqual(analyzeFeature(feature(3)));
  });

  it('recomputes what a killed save cut short, and rewrites the file whole on the next save', () => {
    const dir = root();
    const features = Array.from({ length: 3 }, (_, k) => feature(k));
    const first = ResultCache.open(dir);
    const translations = features.map((f) => first.translate(first.analyze(f).statement!.text));
    first.save();
    const file = path.join(dir, RESULT_CACHE_FILE);
    const whole = readFileSync(file, 'utf8');
    // Cut inside the last translation's SQL, as a run killed while saving leaves it.
    writeFileSync(file, whole.slice(0, whole.lastIndexOf('{"k":"t') + 200));
    const cut = ResultCache.open(dir);
    features.forEach((f, i) => {
      expect(cut.analyze(f)).toEqual(analyzeFeature(f));
      expect(cut.translate(cut.analyze(f).statement!.text)).toEqual(translations[i]);
    });
    cut.save();
    expect(readFileSync(file, 'utf8')).toBe(whole);
  });
});
