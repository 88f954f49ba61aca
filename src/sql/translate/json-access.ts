import { stringValue } from './strings.js';

/** One step into a semi-structured value: a static JSONPath suffix or a runtime key/index. */
export type PathStep = { kind: 'static'; path: string } | { kind: 'dynamic'; expr: string };

/** A VARIANT-valued expression, kept as base + steps so a cast can read it as text. */
export interface JsonAccess {
  base: string;
  steps: PathStep[];
}

/** A rendered expression; `json` is set when it is known to hold a VARIANT (DuckDB JSON). */
export interface Operand {
  text: string;
  json?: JsonAccess;
}

export function keyStep(key: string): PathStep {
  const path = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `."${key.replace(/"/g, '\\"')}"`;
  return { kind: 'static', path };
}

export function indexStep(index: number): PathStep {
  return { kind: 'static', path: `[${index}]` };
}

/**
 * DuckDB SQL for the access. With `asText` the last step uses `->>`, which yields a
 * JSON string without its quotes, as Snowflake's cast of a VARIANT string does.
 */
export function renderJson(access: JsonAccess, asText: boolean): string {
  const merged: string[] = [];
  let pending = '';
  for (const step of access.steps) {
    if (step.kind === 'static') pending += step.path;
    else {
      if (pending) merged.push(`'$${pending}'`);
      pending = '';
      merged.push(step.expr);
    }
  }
  if (pending) merged.push(`'$${pending}'`);
  if (merged.length === 0) return asText ? `(${access.base} ->> '$')` : access.base;
  let text = access.base;
  for (let i = 0; i < merged.length; i++) {
    const op = asText && i === merged.length - 1 ? '->>' : '->';
    text = `(${text} ${op} ${merged[i]})`;
  }
  return text;
}

export function jsonOperand(access: JsonAccess): Operand {
  return { text: renderJson(access, false), json: access };
}

/** Steps for a Snowflake path string such as `a.b[0]` or `a["b c"]`, or undefined if malformed. */
export function parsePath(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  const re = /\s*(?:\.?([A-Za-z_$][A-Za-z0-9_$]*)|\.?"((?:[^"]|"")*)"|\[\s*(\d+)\s*\]|\[\s*'((?:[^']|'')*)'\s*\]|\[\s*"((?:[^"]|"")*)"\s*\])/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push(keyStep(m[1]));
    else if (m[2] !== undefined) steps.push(keyStep(m[2].replace(/""/g, '"')));
    else if (m[3] !== undefined) steps.push(indexStep(Number(m[3])));
    else if (m[4] !== undefined) steps.push(keyStep(stringValue(`'${m[4]}'`)));
    else if (m[5] !== undefined) steps.push(keyStep(m[5].replace(/""/g, '"')));
    i = re.lastIndex;
  }
  return steps;
}
