/**
 * Per-file results that depend only on text (a feature file's SQL analysis, a statement's
 * DuckDB translation), kept in .mlc/ between runs so a fresh `mlc compile` recomputes only
 * what changed. Entries are keyed by a hash of their input and salted with a hash of the
 * compiler's own SQL code, so a new mlc never reuses an old result. Appending one line per
 * new entry keeps saving cheap in watch mode.
 */

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeFeature, type FeatureAnalysis } from '../graph/analyze.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';
import { computeFileResults, type FileInput, type FileResults } from './file-results.js';

export const RESULT_CACHE_FILE = '.mlc/cache/compile-results.jsonl';

type Kind = 'analysis' | 'translation';
interface Entry {
  k: string;
  v: unknown;
}

let codeSalt: string | undefined;

/** A hash of the modules whose output is cached (this folder's sibling sql/ and graph/). */
function salt(): string {
  if (codeSalt) return codeSalt;
  const hash = createHash('sha256');
  const base = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  for (const dir of ['sql', 'graph', 'project']) {
    const files = readdirSync(path.join(base, dir), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|ts)$/.test(f)).sort();
    for (const file of files) hash.update(file).update(readFileSync(path.join(base, dir, file)));
  }
  codeSalt = hash.digest('hex').slice(0, 32);
  return codeSalt;
}

/** Below this many uncached files, a worker thread's start-up costs more than it saves. */
const PARALLEL_FROM = 400;

// Problems name the file, so the path is part of the input.
function analysisInput(feature: FileInput): string {
  return `${feature.file}\u0000${feature.text}`;
}

/** The results computed on a worker thread; undefined when running from TypeScript sources, which a worker cannot load. */
function inWorker(features: FileInput[]): Promise<FileResults[]> | undefined {
  const script = new URL('./result-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(script))) return undefined;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: features.map(({ file, text }) => ({ file, text })) });
    worker.once('message', (results: FileResults[]) => resolve(results));
    worker.once('error', reject);
  });
}

function key(kind: Kind, text: string): string {
  return `${kind[0]}${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
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

  analyze(feature: FileInput): FeatureAnalysis {
    return this.get('analysis', analysisInput(feature), () => analyzeFeature(feature));
  }

  /**
   * Computes the results of many uncached feature files at once, half of them on a worker
   * thread, so a cold compile uses two cores. Few files are not worth a thread's start-up.
   */
  async precompute(features: readonly FileInput[]): Promise<void> {
    const missing = features.filter((f) => !this.entries.has(key('analysis', analysisInput(f))));
    if (missing.length < PARALLEL_FROM) return;
    const half = Math.floor(missing.length / 2);
    const elsewhere = missing.slice(half);
    const worker = inWorker(elsewhere);
    for (const feature of worker ? missing.slice(0, half) : missing) this.store(feature, computeFileResults(feature));
    if (!worker) return;
    const results = await worker.catch(() => elsewhere.map(computeFileResults));
    results.forEach((result, k) => this.store(elsewhere[k]!, result));
  }

  translate(sql: string): TranslateResult {
    return this.get('translation', sql, () => translateToDuckDb(sql));
  }

  /** Writes the entries computed since the last save; rewrites the file when most of it is unused. */
  save(): void {
    if (this.pending.length === 0) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const lines = (entries: Entry[]): string => entries.map((e) => `${JSON.stringify(e)}\n`).join('');
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

  private store(feature: FileInput, results: FileResults): void {
    this.put('analysis', analysisInput(feature), results.analysis);
    if (results.translation) this.put('translation', results.translation.sql, results.translation.result);
  }

  private put(kind: Kind, text: string, value: unknown): void {
    const k = key(kind, text);
    if (this.entries.has(k)) return;
    this.entries.set(k, value);
    this.pending.push({ k, v: value });
  }

  private get<T>(kind: Kind, text: string, compute: () => T): T {
    const k = key(kind, text);
    this.used.add(k);
    if (this.entries.has(k)) return this.entries.get(k) as T;
    const value = compute();
    this.entries.set(k, value);
    this.pending.push({ k, v: value });
    return value;
  }
}
