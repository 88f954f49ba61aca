/**
 * Per-file results that depend only on text (a feature file's SQL analysis, a statement's
 * DuckDB translation), kept in .mlc/ between runs so a fresh `mlc compile` recomputes only
 * what changed. Entries are keyed by a hash of their input and salted with a hash of the
 * compiler's own SQL code, so a new mlc never reuses an old result. Appending each new entry
 * to the file keeps saving cheap in watch mode. An analysis keeps where its statement is, not
 * its text, which the file holds: writing and reading the cache costs its size. The file's
 * format is result-cache-file.ts's.
 */

import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFeature, type FeatureAnalysis } from '../graph/analyze.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { ColumnsOf } from '../sql/analysis.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';
import { readEntries, saltLine, writeEntries, type StoredAnalysis } from './result-cache-file.js';
import { analysisKey, fileTranslationKey, resultKey } from './result-keys.js';
import { MIN_FILES_AHEAD, TranslateAhead } from './translate-ahead.js';

export const RESULT_CACHE_FILE = '.mlc/cache/compile-results.jsonl';

let codeSalt: string | undefined;

/**
 * A hash of the modules whose output is cached (sql/, graph/, project/), of this one and of
 * result-cache-file's and result-keys', which decide how it is stored. Bundled, this module
 * is part of a chunk and the modules are not there: the bundle's folder, all of mlc's code,
 * is hashed instead, so any new code starts a new cache.
 */
function salt(): string {
  if (codeSalt) return codeSalt;
  const hash = createHash('sha256');
  const self = fileURLToPath(import.meta.url);
  const here = path.dirname(self);
  const unbundled = path.basename(here) === 'compile';
  const dirs = unbundled ? ['sql', 'graph', 'project'].map((dir) => path.join(here, '..', dir)) : [here];
  for (const dir of dirs) {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|ts)$/.test(f)).sort();
    for (const file of files) hash.update(file).update(readFileSync(path.join(dir, file)));
  }
  hash.update(readFileSync(self));
  if (unbundled) for (const module of ['result-cache-file', 'result-keys']) hash.update(readFileSync(path.join(here, `${module}${path.extname(self)}`)));
  codeSalt = hash.digest('hex').slice(0, 32);
  return codeSalt;
}

// Both built field by field rather than with spreads: they run once per feature file, mostly before the JIT optimizes them.
function storeAnalysis({ analysis, statement, sqlHash, problems }: FeatureAnalysis, translation: string | undefined): StoredAnalysis {
  if (!statement) return { analysis, sqlHash, problems };
  const { line, col, offset } = statement;
  return { analysis, statement: { line, col, offset, end: offset + statement.text.length }, sqlHash, problems, translation };
}

function restore({ analysis, statement, sqlHash, problems }: StoredAnalysis, text: string): FeatureAnalysis {
  if (!statement) return { analysis, sqlHash, problems };
  const { line, col, offset, end } = statement;
  return { analysis, statement: { text: text.slice(offset, end), line, col, offset }, sqlHash, problems };
}

export class ResultCache {
  private readonly entries = new Map<string, unknown>();
  private readonly used = new Set<string>();
  /**
   * Statement text → the key of its translation, for the statements of this process's
   * analyses: compiling looks each one up again, and a map finds it for less than hashing it.
   */
  private readonly translationKeys = new Map<string, string>();
  /** Keys of the entries computed since the last save. */
  private pending: string[] = [];
  private stored = 0;
  /** The worker translating a cold compile's feature files, while it has translations to send. */
  private ahead?: TranslateAhead;

  private constructor(private readonly file: string) {}

  /**
   * The cache of the project at root; unreadable or stale caches start empty. A run killed
   * while saving leaves its last entry cut short: the entries from there on are recomputed,
   * and the next save rewrites the file.
   */
  static open(root: string): ResultCache {
    const cache = new ResultCache(path.join(root, RESULT_CACHE_FILE));
    if (!existsSync(cache.file)) return cache;
    const whole = readEntries(readFileSync(cache.file, 'utf8'), salt(), cache.entries);
    cache.stored = whole ? cache.entries.size : 0;
    return cache;
  }

  /** The stored analysis, else a new one; with `translate`, a new one's statement is translated too. */
  analyze(feature: FeatureFile, translate = false): FeatureAnalysis {
    const k = analysisKey(feature);
    const stored = this.get(k, (): StoredAnalysis => {
      const analysis = analyzeFeature(feature);
      if (!translate || !analysis.statement) return storeAnalysis(analysis, undefined);
      // Now, not when compiling, unless a worker translates it: the translator reuses the file's tokens, which the tokenizer's memo holds until the next file.
      const sql = analysis.statement.text;
      const key = fileTranslationKey(k);
      if (!this.ahead) this.get(key, () => translateToDuckDb(sql));
      return storeAnalysis(analysis, key);
    });
    const restored = restore(stored, feature.text);
    if (stored.translation !== undefined) this.translationKeys.set(restored.statement!.text, stored.translation);
    return restored;
  }

  /**
   * The analysis of a feature whose `SELECT *` is expanded with the columns of the relations
   * it reads (`columnsOf`), keyed by its text and those columns: it is made again only when
   * either changed. The relations are the ones its plain analysis (`plain`) found.
   */
  analyzeWithColumns(feature: FeatureFile, plain: FeatureAnalysis, columnsOf: ColumnsOf): FeatureAnalysis {
    const tables = plain.analysis?.tables ?? [];
    const upstream = JSON.stringify(tables.map((table) => columnsOf(table.relation) ?? null));
    const k = analysisKey(feature, `\u0000${upstream}`);
    return restore(this.get(k, () => storeAnalysis(analyzeFeature(feature, columnsOf), undefined)), feature.text);
  }

  /**
   * Translates the feature files offered from now on (offer(), then offered()) on a worker
   * (translate-ahead.ts), when nothing is stored (a cold compile) and they are many
   * (`features` of them). Only for a project whose statements are translated.
   */
  translateAhead(features: number): void {
    if (this.entries.size === 0 && features >= MIN_FILES_AHEAD) this.ahead = TranslateAhead.start();
  }

  /** Hands a feature file read to the worker translating ahead, if there is one. */
  offer(feature: FeatureFile): void {
    this.ahead?.offer(feature.file, feature.text);
  }

  /** Every file is offered: the worker gets the last ones. */
  offered(): void {
    this.ahead?.close();
  }

  /** Stops the worker translating ahead, if there is one: the compile it translated for is over. */
  stopTranslatingAhead(): void {
    this.ahead?.stop();
    this.ahead = undefined;
  }

  /** The stored translation, else the worker's, else a new one. */
  translate(sql: string): TranslateResult {
    const key = this.translationKeys.get(sql);
    if (key !== undefined && this.ahead && !this.entries.has(key)) {
      if (!this.ahead.receive((k, result) => this.add(k, result), () => this.entries.has(key))) this.ahead = undefined;
    }
    return this.get(key ?? resultKey('translation', sql), () => translateToDuckDb(sql));
  }

  /** Writes the entries computed since the last save; rewrites the file when most of it is unused. */
  save(): void {
    if (this.pending.length === 0) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const rewrite = this.stored === 0 || this.stored + this.pending.length > 2 * this.used.size + 1000;
    const keys = rewrite ? this.used : this.pending;
    const fd = openSync(this.file, rewrite ? 'w' : 'a');
    try {
      if (rewrite) writeFileSync(fd, saltLine(salt()));
      writeEntries(fd, keys, (k) => this.entries.get(k));
    } finally {
      closeSync(fd);
    }
    this.stored = rewrite ? this.used.size : this.stored + this.pending.length;
    this.pending = [];
  }

  private get<T>(k: string, compute: () => T): T {
    this.used.add(k);
    if (this.entries.has(k)) return this.entries.get(k) as T;
    const value = compute();
    this.add(k, value);
    return value;
  }

  /** A new entry, saved by the next save() when used. */
  private add(k: string, value: unknown): void {
    if (this.entries.has(k)) return;
    this.entries.set(k, value);
    this.pending.push(k);
  }
}
