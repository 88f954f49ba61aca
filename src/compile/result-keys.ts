/** The keys of the result cache's entries (result-cache.ts): a kind's letter and a hash of the entry's input. */

import { sha256 } from '../graph/hash.js';
import type { FeatureFile } from '../project/feature-file.js';

type Kind = 'analysis' | 'translation';

export function resultKey(kind: Kind, text: string): string {
  return `${kind[0]}${sha256(text).slice(0, 32)}`;
}

/**
 * Problems name the file, so the path is part of an analysis's input; `upstream` is the rest
 * of it for an analysis that used the columns of the relations the file reads.
 */
export function analysisKey(feature: Pick<FeatureFile, 'file' | 'text'>, upstream = ''): string {
  return resultKey('analysis', `${feature.file}\u0000${feature.text}${upstream}`);
}

/** The key of the translation of a feature file's statement: the statement is part of the file, so the file's hash keys it too. */
export function fileTranslationKey(fileAnalysisKey: string): string {
  return `t${fileAnalysisKey.slice(1)}`;
}
