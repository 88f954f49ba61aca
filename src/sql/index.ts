export { tokenize, significant, isKeyword, identifierName, quotedIdentifierName, SqlSyntaxError } from './tokenize.js';
export type { Token, TokenKind } from './tokenize.js';
export { splitStatements } from './statements.js';
export type { Statement } from './statements.js';
export { analyzeQuery } from './analyze.js';
export type {
  AnalyzeOptions,
  ColumnLineage,
  ColumnSource,
  ColumnsOf,
  QueryAnalysis,
  TableReference,
  UnnamedColumn,
} from './analysis.js';
export { normalizeForFingerprint } from './fingerprint.js';
export { sqlProblemToDiagnostic, problemFromSyntaxError } from './problem.js';
export type { SqlProblem } from './problem.js';
