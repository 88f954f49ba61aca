import type { AnalyzeOptions, QueryAnalysis, UnnamedColumn } from './analysis.js';
import { matchBrackets } from './brackets.js';
import { Cursor } from './cursor.js';
import { problemAt, problemFromSyntaxError, type SqlProblem } from './problem.js';
import { parseQuery } from './query.js';
import { Resolver } from './resolve.js';
import { significantTokens } from './significant-tokens.js';

/**
 * Analyzes one SELECT-like statement (a trailing `;` and comments are fine): the base
 * relations it reads, its output columns and their lineage. Problems are returned in
 * `errors`, never thrown.
 */
export function analyzeQuery(sql: string, options: AnalyzeOptions = {}): QueryAnalysis {
  const prepared = prepare(sql);
  if ('problem' in prepared) return failed(prepared.problem);
  const { cursor } = prepared;
  const model = parseQuery(cursor, 0, cursor.tokens.length);
  const { output, tables } = new Resolver(options.columnsOf).resolve(model);
  const columns: string[] = [];
  const lineage: QueryAnalysis['lineage'] = [];
  const unnamed: UnnamedColumn[] = [];
  // A loop rather than forEach: a callback per column is slow before the JIT optimizes it.
  for (let position = 0; position < output.columns.length; position++) {
    const column = output.columns[position]!;
    if (column.name !== undefined) {
      columns.push(column.name);
      lineage.push({ column: column.name, sources: column.sources });
    } else if (column.item) {
      const { token, text } = column.item;
      unnamed.push({ position, text, line: token.line, col: token.col, offset: token.start });
    }
  }
  return { tables, columns, columnsComplete: output.complete, unnamed, lineage, errors: cursor.problems };
}

function failed(problem: SqlProblem): QueryAnalysis {
  return { tables: [], columns: [], columnsComplete: false, unnamed: [], lineage: [], errors: [problem] };
}

function prepare(sql: string): { cursor: Cursor } | { problem: SqlProblem } {
  const tokenized = significantTokens(sql);
  if ('error' in tokenized) return { problem: problemFromSyntaxError(tokenized.error) };
  const { tokens: all, semicolons } = tokenized;
  // Trailing semicolons are dropped; any other one separates two statements.
  let end = all.length;
  let separators = semicolons.length;
  while (separators > 0 && semicolons[separators - 1] === end - 1) {
    separators--;
    end--;
  }
  const tokens = end === all.length ? all : all.slice(0, end);
  if (tokens.length === 0) {
    return { problem: { code: 'sql-empty', message: 'the SQL holds no query', hint: 'write a SELECT statement', line: 1, col: 1, offset: 0 } };
  }
  if (separators > 0) {
    const separator = semicolons[0]!;
    const next = tokens[separator + 1] ?? tokens[separator]!;
    return { problem: problemAt(next, 'sql-multiple-statements', 'a second statement follows the query', 'keep one query per file; move the other statement to its own file') };
  }
  const brackets = matchBrackets(tokens);
  if ('problem' in brackets) return brackets;
  const cursor = new Cursor(sql, tokens, brackets.partner);
  let first = 0;
  while (cursor.isOp(first, '(')) first++;
  const word = cursor.word(first);
  if (word !== 'SELECT' && word !== 'WITH' && word !== 'VALUES') {
    const hint =
      word === 'CREATE' || word === 'INSERT'
        ? 'write only the SELECT: mlc creates and fills the table from it'
        : 'a feature file holds one query: SELECT ... or WITH ... SELECT ...';
    return { problem: problemAt(tokens[first] ?? tokens[0]!, 'sql-not-a-query', `expected a query, found ${cursor.describe(first)}`, hint) };
  }
  return { cursor };
}
