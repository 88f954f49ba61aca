/**
 * Data tests: per-column checks (unique, not_null, accepted_values, range,
 * relationships), the entity key's uniqueness, and custom SQL assertions. Each is a
 * query returning the offending rows. They run after the node's new table is built and
 * before it replaces the old one, so a failing `error` test leaves the old table in place.
 */

import type { ProjectGraph } from '../graph/build.js';
import { relationKey, type Relation } from '../graph/node.js';
import type { GraphNode, SqlNode } from '../graph/types.js';
import { closest, type Diagnostic } from '../project/diagnostic.js';
import type { ProjectConfig } from '../project/schema.js';
import { identifierName, tokenize } from '../sql/tokenize.js';
import { literal, qualified } from './names.js';

export type Severity = 'error' | 'warn';

export interface DataTest {
  name: string;
  severity: Severity;
  /** Returns the offending rows. */
  query: string;
}

const MARKER = /^-- mlc:test (\S+) (error|warn)\n/;

/** The statement that runs a test: the offending rows' count and a sample of five. */
export function testStatement(test: DataTest): string {
  return `-- mlc:test ${test.name} ${test.severity}\nSELECT COUNT(*) OVER () AS mlc_failures, offending.*\nFROM (\n${test.query}\n) offending\nLIMIT 5`;
}

export function testOf(statement: string): { name: string; severity: Severity } | undefined {
  const match = MARKER.exec(statement);
  return match ? { name: match[1]!, severity: match[2] as Severity } : undefined;
}

/** Rewrites references to `from` in a query so it reads `to` (the table built aside). */
function retarget(sql: string, from: Relation, to: Relation): string {
  if (relationKey(from) === relationKey(to)) return sql;
  const tokens = tokenize(sql);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const dot = tokens[i + 1];
    const name = tokens[i + 2];
    if (from.schema && (t.kind === 'word' || t.kind === 'quoted') && identifierName(t) === from.schema && dot?.text === '.' && name && identifierName(name) === from.name) {
      out.push(qualified(to));
      i += 2;
    } else if (!from.schema && (t.kind === 'word' || t.kind === 'quoted') && identifierName(t) === from.name && tokens[i - 1]?.text !== '.') {
      out.push(qualified(to));
    } else out.push(t.text);
  }
  return out.join('');
}

function relationshipTargets(node: SqlNode): { column: string; to: string }[] {
  return Object.entries(node.feature.config.tests).flatMap(([column, tests]) =>
    tests.flatMap((test) => (typeof test === 'object' && 'relationships' in test ? [{ column, to: test.relationships.to }] : [])),
  );
}

function relationalNode(graph: ProjectGraph, name: string): GraphNode | undefined {
  return [...graph.nodes.values()].find((n) => n.relation && n.name.toLowerCase() === name.toLowerCase());
}

/** A relationships test naming no node is an error where the config names it. */
export function relationshipProblems(node: SqlNode, graph: ProjectGraph): Diagnostic[] {
  const targets = relationshipTargets(node);
  // Most nodes have none: no chain of empty arrays for them.
  if (targets.length === 0) return [];
  return targets
    .filter(({ to }) => !relationalNode(graph, to))
    .map(({ column, to }) => {
      const lines = node.feature.text.split('\n');
      const index = lines.findIndex((l) => l.startsWith('--') && new RegExp(`\\bto:\\s*${to}\\b`).test(l));
      const suggestion = closest(to, [...graph.nodes.values()].filter((n) => n.relation).map((n) => n.name));
      return {
        file: node.file,
        line: index < 0 ? 1 : index + 1,
        col: index < 0 ? 1 : lines[index]!.indexOf(to) + 1,
        severity: 'error' as const,
        code: 'unknown-node',
        message: `the relationships test of ${column} names '${to}', which is not a table of this project`,
        hint: suggestion ? `did you mean '${suggestion}'?` : 'name a feature, dataset or source',
      };
    });
}

/** The node's tests reading `table`; `translate` turns a custom assertion into the target's SQL. */
export function dataTests(node: SqlNode, graph: ProjectGraph, config: ProjectConfig, table: Relation, translate: (sql: string) => string = (sql) => sql): DataTest[] {
  const rel = qualified(table);
  const tests: DataTest[] = [];
  const entity = node.feature.config.entity ? config.entities[node.feature.config.entity] : undefined;
  if (entity && !node.feature.config.timestamp) {
    const keys = entity.join_keys.map((k) => k.toLowerCase());
    tests.push({
      name: `entity_key_unique(${keys.join(',')})`,
      severity: 'error',
      query: `SELECT ${keys.join(', ')}, COUNT(*) AS occurrences FROM ${rel} GROUP BY ${keys.join(', ')} HAVING COUNT(*) > 1`,
    });
  }
  for (const [rawColumn, columnTests] of Object.entries(node.feature.config.tests)) {
    const column = rawColumn.toLowerCase();
    for (const test of columnTests) {
      const [kind, args] = typeof test === 'string' ? [test, { severity: 'error' as Severity }] : (Object.entries(test)[0] as [string, { severity: Severity }]);
      const name = `${kind}(${column})`;
      const severity = args.severity;
      switch (kind) {
        case 'unique':
          tests.push({ name, severity, query: `SELECT ${column}, COUNT(*) AS occurrences FROM ${rel} WHERE ${column} IS NOT NULL GROUP BY ${column} HAVING COUNT(*) > 1` });
          break;
        case 'not_null':
          tests.push({ name, severity, query: `SELECT * FROM ${rel} WHERE ${column} IS NULL` });
          break;
        case 'accepted_values': {
          const values = (args as unknown as { values: (string | number | boolean)[] }).values;
          const list = values.map((v) => (typeof v === 'string' ? literal(v) : String(v))).join(', ');
          tests.push({ name, severity, query: `SELECT * FROM ${rel} WHERE ${column} IS NOT NULL AND ${column} NOT IN (${list})` });
          break;
        }
        case 'range': {
          const { min, max } = args as unknown as { min?: number; max?: number };
          const bounds = [min === undefined ? '' : `${column} < ${min}`, max === undefined ? '' : `${column} > ${max}`].filter(Boolean);
          if (bounds.length > 0) tests.push({ name, severity, query: `SELECT * FROM ${rel} WHERE ${bounds.join(' OR ')}` });
          break;
        }
        case 'relationships': {
          const { to, column: parentColumn } = args as unknown as { to: string; column: string };
          const parent = relationalNode(graph, to);
          if (!parent?.relation) break;
          tests.push({
            name: `relationships(${column} -> ${parent.name}.${parentColumn.toLowerCase()})`,
            severity,
            query: `SELECT * FROM ${rel} child WHERE child.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${qualified(parent.relation)} parent WHERE parent.${parentColumn.toLowerCase()} = child.${column})`,
          });
          break;
        }
      }
    }
  }
  for (const assertion of node.feature.config.assertions) {
    tests.push({ name: assertion.name, severity: assertion.severity, query: retarget(translate(assertion.sql.trim().replace(/;\s*$/, '')), node.relation, table) });
  }
  return tests;
}
