/**
 * Per-file results that depend only on text (a feature file's SQL analysis, a statement's
 * DuckDB translation), kept in .mlc/ between runs so a fresh `mlc compile` recomputes only
 * what changed. Entries are keyed by a hash of their input and salted with a hash of the
 * compiler's own SQL code, so a new mlc never reuses an old result. Appending one line per
 * new entry keeps saving cheap in watch mode. An analysis keeps where its statement is, not
 * its text, which the file holds: writing and reading the cache costs its size.
 */

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFeature, type FeatureAnalysis } from '../graph/analyze.js';
import { sha256 } from '../graph/hash.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { Statement } from '../sql/statements.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';

export const RESULT_CACHE_FILE = '.mlc/cache/compile-results.jsonl';

type Kind = 'analysis' | 'translation';
interface Entry {
  k: string;
  v: unknown;
}

let codeSalt: string | undefined;

/** A hash of the modules whose output is cached (sql/, graph/, project/) and of this one, which decides how it is stored. */
function salt(): string {
  if (codeSalt) return codeSalt;
  const hash = createHash('sha256');
  const self = fileURLToPath(import.meta.url);
  const base = path.dirname(path.dirname(self));
  for (const dir of ['sql', 'graph', 'project']) {
    const files = readdirSync(path.join(base, dir), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|ts)$/.test(f)).sort();
    for (const file of files) hash.update(file).update(readFileSync(path.join(base, dir, file)));
  }
  hash.update(readFileSync(self));
  codeSalt = hash.digest('hex').slice(0, 32);
  return codeSalt;
}

function resultKey(kind: Kind, text: string): string {
  return `${kind[0]}${sha256(text).slice(0, 32)}`;
}

/** Problems name the file, so the path is part of an analysis's input. */
function analysisKey(feature: Pick<FeatureFile, 'file' | 'text'>): string {
  return resultKey('analysis', `${feature.file}\u0000${feature.text}`);
}

function entryLine(k: string, v: unknown): string {
  return `${JSON.stringify({ k, v })}\n`;
}

/** An analysis as stored: its statement's text is the file's, from the statement's offset to `end`. */
type StoredAnalysis = Omit<FeatureAnalysis, 'statement'> & { statement?: Omit<Statement, 'text'> & { end: number } };

function storeAnalysis(result: FeatureAnalysis): StoredAnalysis {
  const { statement, ...rest } = result;
  if (!statement) return rest;
  const { text, ...at } = statement;
  return { ...rest, statement: { ...at, end: at.offset + text.length } };
}

function restore(stored: StoredAnalysis, text: string): FeatureAnalysis {
  const { statement, ...rest } = stored;
  if (!statement) return rest;
  const { end, ...at } = statement;
  return { ...rest, statement: { ...at, text: text.slice(at.offset, end) } };
}

export class ResultCache {
  private readonly entries = new Map<string, unknown>();
  private readonly used = new Set<string>();
  private pending: Entry[] = [];
  private stored = 0;

  private constructor(private readonly file: string) {}

  /** The cache of the project at root; unreadable or stale caches start empty. */
  static open(root: string): ResultCache {
    const cache = new ResultCache(path.join(root, RESULT_CACHE_FILE));
    const file = cache.file;
    if (!existsSync(file)) return cache;
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines[0] !== JSON.stringify({ salt: salt() })) return cache;
    for (let k = 1; k < lines.length; k++) {
      if (lines[k] === '') continue;
      try {
        const entry = JSON.parse(lines[k]!) as Entry;
        cache.entries.set(entry.k, entry.v);
        cache.stored++;
      } catch {
        // A line cut short by a killed run: the entry is recomputed.
      }
    }
    return cache;
  }

  /** The stored analysis, else a new one. */
  analyze(feature: FeatureFile): FeatureAnalysis {
    const k = analysisKey(feature);
    return restore(this.get(k, () => storeAnalysis(analyzeFeature(feature))), feature.text);
  }

  /** The stored translation, else a new one. */
  translate(sql: string): TranslateResult {
    return this.get(resultKey('translation', sql), () => translateToDuckDb(sql));
  }

  /** Writes the entries computed since the last save; rewrites the file when most of it is unused. */
  save(): void {
    if (this.pending.length === 0) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const lines = (entries: Entry[]): string => entries.map((e) => entryLine(e.k, e.v)).join('');
    if (this.stored === 0 || this.stored + this.pending.length > 2 * this.used.size + 1000) {
      const live = [...this.used].map((k) => ({ k, v: this.entries.get(k) }));
      writeFileSync(this.file, `${JSON.stringify({ salt: salt() })}\n${lines(live)}`);
      this.stored = live.length;
    } else {
      appendFileSync(this.file, lines(this.pending));
      this.stored += this.pending.length;
    }
    this.pending = [];
  }

  private get<T>(k: string, compute: () => T): T {
    this.used.add(k);
    if (this.entries.has(k)) return this.entries.get(k) as T;
    const value = compute();
    this.entries.set(k, value);
    this.pending.push({ k, v: value });
    return value;
  }
}
