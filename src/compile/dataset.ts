/**
 * Point-in-time training sets. A dataset whose config lists `features` has a spine for
 * its query (entity keys, event time, label); each listed feature joins it AS OF the
 * event time, so a row only sees feature values computed at or before its event. The
 * generated statement is Snowflake SQL (`ASOF JOIN … MATCH_CONDITION`); the embedded
 * target's translator turns it into DuckDB's ASOF LEFT JOIN like any other query.
 */

import type { Diagnostic } from '../project/diagnostic.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { ProjectConfig } from '../project/schema.js';
import { splitStatements } from '../sql/index.js';

const SPINE = 'spine';

/** The config block line naming `word`, so a diagnostic points at it. */
function lineOf(text: string, word: string): number {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.startsWith('--') && new RegExp(`\\b${word}\\b`).test(l));
  return index < 0 ? 1 : index + 1;
}

function problem(feature: FeatureFile, word: string, code: string, message: string, hint: string): Diagnostic {
  return { file: feature.file, line: lineOf(feature.text, word), col: 1, severity: 'error', code, message, hint };
}

/**
 * The file with its statement wrapped in the point-in-time joins. The spine keeps its
 * place in the file, so positions inside it stay right for diagnostics.
 */
export function pointInTimeFile(
  feature: FeatureFile,
  featuresByName: ReadonlyMap<string, FeatureFile>,
  config: ProjectConfig,
): { feature: FeatureFile; diagnostics: Diagnostic[] } {
  const joins = feature.config.features;
  if (joins.length === 0) return { feature, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const time = feature.config.timestamp?.toLowerCase();
  const entity = feature.config.entity ? config.entities[feature.config.entity] : undefined;
  if (!time) diagnostics.push(problem(feature, 'features', 'pit-timestamp', `${feature.name} joins features as of an event time but names none`, 'add `timestamp: <event time column of the spine>`'));
  if (!entity) diagnostics.push(problem(feature, 'features', 'pit-entity', `${feature.name} joins features but has no entity`, 'add `entity: <name>` (declared under `entities:` in mlc.yml)'));
  const selected: string[] = [];
  const clauses: string[] = [];
  joins.forEach((join, i) => {
    const source = featuresByName.get(join.from.toLowerCase());
    if (!source) {
      diagnostics.push(problem(feature, join.from, 'unknown-node', `unknown feature '${join.from}'`, 'name a feature file (features/<name>.sql)'));
      return;
    }
    const sourceTime = source.config.timestamp?.toLowerCase();
    if (!sourceTime) {
      diagnostics.push(
        problem(feature, join.from, 'pit-not-time-series', `${join.from} has no timestamp column, so it cannot be joined as of an event time`, `add \`timestamp: <column>\` to ${source.file}`),
      );
      return;
    }
    if (source.config.entity !== feature.config.entity) {
      diagnostics.push(
        problem(feature, join.from, 'pit-entity', `${join.from} is keyed by entity '${source.config.entity ?? 'none'}', not '${feature.config.entity ?? 'none'}'`, 'join features of the spine\'s entity'),
      );
      return;
    }
    if (!time || !entity) return;
    const alias = `f${i + 1}`;
    const schema = source.config.schema ?? (source.config.kind === 'feature' ? config.schemas.features : undefined);
    const table = `${schema ? `${schema.toLowerCase()}.` : ''}${source.name.toLowerCase()}`;
    const keys = entity.join_keys.map((k) => `${SPINE}.${k.toLowerCase()} = ${alias}.${k.toLowerCase()}`).join(' AND ');
    clauses.push(`ASOF JOIN ${table} ${alias} MATCH_CONDITION(${SPINE}.${time} >= ${alias}.${sourceTime}) ON ${keys}`);
    selected.push(...join.columns.map((c) => `${alias}.${c.toLowerCase()}`));
  });
  const statement = splitStatements(feature.text)[0];
  if (diagnostics.length > 0 || !statement) return { feature, diagnostics };
  const start = statement.offset;
  const end = start + statement.text.length;
  const text = `${feature.text.slice(0, start)}SELECT ${SPINE}.*, ${selected.join(', ')} FROM (${statement.text}\n) ${SPINE}\n${clauses.join('\n')}${feature.text.slice(end)}`;
  return { feature: { ...feature, text }, diagnostics };
}
