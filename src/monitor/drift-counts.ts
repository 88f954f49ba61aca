import type { Dialect } from '../targets/target.js';
import { bernoulliSample, stringLiteral } from './dialect.js';
import { column, double, NULL_PERIOD, periodExpression, selectFrom, unionAll } from './sql-text.js';
import type { Cte } from './sql-text.js';
import type { CurrentSample, Sample } from './types.js';

/*
 * Every statistic reads per-value counts rather than rows: one GROUP BY per feature and
 * sample, then window functions over the distinct values. That is exact (each distinct
 * value keeps its count) and far cheaper than sorting rows when values repeat.
 */

export interface Samples {
  dialect: Dialect;
  reference: Sample;
  current: CurrentSample;
  columns: readonly string[];
  /** Share of rows drawn from each sample (DriftSpec.sample). */
  sample?: number;
}

export function bucketed(current: CurrentSample): boolean {
  return current.period !== undefined;
}

/** ref_rows, cur_rows and periods (the current sample's periods; one NULL period when not bucketed). */
export function sampleCtes(s: Samples): Cte[] {
  const columns = s.columns.map(column).join(', ');
  const period = s.current.period;
  const curColumns = period ? `${periodExpression(period.column, period.grain)} AS period, ${columns}` : columns;
  // A drawn sample is small: it is drawn once and kept, rather than redrawn per feature.
  const rows = (sql: string): Pick<Cte, 'sql' | 'evaluation'> =>
    s.sample === undefined
      ? { sql, evaluation: 'inline' }
      : { sql: `SELECT * FROM (${sql}) AS drawn ${bernoulliSample(s.dialect, s.sample)}`, evaluation: 'once' };
  return [
    { name: 'ref_rows', ...rows(selectFrom(s.reference, columns)) },
    { name: 'cur_rows', ...rows(selectFrom(s.current, curColumns)) },
    {
      name: 'periods',
      sql: period ? 'SELECT DISTINCT period FROM cur_rows' : `SELECT ${NULL_PERIOD} AS period`,
    },
  ];
}

/** Groups by the raw column (cheaper than grouping a cast) and converts the value after. */
function featureCounts(rows: string, id: number, feature: string, convert: (value: string) => string, byPeriod: boolean): string {
  const col = column(feature);
  const inner = byPeriod
    ? `SELECT period, ${col} AS x, COUNT(*) AS c FROM ${rows} WHERE ${col} IS NOT NULL GROUP BY period, ${col}`
    : `SELECT ${col} AS x, COUNT(*) AS c FROM ${rows} WHERE ${col} IS NOT NULL GROUP BY ${col}`;
  const period = byPeriod ? 'period' : `${NULL_PERIOD} AS period`;
  return `SELECT ${id} AS feature_id, ${period}, ${convert('x')} AS v, c FROM (${inner}) AS g`;
}

/**
 * `feature_names`: each feature's name by its `feature_id`. The statistics carry the
 * number instead: grouping, sorting and windows over an integer key cost less than over
 * the name.
 */
export function featureNamesCte(dialect: Dialect, features: readonly string[]): Cte {
  return {
    name: 'feature_names',
    sql: unionAll(features.map((f, id) => `SELECT ${id} AS feature_id, ${stringLiteral(dialect, f)} AS feature`)),
  };
}

function varchar(expression: string): string {
  return `CAST(${expression} AS VARCHAR)`;
}

/**
 * `<prefix>_grid`: per feature and period, every distinct value of the reference and of
 * that period's current sample with both counts. The reference side is repeated for each
 * period, so a bucketed run costs periods × distinct reference values here. Feature i of
 * `features` gets the id `firstId + i` (see featureNamesCte).
 */
export function gridCtes(s: Samples, prefix: 'num' | 'cat', features: readonly string[], firstId = 0): Cte[] {
  const convert = prefix === 'num' ? double : varchar;
  const byPeriod = bucketed(s.current);
  const counts = (rows: string, split: boolean): string =>
    unionAll(features.map((f, i) => featureCounts(rows, firstId + i, f, convert, split)));
  return [
    { name: `${prefix}_ref`, sql: counts('ref_rows', false), evaluation: 'once' },
    { name: `${prefix}_cur`, sql: counts('cur_rows', byPeriod), evaluation: 'once' },
    {
      name: `${prefix}_grid`,
      sql: [
        // Counts stay BIGINT: DuckDB widens SUM(BIGINT) to HUGEINT, whose window sums are slow.
        'SELECT feature_id, period, v, CAST(SUM(c_ref) AS BIGINT) AS c_ref, CAST(SUM(c_cur) AS BIGINT) AS c_cur FROM (',
        `SELECT r.feature_id, p.period, r.v, r.c AS c_ref, 0 AS c_cur FROM ${prefix}_ref AS r CROSS JOIN periods AS p`,
        'UNION ALL',
        `SELECT feature_id, period, v, 0 AS c_ref, c AS c_cur FROM ${prefix}_cur`,
        ') AS u GROUP BY feature_id, period, v',
      ].join('\n'),
      evaluation: 'once',
    },
  ];
}
