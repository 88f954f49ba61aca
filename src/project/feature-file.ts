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
  const quick = plain && featureConfigSchema.safeParse(plain);
  if (quick?.success) return { feature: { file, name, config: quick.data, text }, diagnostics: [] };
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

/** Prose that happens to be followed by `key: value` lines is a YAML error, not a config. */
function startsWithKey(lines: readonly string[]): boolean {
  const first = lines.find((line) => line.trim() !== '');
  return first !== undefined && /^\s*[A-Za-z_][\w-]*\s*:(\s|$)/.test(first);
}
