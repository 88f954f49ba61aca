import type { Diagnostic } from '../project/diagnostic.js';
import type { SqlSyntaxError, Token } from './tokenize.js';

/** A problem found in SQL text, located in that text. The caller adds the file. */
export interface SqlProblem {
  /** A stable identifier of the kind of problem. */
  code: string;
  message: string;
  hint: string;
  /** 1-based line and column, and 0-based offset, in the analyzed text. */
  line: number;
  col: number;
  offset: number;
}

export function problemAt(token: Token, code: string, message: string, hint: string): SqlProblem {
  return { code, message, hint, line: token.line, col: token.col, offset: token.start };
}

export function problemFromSyntaxError(error: SqlSyntaxError): SqlProblem {
  return {
    code: 'sql-syntax',
    message: error.message,
    hint: error.hint,
    line: error.line,
    col: error.col,
    offset: error.offset,
  };
}

export function sqlProblemToDiagnostic(problem: SqlProblem, file: string): Diagnostic {
  return {
    file,
    line: problem.line,
    col: problem.col,
    message: problem.message,
    hint: problem.hint,
    severity: 'error',
    code: problem.code,
  };
}
