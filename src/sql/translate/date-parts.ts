/** Snowflake's spellings of date and time parts, by canonical DuckDB part name. */
const SPELLINGS: Record<string, readonly string[]> = {
  year: ['Y', 'YY', 'YYY', 'YYYY', 'YR', 'YEAR', 'YEARS', 'YRS'],
  quarter: ['Q', 'QTR', 'QTRS', 'QUARTER', 'QUARTERS'],
  month: ['MM', 'MON', 'MONS', 'MONTH', 'MONTHS'],
  week: ['W', 'WK', 'WEEK', 'WEEKS', 'WEEKOFYEAR', 'WOY', 'WY'],
  day: ['D', 'DD', 'DAY', 'DAYS', 'DAYOFMONTH'],
  hour: ['H', 'HH', 'HR', 'HOUR', 'HOURS', 'HRS'],
  minute: ['M', 'MI', 'MIN', 'MINUTE', 'MINUTES', 'MINS'],
  second: ['S', 'SEC', 'SECOND', 'SECONDS', 'SECS'],
  millisecond: ['MS', 'MSEC', 'MILLISECOND', 'MILLISECONDS'],
  microsecond: ['US', 'USEC', 'MICROSECOND', 'MICROSECONDS'],
  nanosecond: ['NS', 'NSEC', 'NANOSEC', 'NSECOND', 'NANOSECOND', 'NANOSECONDS', 'NANOSECS'],
  dayofweek: ['DAYOFWEEK', 'WEEKDAY', 'DOW', 'DW'],
  isodow: ['DAYOFWEEKISO', 'WEEKDAY_ISO', 'DOW_ISO', 'DW_ISO'],
  dayofyear: ['DAYOFYEAR', 'YEARDAY', 'DOY', 'DY'],
  isoyear: ['YEAROFWEEK', 'YEAROFWEEKISO'],
  epoch: ['EPOCH_SECOND', 'EPOCH', 'EPOCH_SECONDS'],
};

const BY_SPELLING = new Map<string, string>();
for (const [part, spellings] of Object.entries(SPELLINGS)) {
  for (const spelling of spellings) BY_SPELLING.set(spelling, part);
}

/** The canonical part for a Snowflake spelling (any case), or undefined. */
export function datePart(spelling: string): string | undefined {
  return BY_SPELLING.get(spelling.toUpperCase());
}

/** Parts that move a DATE by whole days or more, so a DATE stays a DATE. */
export const CALENDAR_PARTS: ReadonlySet<string> = new Set(['year', 'quarter', 'month', 'week', 'day']);

/** A DuckDB INTERVAL expression of `n` units of `part`, or undefined for parts without one. */
export function intervalOf(part: string, n: string): string | undefined {
  const whole = `CAST(${n} AS INTEGER)`;
  switch (part) {
    case 'year':
      return `to_years(${whole})`;
    case 'quarter':
      return `to_months(3 * ${whole})`;
    case 'month':
      return `to_months(${whole})`;
    case 'week':
      return `to_weeks(${whole})`;
    case 'day':
      return `to_days(${whole})`;
    case 'hour':
      return `to_hours(CAST(${n} AS BIGINT))`;
    case 'minute':
      return `to_minutes(CAST(${n} AS BIGINT))`;
    case 'second':
      return `to_seconds(${n})`;
    case 'millisecond':
      return `to_milliseconds(${n})`;
    case 'microsecond':
      return `to_microseconds(CAST(${n} AS BIGINT))`;
    default:
      return undefined;
  }
}
