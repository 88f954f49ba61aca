/** What a compile derives from one feature file's text alone, so any thread can compute it. */

import { analyzeFeature, type FeatureAnalysis } from '../graph/analyze.js';
import type { FeatureFile } from '../project/feature-file.js';
import { translateToDuckDb, type TranslateResult } from '../sql/translate/index.js';

/** The part of a feature file the analysis reads. */
export type FileInput = Pick<FeatureFile, 'file' | 'text'>;

export interface FileResults {
  analysis: FeatureAnalysis;
  /** The DuckDB translation of the file's statement, when it has one. */
  translation?: { sql: string; result: TranslateResult };
}

export function computeFileResults(input: FileInput): FileResults {
  const analysis = analyzeFeature(input);
  const sql = analysis.statement?.text;
  return { analysis, translation: sql === undefined ? undefined : { sql, result: translateToDuckDb(sql) } };
}
