/**
 * A feature SQL file: an optional YAML config block in its leading `--` comment lines,
 * then one SELECT statement. A blank line ends the config block; comments after it are
 * ordinary SQL comments.
 */

import type { Diagnostic } from './diagnostic.js';
import { parsePlainMapping } from './plain-mapping.js';
import { featureConfigSchema, type FeatureConfig } from './schema.js';
import { parseYaml } from './yaml.js';

export interface FeatureFile {
  file: string;
  /** The file stem: the node and table name. */
  name: string;
  config: FeatureConfig;
  /** The whole file text; offsets into it are the SQL's offsets. */
  text: string;
}

const CONFIG_LINE = /^(\s*--\s?)(.*)$/;

export function parseFeatureFile(file: string, name: string, text: string): { feature?: FeatureFile; diagnostics: Diagnostic[] } {
  const yamlLines: string[] = [];
  const prefixes: number[] = [];
  // Line by line from the top: the config block is a few lines, the SQL after it is not split.
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    // A file saved with Windows line endings: the `\r` would keep the pattern from matching.
    const lineEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const match = CONFIG_LINE.exec(text.slice(start, lineEnd));
    if (!match) break;
    prefixes.push(match[1]!.length);
    yamlLines.push(match[2]!);
    start = end + 1;
  }
  const plain = parsePlainMapping(yamlLines);
  const quick = plain && validPlainConfig(plain);
  if (quick) return { feature: { file, name, config: quick, text }, diagnostics: [] };
  const parsed = parseYaml(yamlLines.join('\n') || '{}', featureConfigSchema, file, (line, col) => ({
    line,
    col: col + (prefixes[line - 1] ?? 0),
  }));
  if (!parsed.value) {
    const notConfig =
      yamlLines.length > 0 &&
      parsed.diagnostics.some(
        (d) => (d.code === 'wrong-type' && d.message.includes('the file')) || (d.code === 'yaml-syntax' && !startsWithKey(yamlLines)),
      );
    if (notConfig) {
      return {
        diagnostics: [
          {
            file,
            line: 1,
            col: 1,
            severity: 'error',
            code: 'config-block',
            message: 'the leading comment block is not a YAML mapping',
            hint: 'the leading -- lines are the config (key: value); put free text under `description:` or leave a blank line before it',
          },
        ],
      };
    }
    return { diagnostics: parsed.diagnostics };
  }
  return { feature: { file, name, config: parsed.value, text }, diagnostics: [] };
}

/**
 * Valid configs by everything but their description. The files of a project mostly repeat
 * one another's config (kind, entity, tags, materialization) and differ in the description:
 * validating each whole config was half the time of reading a feature file.
 */
const validated = new Map<string, FeatureConfig | undefined>();
const CONFIG_KEYS = Object.keys(featureConfigSchema.shape) as (keyof FeatureConfig)[];

/** The config of a plain block as the schema gives it, or undefined to let the schema report its problems. */
function validPlainConfig(plain: Record<string, unknown>): FeatureConfig | undefined {
  const { description, ...rest } = plain;
  if (description !== undefined && !featureConfigSchema.shape.description.safeParse(description).success) return undefined;
  const key = JSON.stringify(rest);
  let config = validated.get(key);
  if (!validated.has(key)) {
    const parsed = featureConfigSchema.safeParse(rest);
    config = parsed.success ? parsed.data : undefined;
    validated.set(key, config);
  }
  if (!config) return undefined;
  // The schema's key order, and a copy of each list and mapping: no two files share one.
  const result: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS) {
    const value = k === 'description' ? description : config[k];
    if (value !== undefined) result[k] = Array.isArray(value) ? [...value] : typeof value === 'object' && value !== null ? { ...value } : value;
  }
  return result as FeatureConfig;
}

/** Prose that happens to be followed by `key: value` lines is a YAML error, not a config. */
function startsWithKey(lines: readonly string[]): boolean {
  const first = lines.find((line) => line.trim() !== '');
  return first !== undefined && /^\s*[A-Za-z_][\w-]*\s*:(\s|$)/.test(first);
}
