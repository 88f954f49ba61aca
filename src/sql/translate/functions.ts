import type { Token } from '../tokenize.js';
import { defaultCall } from './call.js';
import type { Call } from './call.js';
import { CALENDAR_PARTS, datePart, intervalOf } from './date-parts.js';
import { duckType } from './data-types.js';
import { strftimeFormat } from './formats.js';
import { jsonOperand, keyStep, indexStep, parsePath } from './json-access.js';
import type { Operand } from './json-access.js';
import { duckString, stringValue } from './strings.js';
import { isToken, isTrivia } from './tree.js';
import type { Node } from './tree.js';
import type { Translator } from './translator.js';

/** A rewrite rule: the DuckDB text or operand for a call, or undefined to copy it as written. */
export type Rule = (call: Call, t: Translator) => Operand | string | undefined;

export const FUNCTIONS = new Map<string, Rule>();

const define = (names: string, rule: Rule): void => {
  for (const name of names.split(' ')) FUNCTIONS.set(name, rule);
};

/** The single literal token an argument consists of, if it is one. */
function literal(nodes: readonly Node[] | undefined): Token | undefined {
  if (nodes === undefined) return undefined;
  let only: Node | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (isTrivia(node)) continue;
    if (only !== undefined) return undefined;
    only = node;
  }
  return isToken(only) ? only : undefined;
}

function stringArg(c: Call, i: number): string | undefined {
  const token = literal(c.argNodes[i]);
  return token?.kind === 'string' ? stringValue(token.text) : undefined;
}

function arity(c: Call, t: Translator, min: number, max: number): boolean {
  if (c.args.length >= min && c.args.length <= max) return true;
  const expected = min === max ? `${min}` : `${min} to ${max}`;
  t.diagnose(c.token, c.name, `${c.name} takes ${expected} arguments, not ${c.args.length}`, 'check the Snowflake documentation for the signature');
  return false;
}

const rename =
  (name: string): Rule =>
  (c) =>
    defaultCall(c, name);

/** The canonical date part named by argument i (a bare word or a string literal). */
function part(c: Call, t: Translator, i: number): string | undefined {
  const token = literal(c.argNodes[i]);
  const spelling = token?.kind === 'string' ? stringValue(token.text) : token?.kind === 'word' ? token.text : undefined;
  const found = spelling === undefined ? undefined : datePart(spelling);
  if (!found) t.diagnose(token ?? c.token, c.name, `${c.name} needs a literal date part, got ${c.args[i] ?? 'nothing'}`, 'write a part such as day, month or year');
  return found;
}

/** A date/time argument; a string literal is read as a TIMESTAMP, as Snowflake does. */
function temporal(c: Call, i: number): string {
  const token = literal(c.argNodes[i]);
  return token?.kind === 'string' ? `CAST(${c.args[i]} AS TIMESTAMP)` : c.args[i]!;
}

// --- Conditional and null handling -------------------------------------------------------
define('IFF', (c, t) => (arity(c, t, 3, 3) ? `if(${c.args.join(', ')})` : undefined));
define('NVL IFNULL', (c, t) => (arity(c, t, 2, 2) ? `coalesce(${c.args.join(', ')})` : undefined));
define('NVL2', (c, t) => (arity(c, t, 3, 3) ? `mlc_nvl2(${c.args.join(', ')})` : undefined));
define('ZEROIFNULL', (c, t) => (arity(c, t, 1, 1) ? `coalesce(${c.args[0]}, 0)` : undefined));
define('NULLIFZERO', (c, t) => (arity(c, t, 1, 1) ? `nullif(${c.args[0]}, 0)` : undefined));
define('DIV0', (c, t) => (arity(c, t, 2, 2) ? `mlc_div0(${c.args.join(', ')})` : undefined));
define('DIV0NULL', (c, t) => (arity(c, t, 2, 2) ? `mlc_div0null(${c.args.join(', ')})` : undefined));
define('EQUAL_NULL', (c, t) => (arity(c, t, 2, 2) ? `(${c.args[0]} IS NOT DISTINCT FROM ${c.args[1]})` : undefined));
define('DECODE', (c, t) => {
  if (!arity(c, t, 3, 255)) return undefined;
  const [subject, ...rest] = c.args;
  let text = 'CASE';
  for (let i = 0; i + 1 < rest.length; i += 2) text += ` WHEN ${subject} IS NOT DISTINCT FROM ${rest[i]} THEN ${rest[i + 1]}`;
  return `${text}${rest.length % 2 === 1 ? ` ELSE ${rest[rest.length - 1]}` : ''} END`;
});
// Snowflake's GREATEST/LEAST/CONCAT return NULL when any argument is NULL; DuckDB's skip NULLs.
define('GREATEST LEAST', (c) => {
  const nulls = c.args.map((a) => `${a} IS NULL`).join(' OR ');
  return `CASE WHEN ${nulls} THEN NULL ELSE ${c.name.toLowerCase()}(${c.args.join(', ')}) END`;
});
define('CONCAT', (c) => `CASE WHEN ${c.args.map((a) => `${a} IS NULL`).join(' OR ')} THEN NULL ELSE concat(${c.args.join(', ')}) END`);
define('CONCAT_WS', (c, t) => {
  if (!arity(c, t, 2, 255)) return undefined;
  return `CASE WHEN ${c.args.map((a) => `${a} IS NULL`).join(' OR ')} THEN NULL ELSE concat_ws(${c.args.join(', ')}) END`;
});

// --- Dates and times ---------------------------------------------------------------------
define('DATEADD TIMESTAMPADD TIMEADD', (c, t) => {
  if (!arity(c, t, 3, 3)) return undefined;
  const p = part(c, t, 0);
  if (!p) return undefined;
  const interval = intervalOf(p, c.args[1]!);
  if (!interval) {
    t.diagnose(c.token, c.name, `${c.name} with part ${p} has no DuckDB translation`, 'DuckDB timestamps have microsecond precision');
    return undefined;
  }
  const x = temporal(c, 2);
  return CALENDAR_PARTS.has(p) ? `mlc_dateadd(${x}, ${interval})` : `(${x} + ${interval})`;
});
define('ADD_MONTHS', (c, t) => (arity(c, t, 2, 2) ? `mlc_add_months(${temporal(c, 0)}, ${c.args[1]})` : undefined));
define('DATEDIFF TIMESTAMPDIFF TIMEDIFF', (c, t) => {
  if (!arity(c, t, 3, 3)) return undefined;
  const p = part(c, t, 0);
  if (!p) return undefined;
  const [a, b] = [temporal(c, 1), temporal(c, 2)];
  if (p === 'week') return `mlc_datediff_week(${a}, ${b})`;
  if (!intervalOf(p, '0')) {
    t.diagnose(c.token, c.name, `${c.name} with part ${p} has no DuckDB translation`, 'use day, hour, minute or second');
    return undefined;
  }
  return `date_diff('${p}', ${a}, ${b})`;
});
define('DATE_TRUNC', (c, t) => {
  if (!arity(c, t, 2, 2)) return undefined;
  const p = part(c, t, 0);
  return p ? `mlc_date_trunc('${p}', ${temporal(c, 1)})` : undefined;
});
define('TRUNC TRUNCATE', (c) => {
  // TRUNC(date, 'MONTH') truncates a date; TRUNC(number[, scale]) a number.
  const spelling = stringArg(c, 1);
  const p = spelling === undefined ? undefined : datePart(spelling);
  if (p) return `mlc_date_trunc('${p}', ${temporal(c, 0)})`;
  return c.args.length === 2 ? `(trunc(${c.args[0]} * 10 ^ ${c.args[1]}) / 10 ^ ${c.args[1]})` : `trunc(${c.args[0]})`;
});
define('DATE_PART', (c, t) => {
  if (!arity(c, t, 2, 2)) return undefined;
  const p = part(c, t, 0);
  return p ? `date_part('${p}', ${temporal(c, 1)})` : undefined;
});
define('LAST_DAY', (c, t) => {
  if (!arity(c, t, 1, 2)) return undefined;
  const p = c.args.length === 2 ? part(c, t, 1) : 'month';
  if (!p) return undefined;
  return p === 'month' ? `last_day(${temporal(c, 0)})` : `mlc_last_day(${temporal(c, 0)}, '${p}')`;
});
define('YEAROFWEEK YEAROFWEEKISO', rename('isoyear'));
define('DAYOFWEEKISO', rename('isodow'));
define('WEEKISO', rename('weekofyear'));
define('CURRENT_DATE', () => 'current_date');
define('CURRENT_TIMESTAMP GETDATE SYSTIMESTAMP', () => 'current_timestamp');
define('LOCALTIMESTAMP', () => 'current_localtimestamp()');
define('CURRENT_TIME LOCALTIME', () => 'current_localtime()');
define('SYSDATE', () => `CAST(timezone('UTC', now()) AS TIMESTAMP)`);
define('DATE_FROM_PARTS DATEFROMPARTS', rename('make_date'));
define('TIMESTAMP_FROM_PARTS TIMESTAMP_NTZ_FROM_PARTS TIMESTAMPFROMPARTS', rename('make_timestamp'));
define('CONVERT_TIMEZONE', (c, t) => {
  if (!arity(c, t, 2, 3)) return undefined;
  // 3 arguments: a wall-clock time moved between zones (NTZ in, NTZ out).
  if (c.args.length === 3) return `timezone(${c.args[1]}, timezone(${c.args[0]}, CAST(${c.args[2]} AS TIMESTAMP)))`;
  // 2 arguments: the same instant; DuckDB's TIMESTAMPTZ carries no zone of its own.
  return `CAST(${c.args[1]} AS TIMESTAMPTZ)`;
});

// --- Conversion --------------------------------------------------------------------------
function toNumber(tryCast: boolean): Rule {
  return (c, t) => {
    if (!arity(c, t, 1, 4)) return undefined;
    if (literal(c.argNodes[1])?.kind === 'string') {
      t.diagnose(c.token, c.name, `${c.name} with a format has no DuckDB translation`, 'remove the format and clean the string with REPLACE first');
      return undefined;
    }
    const type = duckType('NUMBER', c.args.slice(1));
    return t.cast(c.operands[0]!, type!, tryCast);
  };
}
define('TO_NUMBER TO_DECIMAL TO_NUMERIC', toNumber(false));
define('TRY_TO_NUMBER TRY_TO_DECIMAL TRY_TO_NUMERIC', toNumber(true));
define('TO_DOUBLE', (c, t) => t.cast((c.operands[0] ?? { text: '' }), duckType('DOUBLE', [])!, false));
define('TRY_TO_DOUBLE', (c, t) => t.cast((c.operands[0] ?? { text: '' }), duckType('DOUBLE', [])!, true));
define('TO_BOOLEAN', (c, t) => t.cast((c.operands[0] ?? { text: '' }), duckType('BOOLEAN', [])!, false));
define('TRY_TO_BOOLEAN', (c, t) => t.cast((c.operands[0] ?? { text: '' }), duckType('BOOLEAN', [])!, true));

function withFormat(c: Call, t: Translator, tryCast: boolean, target: string): string | undefined {
  const raw = stringArg(c, 1);
  if (c.args.length > 1 && raw === undefined) {
    if (literal(c.argNodes[1])?.kind === 'number' && target !== 'DATE') {
      // TO_TIMESTAMP(n, scale): n is seconds * 10^scale since the epoch.
      return `make_timestamp(CAST(${c.args[0]} * 10 ^ (6 - ${c.args[1]}) AS BIGINT))`;
    }
    t.diagnose(c.token, c.name, `${c.name} needs a literal format on DuckDB`, "write the format as a string literal, e.g. 'YYYY-MM-DD'");
    return undefined;
  }
  if (raw === undefined) return undefined;
  const format = strftimeFormat(raw);
  if (format === undefined) {
    t.diagnose(c.token, c.name, `format '${raw}' has an element with no DuckDB counterpart`, 'use YYYY, MM, DD, HH24, MI, SS, FF and literal separators');
    return undefined;
  }
  return `CAST(${tryCast ? 'try_strptime' : 'strptime'}(${c.args[0]}, ${duckString(format)}) AS ${target})`;
}

function temporalConversion(target: string, tryCast: boolean): Rule {
  return (c, t) => {
    if (!arity(c, t, 1, 2)) return undefined;
    if (c.args.length === 2) return withFormat(c, t, tryCast, target);
    const value = literal(c.argNodes[0]);
    if (value?.kind === 'number' && target !== 'DATE') return `CAST(make_timestamp(CAST(${value.text} * 1000000.0 AS BIGINT)) AS ${target})`;
    return t.cast(c.operands[0]!, duckType(target, [])!, tryCast);
  };
}
define('TO_DATE DATE', temporalConversion('DATE', false));
define('TRY_TO_DATE', temporalConversion('DATE', true));
define('TO_TIMESTAMP TO_TIMESTAMP_NTZ', temporalConversion('TIMESTAMP', false));
define('TRY_TO_TIMESTAMP TRY_TO_TIMESTAMP_NTZ', temporalConversion('TIMESTAMP', true));
define('TO_TIMESTAMP_LTZ TO_TIMESTAMP_TZ', temporalConversion('TIMESTAMPTZ', false));
define('TRY_TO_TIMESTAMP_LTZ TRY_TO_TIMESTAMP_TZ', temporalConversion('TIMESTAMPTZ', true));
define('TO_VARCHAR TO_CHAR', (c, t) => {
  if (!arity(c, t, 1, 2)) return undefined;
  if (c.args.length === 1) return t.cast(c.operands[0]!, duckType('VARCHAR', [])!, false);
  const raw = stringArg(c, 1);
  const format = raw === undefined ? undefined : strftimeFormat(raw);
  if (format === undefined) {
    t.diagnose(c.token, c.name, `${c.name} format ${c.args[1]} has no DuckDB translation`, 'use a date/time format such as YYYY-MM-DD HH24:MI:SS');
    return undefined;
  }
  return `strftime(${c.args[0]}, ${duckString(format)})`;
});
define('CAST TRY_CAST', (c, t) => {
  const nodes = c.argNodes[0] ?? [];
  let as = -1;
  nodes.forEach((n, i) => {
    if (isToken(n) && n.upper === 'AS') as = i;
  });
  if (c.argNodes.length !== 1 || as < 0) return undefined;
  let typeAt = as + 1;
  while (isTrivia(nodes[typeAt])) typeAt++;
  const parsed = t.parseType(nodes, typeAt);
  if (!parsed.type) return undefined;
  const op = t.operand(nodes.slice(0, as));
  if (!op.json && parsed.type.family !== 'json') return `${c.name}(${op.text} AS ${parsed.type.sql})`;
  return t.cast(op, parsed.type, c.name === 'TRY_CAST');
});

// --- Semi-structured data ----------------------------------------------------------------
define('PARSE_JSON', (c, t) => (arity(c, t, 1, 1) ? jsonOperand({ base: `json(${c.args[0]})`, steps: [] }) : undefined));
define('TRY_PARSE_JSON', (c, t) => (arity(c, t, 1, 1) ? jsonOperand({ base: `mlc_try_parse_json(${c.args[0]})`, steps: [] }) : undefined));
define('TO_VARIANT TO_OBJECT TO_ARRAY', (c, t) => (arity(c, t, 1, 1) ? t.toJson(c.args[0]!) : undefined));
define('OBJECT_CONSTRUCT', (c, t) => {
  if (c.args.length === 1 && c.args[0] === '*') return objectStar(c, t);
  if (c.args.length % 2 !== 0) {
    t.diagnose(c.token, c.name, `${c.name} takes key/value pairs, got ${c.args.length} arguments`, 'pass an even number of arguments');
    return undefined;
  }
  const entries: string[] = [];
  for (let i = 0; i < c.args.length; i += 2) entries.push(`{'k': ${c.args[i]}, 'v': to_json(${c.args[i + 1]})}`);
  return jsonOperand({ base: entries.length ? `mlc_object([${entries.join(', ')}])` : `'{}'::JSON`, steps: [] });
});
define('OBJECT_CONSTRUCT_KEEP_NULL', (c) => jsonOperand({ base: `json_object(${c.args.join(', ')})`, steps: [] }));
define('ARRAY_CONSTRUCT', (c) => jsonOperand({ base: `json_array(${c.args.join(', ')})`, steps: [] }));
define('ARRAY_SIZE', (c, t) => (arity(c, t, 1, 1) ? `CAST(json_array_length(${c.args[0]}) AS BIGINT)` : undefined));
define('ARRAY_CONTAINS', (c, t) => (arity(c, t, 2, 2) ? `mlc_array_contains(${c.args[0]}, ${c.args[1]})` : undefined));
define('GET', (c, t) => {
  if (!arity(c, t, 2, 2)) return undefined;
  const base = c.operands[0]!;
  const access = base.json ?? { base: base.text, steps: [] };
  const key = literal(c.argNodes[1]);
  const step =
    key?.kind === 'number' && /^\d+$/.test(key.text)
      ? indexStep(Number(key.text))
      : key?.kind === 'string'
        ? keyStep(stringValue(key.text))
        : { kind: 'dynamic' as const, expr: `(${c.args[1]})` };
  return jsonOperand({ ...access, steps: [...access.steps, step] });
});
define('GET_PATH', (c, t) => {
  if (!arity(c, t, 2, 2)) return undefined;
  const raw = stringArg(c, 1);
  const steps = raw === undefined ? undefined : parsePath(raw);
  if (!steps) {
    t.diagnose(c.token, c.name, 'GET_PATH needs a literal, well-formed path on DuckDB', "write GET_PATH(v, 'a.b[0]')");
    return undefined;
  }
  const base = c.operands[0]!;
  const access = base.json ?? { base: base.text, steps: [] };
  return jsonOperand({ ...access, steps: [...access.steps, ...steps] });
});
define('SPLIT', (c, t) => (arity(c, t, 2, 2) ? jsonOperand({ base: `to_json(string_split(${c.args.join(', ')}))`, steps: [] }) : undefined));
define('STRTOK_TO_ARRAY', (c, t) =>
  arity(c, t, 1, 2) ? jsonOperand({ base: `to_json(mlc_strtok_list(${c.args[0]}, ${c.args[1] ?? "' '"}))`, steps: [] }) : undefined,
);

/** OBJECT_CONSTRUCT(*) needs the row of the single table in the enclosing FROM. */
function objectStar(c: Call, t: Translator): Operand | undefined {
  const table = t.singleFromAlias(c.token);
  if (!table) {
    t.diagnose(c.token, 'OBJECT_CONSTRUCT(*)', 'OBJECT_CONSTRUCT(*) is only translated over a single table or subquery', 'list the columns: OBJECT_CONSTRUCT(\'a\', a, …)');
    return undefined;
  }
  return jsonOperand({ base: `mlc_object_star(to_json(${table}))`, steps: [] });
}

// --- Aggregates and windows --------------------------------------------------------------
define('BOOLOR_AGG', rename('bool_or'));
define('BOOLAND_AGG', rename('bool_and'));
define('HLL', rename('approx_count_distinct'));
define('APPROX_PERCENTILE', rename('approx_quantile'));
define('STDDEV', rename('stddev_samp'));
define('VARIANCE VARIANCE_SAMP', rename('var_samp'));
define('VARIANCE_POP', rename('var_pop'));
// Snowflake skips NULLs only in the ordering column; a NULL in the returned column is returned.
define('MAX_BY', (c) => (c.args.length === 3 ? `to_json(${defaultCall(c, 'max_by')})` : defaultCall(c, 'arg_max_null')));
define('MIN_BY', (c) => (c.args.length === 3 ? `to_json(${defaultCall(c, 'min_by')})` : defaultCall(c, 'arg_min_null')));
define('LISTAGG', (c, t) => {
  if (!arity(c, t, 1, 2)) return undefined;
  const order = c.within ? ` ${c.within}` : '';
  // Snowflake returns '' when there is nothing to aggregate.
  return `coalesce(string_agg(${c.args[0]}, ${c.args[1] ?? "''"}${order})${c.over}, '')`;
});
define('ARRAY_AGG ARRAYAGG', (c, t) => {
  if (!arity(c, t, 1, 1)) return undefined;
  const value = c.args[0]!.replace(/^DISTINCT\s+/i, '');
  const order = c.within ? ` ${c.within}` : '';
  // Snowflake skips NULLs and returns [] for an empty input.
  return jsonOperand({ base: `coalesce(to_json(list(${c.args[0]}${order}) FILTER (WHERE ${value} IS NOT NULL)${c.over}), '[]'::JSON)`, steps: [] });
});
define('OBJECT_AGG', (c, t) => {
  if (!arity(c, t, 2, 2)) return undefined;
  const [k, v] = c.args;
  // Pairs with a NULL key or value are skipped; an empty input gives {}.
  return jsonOperand({ base: `mlc_object(list({'k': ${k}, 'v': to_json(${v})}) FILTER (WHERE ${k} IS NOT NULL)${c.over})`, steps: [] });
});
define('RATIO_TO_REPORT', (c, t) => {
  if (!arity(c, t, 1, 1)) return undefined;
  if (!c.over) {
    t.diagnose(c.token, c.name, 'RATIO_TO_REPORT needs an OVER clause', 'write RATIO_TO_REPORT(x) OVER (PARTITION BY …)');
    return undefined;
  }
  return `(${c.args[0]} / nullif(sum(${c.args[0]})${c.over}, 0))`;
});

// --- Random values and hashes --------------------------------------------------------------
// The embedded target draws different random values: same range and type, not the same numbers.
define('RANDOM', () => 'CAST(floor((random() - 0.5) * 18446744073709549568.0) AS BIGINT)');
define('UNIFORM', (c, t) => {
  if (!arity(c, t, 3, 3)) return undefined;
  const integer = [0, 1].every((i) => {
    const token = literal(c.argNodes[i]);
    return token?.kind === 'number' && /^-?\d+$/.test(token.text);
  });
  const [lo, hi] = c.args;
  return integer
    ? `CAST(${lo} + floor(random() * (${hi} - ${lo} + 1)) AS BIGINT)`
    : `(${lo} + random() * (${hi} - ${lo}))`;
});
// A signed 64-bit hash like Snowflake's, deterministic, but with different values.
define('HASH', (c, t) => {
  if (c.args.includes('*')) {
    t.diagnose(c.token, 'HASH(*)', 'HASH(*) has no DuckDB translation', 'list the columns: HASH(a, b)');
    return undefined;
  }
  return `mlc_signed_hash(hash(${c.args.join(', ')}))`;
});
define('MD5 MD5_HEX', rename('md5'));
define('SHA1 SHA1_HEX', rename('sha1'));
define('SHA2 SHA2_HEX', (c, t) => {
  if (!arity(c, t, 1, 2)) return undefined;
  if (c.args.length === 2 && c.args[1] !== '256') {
    t.diagnose(c.token, c.name, `${c.name} with ${c.args[1]} bits has no DuckDB translation`, 'use SHA2(x) or SHA2(x, 256)');
    return undefined;
  }
  return `sha256(${c.args[0]})`;
});
define('UUID_STRING', (c) => (c.args.length === 0 ? 'CAST(uuid() AS VARCHAR)' : undefined));

// --- Strings and regular expressions ------------------------------------------------------
/** Snowflake regex parameters as an RE2 inline-flag prefix. */
function regexFlags(c: Call, t: Translator, i: number): { flags: string; group: boolean } | undefined {
  if (c.args[i] === undefined) return { flags: '', group: false };
  const raw = stringArg(c, i);
  if (raw === undefined || /[^cimse]/.test(raw)) {
    t.diagnose(c.token, c.name, `${c.name} parameters ${c.args[i]} are not supported`, "use a literal made of 'c', 'i', 'm', 's', 'e'");
    return undefined;
  }
  let flags = '';
  for (const f of raw) {
    if (f === 'i') flags = flags.replace('i', '') + 'i';
    if (f === 'c') flags = flags.replace('i', '');
    if ((f === 'm' || f === 's') && !flags.includes(f)) flags += f;
  }
  return { flags, group: raw.includes('e') };
}

function pattern(c: Call, flags: string): string {
  return flags ? `('(?${flags})' || ${c.args[1]})` : c.args[1]!;
}

define('RLIKE REGEXP_LIKE', (c, t) => {
  if (!arity(c, t, 2, 3)) return undefined;
  const f = regexFlags(c, t, 2);
  return f ? `regexp_full_match(${c.args[0]}, ${pattern(c, f.flags)})` : undefined;
});
define('REGEXP_SUBSTR', (c, t) => {
  if (!arity(c, t, 2, 6)) return undefined;
  const f = regexFlags(c, t, 4);
  if (!f) return undefined;
  const group = c.args[5] ?? (f.group ? '1' : '0');
  return `mlc_regexp_substr(${c.args[0]}, ${pattern(c, f.flags)}, ${c.args[2] ?? '1'}, ${c.args[3] ?? '1'}, ${group})`;
});
define('REGEXP_COUNT', (c, t) => {
  if (!arity(c, t, 2, 4)) return undefined;
  const f = regexFlags(c, t, 3);
  return f ? `mlc_regexp_count(${c.args[0]}, ${pattern(c, f.flags)}, ${c.args[2] ?? '1'})` : undefined;
});
define('REGEXP_REPLACE', (c, t) => {
  if (!arity(c, t, 2, 6)) return undefined;
  if ((c.args[3] ?? '1') !== '1' || (c.args[4] ?? '0') !== '0') {
    t.diagnose(c.token, c.name, 'REGEXP_REPLACE with a position or occurrence has no DuckDB translation', 'replace every occurrence from the start');
    return undefined;
  }
  const f = regexFlags(c, t, 5);
  // Snowflake replaces every occurrence by default.
  return f ? `regexp_replace(${c.args[0]}, ${pattern(c, f.flags)}, ${c.args[2] ?? "''"}, 'g')` : undefined;
});
define('SPLIT_PART', (c, t) => (arity(c, t, 3, 3) ? `mlc_split_part(${c.args.join(', ')})` : undefined));
define('STRTOK', (c, t) => (arity(c, t, 1, 3) ? `mlc_strtok_list(${c.args[0]}, ${c.args[1] ?? "' '"})[${c.args[2] ?? '1'}]` : undefined));
define('STARTSWITH', rename('starts_with'));
define('ENDSWITH', rename('ends_with'));
define('LEN', rename('length'));
define('INITCAP', (c, t) => {
  if (!arity(c, t, 1, 1)) return undefined;
  return `mlc_initcap(${c.args[0]})`;
});
define('CHARINDEX', (c, t) => (arity(c, t, 2, 3) ? `mlc_charindex(${c.args[0]}, ${c.args[1]}, ${c.args[2] ?? '1'})` : undefined));
define('POSITION', (c) => (c.args.length >= 2 ? `mlc_charindex(${c.args[0]}, ${c.args[1]}, ${c.args[2] ?? '1'})` : undefined));
define('LPAD RPAD', (c, t) => (arity(c, t, 2, 3) ? `${c.name.toLowerCase()}(${c.args[0]}, ${c.args[1]}, ${c.args[2] ?? "' '"})` : undefined));
define('REPLACE', (c) => (c.args.length === 2 ? `replace(${c.args[0]}, ${c.args[1]}, '')` : undefined));
