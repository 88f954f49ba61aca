/**
 * Per-file results that depend only on text (a feature file's SQL analysis, a statement's
 * DuckDB translation), kept in .mlc/ between runs so a fresh `mlc compile` recomputes only
 * what changed. Entries are keyed by a hash of their input and salted with a hash of the
 * compiler's own SQL code, so a new mlc never reuses an old result. Appending one line per
 * new entry keeps saving cheap in watch mode. An analysis keeps where its statement is, not
 * its text, which the file holds: writing and reading the cache costs its size.
 */

import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFeature, type FeatureAnalysis } from '../graph/analyze.js';
import { sha256 } from '../graph/hash.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { Relation } from '../graph/node.js';
import type { ColumnLineage, QueryAnalysis } from '../sql/analysis.js';
import type { Statement } from '../sql/statements.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';

export const RESULT_CACHE_FILE = '.mlc/cache/compile-results.jsonl';
/** Lines are written a megabyte at a time, through this buffer. */
const writeBuffer = Buffer.allocUnsafe(1 << 20);

type Kind = 'analysis' | 'translation';
interface Entry {
  k: string;
  v: unknown;
}

let codeSalt: string | undefined;

/**
 * A hash of the modules whose output is cached (sql/, graph/, project/) and of this one, which
 * decides how it is stored. Bundled, this module is part of a chunk and the modules are not
 * there: the bundle's folder, all of mlc's code, is hashed instead, so any new code starts a
 * new cache.
 */
function salt(): string {
  if (codeSalt) return codeSalt;
  const hash = createHash('sha256');
  const self = fileURLToPath(import.meta.url);
  const here = path.dirname(self);
  const dirs = path.basename(here) === 'compile' ? ['sql', 'graph', 'project'].map((dir) => path.join(here, '..', dir)) : [here];
  for (const dir of dirs) {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|ts)$/.test(f)).sort();
    for (const file of files) hash.update(file).update(readFileSync(path.join(dir, file)));
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

/** An analysis as stored: its statement's text is the file's, from the statement's offset to `end`. */
interface StoredAnalysis {
  analysis?: FeatureAnalysis['analysis'];
  statement?: Omit<Statement, 'text'> & { end: number };
  sqlHash?: string;
  problems: FeatureAnalysis['problems'];
  /** The key of the statement's translation, when it was translated with the analysis. */
  translation?: string;
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

/**
 * An analysis's lineage as written to the file: per column, its name, then for each source
 * the index of its relation in `tables` (or the relation itself) and the source column.
 * The plain form repeats a relation object in every source, which made lineage two thirds
 * of the cache's bytes and of the time to write it.
 */
type WrittenLineage = (string | number | Relation)[][];

type WrittenAnalysis = Omit<QueryAnalysis, 'lineage'> & { lineage: WrittenLineage };

function isAnalysisKey(k: string): boolean {
  return k.startsWith('a');
}

function writtenAnalysis(analysis: QueryAnalysis): WrittenAnalysis {
  const index = new Map<Relation, number>();
  for (let t = 0; t < analysis.tables.length; t++) index.set(analysis.tables[t]!.relation, t);
  const lineage: WrittenLineage = [];
  for (const { column, sources } of analysis.lineage) {
    const row: (string | number | Relation)[] = [column];
    for (const source of sources) row.push(index.get(source.relation) ?? source.relation, source.column);
    lineage.push(row);
  }
  const { tables, columns, columnsComplete, unnamed, errors } = analysis;
  return { tables, columns, columnsComplete, unnamed, lineage, errors };
}

function readAnalysis(written: WrittenAnalysis): QueryAnalysis {
  const lineage: ColumnLineage[] = [];
  for (const row of written.lineage) {
    const sources: ColumnLineage['sources'] = [];
    for (let k = 1; k < row.length; k += 2) {
      const relation = row[k]!;
      sources.push({ relation: typeof relation === 'number' ? written.tables[relation]!.relation : (relation as Relation), column: row[k + 1] as string });
    }
    lineage.push({ column: row[0] as string, sources });
  }
  return { ...written, lineage };
}

/** An entry as its line holds it. */
function written(k: string, v: unknown): unknown {
  const stored = v as StoredAnalysis;
  return isAnalysisKey(k) && stored.analysis ? { ...stored, analysis: writtenAnalysis(stored.analysis) } : v;
}

function read(entry: Entry): unknown {
  const stored = entry.v as Omit<StoredAnalysis, 'analysis'> & { analysis?: WrittenAnalysis };
  return isAnalysisKey(entry.k) && stored.analysis ? { ...stored, analysis: readAnalysis(stored.analysis) } : entry.v;
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
        cache.entries.set(entry.k, read(entry));
        cache.stored++;
      } catch {
        // A line cut short by a killed run: the entry is recomputed.
      }
    }
    return cache;
  }

  /** The stored analysis, else a new one; with `translate`, a new one's statement is translated too. */
  analyze(feature: FeatureFile, translate = false): FeatureAnalysis {
    const k = analysisKey(feature);
    const stored = this.get(k, (): StoredAnalysis => {
      const analysis = analyzeFeature(feature);
      if (!translate || !analysis.statement) return storeAnalysis(analysis, undefined);
      // Now, not when compiling: the translator reuses the file's tokens, which the tokenizer's memo holds until the next file.
      const sql = analysis.statement.text;
      // The statement is part of the file, so the file's hash also keys its translation.
      const key = `t${k.slice(1)}`;
      this.get(key, () => translateToDuckDb(sql));
      return storeAnalysis(analysis, key);
    });
    const restored = restore(stored, feature.text);
    if (stored.translation !== undefined) this.translationKeys.set(restored.statement!.text, stored.translation);
    return restored;
  }

  /** The stored translation, else a new one. */
  translate(sql: string): TranslateResult {
    return this.get(this.translationKeys.get(sql) ?? resultKey('translation', sql), () => translateToDuckDb(sql));
  }

  /** Writes the entries computed since the last save; rewrites the file when most of it is unused. */
  save(): void {
    if (this.pending.length === 0) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const rewrite = this.stored === 0 || this.stored + this.pending.length > 2 * this.used.size + 1000;
    const fd = openSync(this.file, rewrite ? 'w' : 'a');
    try {
      if (rewrite) {
        writeFileSync(fd, `${JSON.stringify({ salt: salt() })}\n`);
        this.stored = this.write(fd, this.used);
      } else {
        this.stored += this.write(fd, this.pending);
      }
    } finally {
      closeSync(fd);
    }
    this.pending = [];
  }

  /**
   * Writes the keys' entries, one line each, through one reused buffer: a string of the
   * whole file, or of each part, would be copied several times over (joined, flattened,
   * encoded) into memory the process touches for the first time. Returns how many.
   */
  private write(fd: number, keys: Iterable<string>): number {
    let used = 0;
    let count = 0;
    for (const k of keys) {
      const line = `${JSON.stringify({ k, v: written(k, this.entries.get(k)) })}\n`;
      // UTF-8 takes at most three bytes per UTF-16 unit.
      if (used + 3 * line.length > writeBuffer.length) {
        writeSync(fd, writeBuffer, 0, used);
        used = 0;
      }
      if (3 * line.length > writeBuffer.length) writeSync(fd, line);
      else used += writeBuffer.write(line, used);
      count++;
    }
    if (used > 0) writeSync(fd, writeBuffer, 0, used);
    return count;
  }

  private get<T>(k: string, compute: () => T): T {
    this.used.add(k);
    if (this.entries.has(k)) return this.entries.get(k) as T;
    const value = compute();
    this.entries.set(k, value);
    this.pending.push(k);
    return value;
  }
}
