/**
 * The result cache's file (.mlc/cache/compile-results.jsonl): a first line with the salt,
 * then each entry as a JSON line `{"k": key, "v": value}`. A translation's SQL, most of the
 * cache's bytes, follows its line as it is (`"n"` says how long it is) and is not in `v`: as
 * a JSON string every line break and quote in it would be escaped when saving and unescaped
 * when opening. The cache itself is result-cache.ts.
 */

import { writeSync } from 'node:fs';
import type { FeatureAnalysis } from '../graph/analyze.js';
import type { Relation } from '../graph/node.js';
import type { ColumnLineage, QueryAnalysis } from '../sql/analysis.js';
import type { Statement } from '../sql/statements.js';
import type { TranslateDiagnostic, TranslateResult } from '../sql/translate/types.js';

/** An analysis as stored: its statement's text is the file's, from the statement's offset to `end`. */
export interface StoredAnalysis {
  analysis?: FeatureAnalysis['analysis'];
  statement?: Omit<Statement, 'text'> & { end: number };
  sqlHash?: string;
  problems: FeatureAnalysis['problems'];
  /** The key of the statement's translation, when it was translated with the analysis. */
  translation?: string;
}

interface Line {
  k: string;
  v: unknown;
  /** A translation's: the length of its SQL, which follows the line. */
  n?: number;
}

/** Lines are written a megabyte at a time, through this buffer. */
const writeBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * An analysis's lineage as written to the file: per column (the one of `columns` at the same
 * position), for each source the index of its relation in `tables` (or the relation itself)
 * and the source column. The plain form repeats a relation object in every source, which
 * made lineage two thirds of the cache's bytes and of the time to write it.
 */
type WrittenLineage = (string | number | Relation)[][];

type WrittenAnalysis = Omit<QueryAnalysis, 'lineage'> & { lineage: WrittenLineage };

function isAnalysisKey(k: string): boolean {
  return k.startsWith('a');
}

export function saltLine(salt: string): string {
  return `${JSON.stringify({ salt })}\n`;
}

function writtenAnalysis(analysis: QueryAnalysis): WrittenAnalysis {
  const index = new Map<Relation, number>();
  for (let t = 0; t < analysis.tables.length; t++) index.set(analysis.tables[t]!.relation, t);
  const lineage: WrittenLineage = [];
  for (const { sources } of analysis.lineage) {
    const row: (string | number | Relation)[] = [];
    for (const source of sources) row.push(index.get(source.relation) ?? source.relation, source.column);
    lineage.push(row);
  }
  const { tables, columns, columnsComplete, unnamed, errors } = analysis;
  return { tables, columns, columnsComplete, unnamed, lineage, errors };
}

function readAnalysis(written: WrittenAnalysis): QueryAnalysis {
  const lineage: ColumnLineage[] = [];
  for (let c = 0; c < written.lineage.length; c++) {
    const row = written.lineage[c]!;
    const sources: ColumnLineage['sources'] = [];
    for (let k = 0; k < row.length; k += 2) {
      const relation = row[k]!;
      sources.push({ relation: typeof relation === 'number' ? written.tables[relation]!.relation : (relation as Relation), column: row[k + 1] as string });
    }
    lineage.push({ column: written.columns[c]!, sources });
  }
  return { ...written, lineage };
}

/** An entry's line and, for a translation, the SQL that follows it. */
function written(k: string, v: unknown): [line: string, sql: string | undefined] {
  if (!isAnalysisKey(k)) {
    const { sql, diagnostics } = v as TranslateResult;
    return [JSON.stringify({ k, v: diagnostics, n: sql.length }), sql];
  }
  const stored = v as StoredAnalysis;
  return [JSON.stringify({ k, v: stored.analysis ? { ...stored, analysis: writtenAnalysis(stored.analysis) } : v }), undefined];
}

function read(line: Line, sql: string | undefined): unknown {
  if (sql !== undefined) return { sql, diagnostics: line.v as TranslateDiagnostic[] } satisfies TranslateResult;
  const stored = line.v as Omit<StoredAnalysis, 'analysis'> & { analysis?: WrittenAnalysis };
  return stored.analysis ? { ...stored, analysis: readAnalysis(stored.analysis) } : line.v;
}

/** A line's entry; undefined for a line that is not one, as a run killed while saving leaves it. */
function parseLine(text: string): Line | undefined {
  try {
    return JSON.parse(text) as Line;
  } catch {
    return undefined;
  }
}

/**
 * Puts the entries of a cache file's text (keys `a…` analyses, `t…` translations) into
 * `entries`, when its first line is `salt`'s. False when an entry was cut short (by a run
 * killed while saving): the entries from there on are left out.
 */
export function readEntries(text: string, salt: string, entries: Map<string, unknown>): boolean {
  let at = text.indexOf('\n') + 1;
  if (text.slice(0, at) !== saltLine(salt)) return true;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = end < 0 ? undefined : parseLine(text.slice(at, end));
    const sqlEnd = line?.n === undefined ? end : end + 1 + line.n;
    if (!line || text.charCodeAt(sqlEnd) !== 10) return false;
    entries.set(line.k, read(line, sqlEnd === end ? undefined : text.slice(end + 1, sqlEnd)));
    at = sqlEnd + 1;
  }
  return true;
}

/**
 * Adds the text and a line break to the first `used` bytes of the write buffer, writing the
 * buffer out first when they might not fit. Returns how many bytes it then holds.
 */
function put(fd: number, used: number, text: string): number {
  // UTF-8 takes at most three bytes per UTF-16 unit.
  if (used + 3 * text.length + 1 > writeBuffer.length) {
    writeSync(fd, writeBuffer, 0, used);
    used = 0;
  }
  if (3 * text.length + 1 > writeBuffer.length) {
    writeSync(fd, `${text}\n`);
    return used;
  }
  used += writeBuffer.write(text, used);
  writeBuffer[used] = 10;
  return used + 1;
}

/**
 * Writes the keys' entries through one reused buffer: a string of the whole file, or of each part,
 * would be copied several times over (joined, flattened, encoded) into memory the process
 * touches for the first time.
 */
export function writeEntries(fd: number, keys: Iterable<string>, valueOf: (key: string) => unknown): void {
  let used = 0;
  for (const k of keys) {
    const [line, sql] = written(k, valueOf(k));
    used = put(fd, used, line);
    if (sql !== undefined) used = put(fd, used, sql);
  }
  if (used > 0) writeSync(fd, writeBuffer, 0, used);
}
