import { stringLiteral } from './dialect.js';
import { column } from './sql-text.js';
import type { Dialect } from '../targets/target.js';
import type { CurrentSample, Sample } from './types.js';

/**
 * Drift windows over scored rows. A window ending on day D holds the rows scored in the
 * `days` days up to and including D; every day with scores ends one window, so the
 * results form a trend whose last point is the current window.
 */

export interface ScoredRows {
  /** A table, or a parenthesised subquery. */
  from: string;
  /** The scoring time column. */
  at: string;
}

function scoredDay(alias: string, at: string): string {
  return `CAST(${alias}.${column(at)} AS DATE)`;
}

function latestDay(rows: ScoredRows): string {
  return `SELECT MAX(${scoredDay('d', rows.at)}) FROM ${rows.from} AS d`;
}

/**
 * One window per day with scores, once the scores span a whole window (a window over the
 * first day or two is too small a sample and raises false alarms), and always the latest
 * one. The period column is the window's last day.
 */
export function rollingWindows(rows: ScoredRows, days: number): CurrentSample {
  const day = scoredDay('s', rows.at);
  const first = `SELECT MIN(${scoredDay('d', rows.at)}) + ${days - 1} FROM ${rows.from} AS d`;
  const ends = [
    `SELECT window_end FROM (SELECT DISTINCT ${scoredDay('d', rows.at)} AS window_end FROM ${rows.from} AS d) AS e`,
    `WHERE window_end >= (${first}) OR window_end = (${latestDay(rows)})`,
  ].join(' ');
  return {
    from: [
      `(SELECT w.window_end, s.* FROM ${rows.from} AS s`,
      `JOIN (${ends}) AS w`,
      `ON ${day} > w.window_end - ${days} AND ${day} <= w.window_end) AS windows`,
    ].join('\n'),
    period: { column: 'window_end' },
  };
}

/** Only the window ending on the last day with scores. */
export function latestWindow(rows: ScoredRows, days: number): CurrentSample {
  return {
    from: `(SELECT w.window_end, s.* FROM ${rows.from} AS s CROSS JOIN (SELECT (${latestDay(rows)}) AS window_end) AS w WHERE ${scoredDay('s', rows.at)} > w.window_end - ${days}) AS latest`,
    period: { column: 'window_end' },
  };
}

/** The scored rows before the latest window: the seed's "historical" sample. */
export function beforeLatestWindow(rows: ScoredRows, days: number): Sample {
  return {
    from: `${rows.from} AS s`,
    where: `${scoredDay('s', rows.at)} <= (SELECT MAX(${scoredDay('d', rows.at)}) - ${days} FROM ${rows.from} AS d)`,
  };
}

/** The scored rows of a fixed range of days, both ends included. */
export function betweenDays(dialect: Dialect, rows: ScoredRows, start: string, end: string): Sample {
  const date = (value: string): string => `CAST(${stringLiteral(dialect, value)} AS DATE)`;
  return { from: `${rows.from} AS s`, where: `${scoredDay('s', rows.at)} BETWEEN ${date(start)} AND ${date(end)}` };
}
