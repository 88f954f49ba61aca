const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/** The value of a Snowflake '…' literal: backslash escapes and doubled quotes resolved. */
export function stringValue(literal: string): string {
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (c === '\\' && i + 1 < body.length) {
      const e = body[i + 1]!;
      if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
        out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
        i += 3;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
        i += 5;
      } else {
        out += ESCAPES[e] ?? e;
        i++;
      }
    } else out += c;
  }
  return out;
}

/** A DuckDB literal for a string value (DuckDB strings have no backslash escapes). */
export function duckString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A Snowflake string literal rewritten for DuckDB, unchanged when it has no escapes. */
export function translateStringLiteral(literal: string): string {
  return literal.includes('\\') ? duckString(stringValue(literal)) : literal;
}
