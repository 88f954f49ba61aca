/**
 * Keyword classes the query parser needs. Each upper-case word maps to a bit set of its
 * classes, looked up once per token (Cursor.classes): the parser then tests bits rather
 * than probing several word sets for every token it passes.
 */

import { shapeFirst, shapeLength, shapeOf, type Token } from './tokenize.js';

/**
 * A map from upper-case words (all shorter than 32 characters) that rejects most other
 * words by their shape (first character and length, see Token) before hashing them for the
 * look-up: most words of a query are identifiers, not keywords.
 */
export class WordMap<T> {
  /** Per first character code, a bit for each length of the words that start with it. */
  private readonly lengths = new Uint32Array(128);
  private readonly values = new Map<string, T>();

  set(word: string, value: T): void {
    this.values.set(word, value);
    this.lengths[word.charCodeAt(0)]! |= 1 << word.length;
  }

  get(upper: string): T | undefined {
    return this.mayHold(shapeOf(upper)) ? this.values.get(upper) : undefined;
  }

  has(upper: string): boolean {
    return this.get(upper) !== undefined;
  }

  /** get() for an unquoted word's token: its shape rejects most words before their upper case is made. */
  getWord(token: Pick<Token, 'shape' | 'upper'>): T | undefined {
    return this.mayHold(token.shape) ? this.values.get(token.upper) : undefined;
  }

  hasWord(token: Pick<Token, 'shape' | 'upper'>): boolean {
    return this.getWord(token) !== undefined;
  }

  private mayHold(shape: number): boolean {
    const first = shapeFirst(shape);
    const length = shapeLength(shape);
    return first < 128 && length < 32 && (this.lengths[first]! & (1 << length)) !== 0;
  }
}

/** A WordMap used as a set. */
export function wordSet(words: readonly string[]): WordMap<true> {
  const set = new WordMap<true>();
  for (const word of words) set.set(word, true);
  return set;
}

const CLASSES = new WordMap<number>();

/** Adds the words of `list` to a class and returns the class's bit. */
function words(list: string, bit: number): number {
  for (const word of list.split(/\s+/)) {
    if (word !== '') CLASSES.set(word, (CLASSES.get(word) ?? 0) | bit);
  }
  return bit;
}

/** The keyword classes of an unquoted word's token, 0 for none. */
export function keywordClasses(token: Pick<Token, 'shape' | 'upper'>): number {
  return CLASSES.getWord(token) ?? 0;
}

/** Words that end a select list, a FROM clause or a condition at the top level of a query. */
export const CLAUSE_KEYWORDS = words(`
  FROM WHERE GROUP HAVING QUALIFY ORDER LIMIT OFFSET FETCH WINDOW
  UNION INTERSECT EXCEPT MINUS START CONNECT
`, 1 << 0);

export const SET_OPERATORS = words('UNION INTERSECT EXCEPT MINUS', 1 << 1);

/** Words that can begin a join. */
export const JOIN_KEYWORDS = words('JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL ASOF', 1 << 2);

/** Words after a table reference that are never its alias. */
export const NON_ALIAS_WORDS = words(`
  ON USING AT BEFORE CHANGES SAMPLE TABLESAMPLE PIVOT UNPIVOT MATCH_RECOGNIZE MATCH_CONDITION
  LATERAL SELECT WITH AS
`, 1 << 3);

/** Words inside an expression that are never column references. */
export const EXPRESSION_KEYWORDS = words(`
  AND OR NOT IS NULL TRUE FALSE CASE WHEN THEN ELSE END IN BETWEEN LIKE ILIKE RLIKE REGEXP
  ESCAPE EXISTS DISTINCT ALL ANY SOME OVER PARTITION BY ORDER ASC DESC ROWS RANGE GROUPS
  UNBOUNDED PRECEDING FOLLOWING CURRENT ROW WITHIN GROUP IGNORE RESPECT INTERVAL COLLATE
  FROM FOR BOTH LEADING TRAILING SELECT
  CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP LOCALTIME LOCALTIMESTAMP CURRENT_USER CURRENT_ROLE
`, 1 << 4);

/** Expression keywords after which an expression is complete (so a following word is an alias). */
export const VALUE_KEYWORDS = words(`
  END NULL TRUE FALSE CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP LOCALTIME LOCALTIMESTAMP
  CURRENT_USER CURRENT_ROLE
`, 1 << 5);

/** Type names that form a typed literal with a following string: DATE '2024-01-01'. */
export const TYPED_LITERALS = words('DATE TIME TIMESTAMP TIMESTAMP_NTZ TIMESTAMP_LTZ TIMESTAMP_TZ INTERVAL', 1 << 6);

/** Functions whose bare-word arguments can be date parts: DATEADD(day, 1, d). */
export const DATE_PART_FUNCTIONS = words(`
  DATEADD DATEDIFF DATE_TRUNC DATE_PART TIMEADD TIMEDIFF TIMESTAMPADD TIMESTAMPDIFF
  TIMESTAMP_TRUNC TRUNC LAST_DAY TIME_SLICE EXTRACT
`, 1 << 7);

export const DATE_PARTS = words(`
  YEAR YEARS Y YY YYY YYYY YR YRS QUARTER QUARTERS Q QTR QTRS MONTH MONTHS MM MON MONS
  WEEK WEEKS W WK WEEKOFYEAR WOY WY DAY DAYS D DD DAYOFMONTH DAYOFWEEK DOW DW DAYOFWEEKISO
  DAYOFYEAR DOY DY WEEKISO YEAROFWEEK YEAROFWEEKISO HOUR HOURS H HH HR HRS MINUTE MINUTES M MI MIN MINS
  SECOND SECONDS S SEC SECS MILLISECOND MILLISECONDS MS MSEC MICROSECOND MICROSECONDS US USEC
  NANOSECOND NANOSECONDS NS NSEC EPOCH EPOCH_SECOND EPOCH_MILLISECOND EPOCH_MICROSECOND
  EPOCH_NANOSECOND TIMEZONE_HOUR TIMEZONE_MINUTE
`, 1 << 8);

/** Output columns of the table functions whose columns are fixed. */
export const TABLE_FUNCTION_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ['FLATTEN', ['seq', 'key', 'path', 'index', 'value', 'this']],
  ['SPLIT_TO_TABLE', ['seq', 'index', 'value']],
  ['STRTOK_SPLIT_TO_TABLE', ['seq', 'index', 'value']],
  ['GENERATOR', []],
]);
