/** The SQL analysis of one feature file, with the checks a feature's SQL must pass. */

import { positionAt } from '../project/diagnostic.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { ColumnsOf, QueryAnalysis } from '../sql/analysis.js';
import { analyzeQuery, normalizeForFingerprint, splitStatements, type Statement } from '../sql/index.js';
import type { SqlProblem } from '../sql/problem.js';
import { shortHash } from './hash.js';

export interface FeatureAnalysis {
  analysis?: QueryAnalysis;
  /** The file's one statement and the hash of its fingerprint form, when the analysis succeeded. */
  statement?: Statement;
  sqlHash?: string;
  problems: SqlProblem[];
}

/**
 * Splitting, analyzing and normalizing run back to back so they share one tokenization
 * (the tokenizer's memo holds the last text only).
 */
export function analyzeFeature(feature: Pick<FeatureFile, 'file' | 'text'>, columnsOf?: ColumnsOf): FeatureAnalysis {
  const statements = splitStatements(feature.text);
  if (statements.length === 0) {
    return {
      problems: [
        { code: 'empty-sql', message: `${feature.file} has no SQL statement`, hint: 'write one SELECT statement that defines the table', ...positionOfEnd(feature.text) },
      ],
    };
  }
  if (statements.length > 1) {
    const second = statements[1]!;
    return {
      problems: [
        {
          code: 'multiple-statements',
          message: 'a feature file holds one statement, this one has a second',
          hint: 'move the second statement into its own file in features/',
          line: second.line,
          col: second.col,
          offset: second.offset,
        },
      ],
    };
  }
  // One shape of options for every file: the first `SELECT *` file otherwise made the optimized analyzer fall back.
  const analysis = analyzeQuery(feature.text, { columnsOf });
  const problems = analysis.errors.slice();
  for (const unnamed of analysis.unnamed) {
    problems.push({
      code: 'unnamed-column',
      message: `the expression '${unnamed.text.length > 40 ? `${unnamed.text.slice(0, 37)}...` : unnamed.text}' has no column name`,
      hint: 'give it an alias: <expression> AS <column_name>',
      line: unnamed.line,
      col: unnamed.col,
      offset: unnamed.offset,
    });
  }
  const duplicate = firstDuplicate(analysis.columns);
  if (duplicate) {
    problems.push({ code: 'duplicate-column', message: `the column '${duplicate}' appears twice in the output`, hint: 'alias one of them to another name', line: 1, col: 1, offset: 0 });
  }
  if (problems.length > 0) return { problems };
  return { analysis, statement: statements[0], sqlHash: shortHash(normalizeForFingerprint(feature.text)), problems };
}

/** The first name that also appears earlier. A loop, not find(): it runs once per file, mostly before the JIT optimizes it. */
function firstDuplicate(names: readonly string[]): string | undefined {
  for (let i = 1; i < names.length; i++) if (names.lastIndexOf(names[i]!, i - 1) >= 0) return names[i];
  return undefined;
}

function positionOfEnd(text: string): { line: number; col: number; offset: number } {
  return { ...positionAt(text, text.length), offset: text.length };
}
