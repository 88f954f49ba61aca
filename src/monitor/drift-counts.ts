import type { Dialect } from '../targets/target.js';
import { bernoulliSample, keySample, stringLiteral } from './dialect.js';
import { column, double, NULL_PERIOD, periodExpression, restrict, selectFrom, unionAll } from './sql-text.js';
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
  /** Column both samples carry that the draw hashes (DriftSpec.key). */
  key?: string;
}

export function bucketed(current: CurrentSample): boolean {
  return current.period !== undefined;
}

/** The columns naming one distribution (one feature, in one period when bucketed). */
export type DistributionKey = readonly string[];

/**
 * The feature, and the period when the current sample is bucketed. Unbucketed, the
 * statistics carry no period at all and the results get a NULL one at the end: as a
 * constant extra key of every sort, grouping and join it cost a tenth of the query.
 */
export function distributionKey(current: CurrentSample): DistributionKey {
  return bucketed(current) ? ['feature_id', 'period'] : ['feature_id'];
}

/** The period a result row carries: the distribution's own (read through `alias`) when bucketed, else NULL. */
export function periodColumn(current: CurrentSample, alias = ''): string {
  return bucketed(current) ? `${alias}period` : `${NULL_PERIOD} AS period`;
}

/** The key's columns as a list, each prefixed with `alias.` when given. */
export function keyList(key: DistributionKey, alias?: string): string {
  return key.map((k) => (alias ? `${alias}.${k}` : k)).join(', ');
}

/** `a` and `b` name the same distribution. A bucketed sample's NULL times make a NULL period. */
export function keyMatch(key: DistributionKey, a: string, b: string): string {
  return key.map((k) => (k === 'period' ? `${a}.period IS NOT DISTINCT FROM ${b}.period` : `${a}.${k} = ${b}.${k}`)).join(' AND ');
}

/** ref_rows, cur_rows and, when the current sample is bucketed, its periods. */
export function sampleCtes(s: Samples): Cte[] {
  const columns = s.columns.map(column).join(', ');
  const period = s.current.period;
  const curColumns = period ? `${periodExpression(period.column, period.grain)} AS period, ${columns}` : columns;
  // A drawn sample is small: it is drawn once and kept, rather than redrawn per feature.
  const rows = (side: Sample, selected: string): Pick<Cte, 'sql' | 'evaluation'> => {
    const { sample, key } = s;
    if (sample === undefined) return { sql: selectFrom(side, selected), evaluation: 'inline' };
    // By key, the draw is a condition on the side's own rows, which DuckDB applies during the scan.
    if (key !== undefined) {
      return { sql: selectFrom(restrict(side, keySample(s.dialect, column(key), sample)), selected), evaluation: 'once' };
    }
    return { sql: `SELECT * FROM (${selectFrom(side, selected)}) AS drawn ${bernoulliSample(s.dialect, sample)}`, evaluation: 'once' };
  };
  const ctes: Cte[] = [
    { name: 'ref_rows', ...rows(s.reference, columns) },
    { name: 'cur_rows', ...rows(s.current, curColumns) },
  ];
  if (period) ctes.push({ name: 'periods', sql: 'SELECT DISTINCT period FROM cur_rows' });
  return ctes;
}

/** Groups by the raw column (cheaper than grouping a cast) and converts the value after. */
function featureCounts(rows: string, id: number, feature: string, convert: (value: string) => string, byPeriod: boolean): string {
  const col = column(feature);
  const inner = byPeriod
    ? `SELECT period, ${col} AS x, COUNT(*) AS c FROM ${rows} WHERE ${col} IS NOT NULL GROUP BY period, ${col}`
    : `SELECT ${col} AS x, COUNT(*) AS c FROM ${rows} WHERE ${col} IS NOT NULL GROUP BY ${col}`;
  return `SELECT ${id} AS feature_id, ${byPeriod ? 'period, ' : ''}${convert('x')} AS v, c FROM (${inner}) AS g`;
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
 * `<prefix>_grid`: per distribution (see distributionKey), every distinct value of the
 * reference and of the current sample with both counts. When bucketed, the reference side
 * is repeated for each period, so a bucketed run costs periods × distinct reference values
 * here. Feature i of `features` gets the id `firstId + i` (see featureNamesCte).
 */
export function gridCtes(s: Samples, prefix: 'num' | 'cat', features: readonly string[], firstId = 0): Cte[] {
  const convert = prefix === 'num' ? double : varchar;
  const byPeriod = bucketed(s.current);
  const key = distributionKey(s.current);
  const counts = (rows: string, split: boolean): string =>
    unionAll(features.map((f, i) => featureCounts(rows, firstId + i, f, convert, split)));
  const reference = byPeriod
    ? `(SELECT n.feature_id, p.period, n.v, n.c FROM ${prefix}_ref AS n CROSS JOIN periods AS p)`
    : `${prefix}_ref`;
  return [
    { name: `${prefix}_ref`, sql: counts('ref_rows', false), evaluation: 'once' },
    { name: `${prefix}_cur`, sql: counts('cur_rows', byPeriod), evaluation: 'once' },
    {
      name: `${prefix}_grid`,
      // Each count table holds a (distribution, value) once: a full join pairs the two
      // counts for about a tenth less CPU over the whole query than regrouping their union.
      sql: [
        `SELECT ${[...key, 'v'].map((k) => `COALESCE(r.${k}, c.${k}) AS ${k}`).join(', ')},`,
        'COALESCE(r.c, 0) AS c_ref, COALESCE(c.c, 0) AS c_cur',
        `FROM ${reference} AS r`,
        `FULL JOIN ${prefix}_cur AS c ON ${keyMatch(key, 'c', 'r')} AND c.v = r.v`,
      ].join('\n'),
      evaluation: 'once',
    },
  ];
}
