/**
 * Statements to run once on every DuckDB connection before translated SQL.
 *
 * The macros are TEMP macros: they live in the connection's `temp` catalog, which is
 * always on DuckDB's search path whatever the current schema is, and they are never
 * written into the user's database file. A database built by one mlc version therefore
 * never carries another version's macro bodies, and no project schema is polluted. Every
 * name starts with `mlc_` so it cannot collide with a user's function. The settings make
 * DuckDB behave like a Snowflake session where the two differ.
 */

const SETTINGS = [
  // Snowflake sorts NULL as the largest value: last when ascending, first when descending.
  "SET default_null_order = 'nulls_last_on_asc_first_on_desc'",
  // `/` on integers is exact division (7/2 = 3.5) in Snowflake, never truncating.
  'SET integer_division = false',
  // Snowflake raises on x/0; NULL is closer to that than DuckDB's default Infinity/NaN.
  'SET ieee_floating_point_ops = false',
  // A fixed session zone keeps CURRENT_TIMESTAMP and LTZ conversions deterministic.
  "SET TimeZone = 'UTC'",
];

/** Snowflake's INITCAP word delimiters: whitespace and these punctuation characters. */
const INITCAP_WORD = `[^\\s!?@"^#$&~_,.:;+*%/|\\\\\\[\\](){}<>=-]+|[\\s!?@"^#$&~_,.:;+*%/|\\\\\\[\\](){}<>=-]+`;

const MACROS = [
  // DATEADD with a calendar part keeps a DATE a DATE; DuckDB's date + interval is a TIMESTAMP.
  `CREATE OR REPLACE TEMP MACRO mlc_dateadd(x DATE, i INTERVAL) AS CAST(x + i AS DATE),
    (x TIMESTAMP, i INTERVAL) AS x + i,
    (x TIMESTAMPTZ, i INTERVAL) AS x + i,
    (x TIME, i INTERVAL) AS x + i`,
  // ADD_MONTHS keeps a month-end a month-end (Feb 29 + 1 month = Mar 31).
  `CREATE OR REPLACE TEMP MACRO mlc_add_months(x DATE, n) AS
    CASE WHEN x = last_day(x) THEN last_day(x + to_months(CAST(n AS INTEGER))) ELSE CAST(x + to_months(CAST(n AS INTEGER)) AS DATE) END,
    (x TIMESTAMP, n) AS
    CASE WHEN CAST(x AS DATE) = last_day(x) THEN last_day(x + to_months(CAST(n AS INTEGER))) + (x - date_trunc('day', x)) ELSE x + to_months(CAST(n AS INTEGER)) END`,
  // DATE_TRUNC on a DATE returns a DATE in Snowflake.
  `CREATE OR REPLACE TEMP MACRO mlc_date_trunc(p VARCHAR, x DATE) AS CAST(date_trunc(p, x) AS DATE),
    (p VARCHAR, x TIMESTAMP) AS date_trunc(p, x),
    (p VARCHAR, x TIMESTAMPTZ) AS date_trunc(p, x)`,
  // Snowflake weeks start on Monday and DATEDIFF counts week boundaries crossed.
  `CREATE OR REPLACE TEMP MACRO mlc_datediff_week(a, b) AS
    date_diff('day', CAST(date_trunc('week', a) AS DATE), CAST(date_trunc('week', b) AS DATE)) // 7`,
  `CREATE OR REPLACE TEMP MACRO mlc_last_day(x, p) AS CASE lower(p)
    WHEN 'month' THEN last_day(x)
    WHEN 'year' THEN CAST(date_trunc('year', x) + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
    WHEN 'quarter' THEN CAST(date_trunc('quarter', x) + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)
    WHEN 'week' THEN CAST(date_trunc('week', x) + INTERVAL 6 DAY AS DATE) END`,
  'CREATE OR REPLACE TEMP MACRO mlc_div0(a, b) AS CASE WHEN b = 0 THEN 0 ELSE a / b END',
  'CREATE OR REPLACE TEMP MACRO mlc_div0null(a, b) AS CASE WHEN b = 0 OR b IS NULL THEN 0 ELSE a / b END',
  'CREATE OR REPLACE TEMP MACRO mlc_nvl2(a, b, c) AS CASE WHEN a IS NOT NULL THEN b ELSE c END',
  'CREATE OR REPLACE TEMP MACRO mlc_try_parse_json(s) AS CASE WHEN json_valid(s) THEN json(s) END',
  // OBJECT_CONSTRUCT omits pairs whose value is SQL NULL.
  `CREATE OR REPLACE TEMP MACRO mlc_object(entries) AS
    to_json(map_from_entries(list_filter(entries, e -> e.v IS NOT NULL)))::JSON`,
  // OBJECT_CONSTRUCT(*): Snowflake keys are the resolved column names (unquoted = upper case).
  `CREATE OR REPLACE TEMP MACRO mlc_object_star(j) AS to_json(map_from_entries(list_filter(
    list_transform(json_keys(j), k -> {'k': CASE WHEN regexp_full_match(k, '[a-z_][a-z0-9_$]*') THEN upper(k) ELSE k END,
                                       'v': json_extract(j, '$."' || replace(k, '"', '\\"') || '"')}),
    e -> json_type(e.v) <> 'NULL')))::JSON`,
  `CREATE OR REPLACE TEMP MACRO mlc_array_contains(v, arr) AS list_contains(from_json(arr, '["JSON"]'), to_json(v))`,
  // Snowflake treats part 0 as part 1; negative parts count from the end.
  `CREATE OR REPLACE TEMP MACRO mlc_split_part(s, sep, n) AS split_part(s, sep, CASE WHEN n = 0 THEN 1 ELSE n END)`,
  // STRTOK: every character of the delimiter string separates; empty tokens are skipped.
  `CREATE OR REPLACE TEMP MACRO mlc_strtok_list(s, d) AS list_filter(
    regexp_split_to_array(s, '[' || regexp_replace(d, '([\\]\\[\\\\^-])', '\\\\\\1', 'g') || ']'), t -> t <> '')`,
  `CREATE OR REPLACE TEMP MACRO mlc_charindex(sub, s, pos) AS CASE
    WHEN strpos(substr(s, greatest(pos, 1)), sub) = 0 THEN 0
    ELSE strpos(substr(s, greatest(pos, 1)), sub) + greatest(pos, 1) - 1 END`,
  `CREATE OR REPLACE TEMP MACRO mlc_initcap(s) AS array_to_string(list_transform(
    regexp_extract_all(s, '${INITCAP_WORD}'), w -> upper(left(w, 1)) || lower(substr(w, 2))), '')`,
  // REGEXP_SUBSTR returns NULL (not '') when there is no such match.
  `CREATE OR REPLACE TEMP MACRO mlc_regexp_substr(s, p, pos, occ, grp) AS regexp_extract_all(substr(s, pos), p, grp)[occ]`,
  'CREATE OR REPLACE TEMP MACRO mlc_regexp_count(s, p, pos) AS length(regexp_extract_all(substr(s, pos), p))',
  // Snowflake's HASH is a signed 64-bit integer; DuckDB's is unsigned. Shift the range.
  'CREATE OR REPLACE TEMP MACRO mlc_signed_hash(h) AS CAST(CAST(h AS HUGEINT) - 9223372036854775808 AS BIGINT)',
  // FLATTEN's columns. SEQ has no DuckDB counterpart and is NULL (references are diagnosed).
  `CREATE OR REPLACE TEMP MACRO mlc_flatten(input) AS TABLE
    SELECT NULL::BIGINT AS seq,
           CASE WHEN json_type(input) = 'OBJECT' THEN e.key END AS "key",
           CASE WHEN json_type(input) = 'OBJECT' THEN ltrim(e.fullkey, '$.') ELSE ltrim(e.fullkey, '$') END AS path,
           CASE WHEN json_type(input) = 'ARRAY' THEN CAST(e.key AS BIGINT) END AS "index",
           CAST(e.value AS JSON) AS "value",
           CAST(input AS JSON) AS this
    FROM json_each(input) AS e`,
];

export const DUCKDB_PRELUDE: readonly string[] = [...SETTINGS, ...MACROS];
