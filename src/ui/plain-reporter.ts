/**
 * Non-TTY and CI output: one line per finished, failed or skipped node and a summary,
 * in a fixed, greppable format:
 *
 *     ok  feature customer_features  (1,234 rows, 0.21s)
 *     --  feature customer_features_v2  (unchanged)
 *   SKIP  scoring customer_scores  (failed parent: training_data)
 *   FAIL  dataset training_data  features/training_data.sql:12:5  invalid identifier 'X'
 *   WARN  models/churn.yml:4:3  feature 'age' has no variance
 *   run failed: 3 built, 1 unchanged, 1 skipped, 1 failed in 3.42s
 *
 * `quiet` keeps only failures and the summary.
 */

import type { FailureDetail, RunEvent } from '../run/events.js';
import { painter, type Paint } from './ansi.js';
import {
  builtDetails,
  failureLocation,
  firstLine,
  formatCount,
  formatDuration,
  formatLocation,
  formatOutcomes,
  nodeLabel,
} from './format.js';
import { drained, type Output, type Reporter } from './output.js';
import { SLOWEST_SHOWN, slowestNodes } from './progress.js';
import { sqlExcerpt } from './sql-excerpt.js';
import { applyEvent, createRunState, nodeName, type NodeState, type RunState } from './run-state.js';
import { watchChangeText, watchErrorLines, watchReadyText, watchWaitingText } from './watch-text.js';

export interface PlainReporterOptions {
  stdout: Output;
  color: boolean;
  quiet: boolean;
}

const RUN_STATUS_WORDS = { success: 'succeeded', failed: 'failed', cancelled: 'cancelled' } as const;

export function createPlainReporter(options: PlainReporterOptions): Reporter {
  const { stdout, quiet } = options;
  const paint = painter(options.color);
  const state = createRunState();
  const write = (lines: readonly string[]): void => {
    if (lines.length > 0) stdout.write(`${lines.join('\n')}\n`);
  };

  return {
    listener: (event) => {
      applyEvent(state, event, Date.now());
      const lines = eventLines(state, event, paint);
      if (!quiet || event.type === 'node_fail' || event.type === 'run_end' || event.type === 'watch_error') write(lines);
    },
    done: () => drained(stdout),
  };
}

function eventLines(state: RunState, event: RunEvent, paint: Paint): string[] {
  switch (event.type) {
    case 'run_start':
      return [
        paint(
          `run ${event.runId} on ${event.target}: ${formatCount(event.nodes.length)} nodes, ${event.threads} threads`,
          'dim',
        ),
      ];
    case 'node_finish': {
      const details = builtDetails(event.rows, event.durationMs);
      const detail = event.detail ? `  ${event.detail}` : '';
      return [`${paint('  ok', 'green')}  ${label(state, event.id)}  (${details.join(', ')})${detail}`];
    }
    case 'node_unchanged':
      return [paint(`  --  ${label(state, event.id)}  (unchanged)`, 'dim')];
    case 'node_skip':
      return [
        `${paint('SKIP', 'yellow')}  ${label(state, event.id)}  (failed parent: ${nodeName(state, event.failedParent)})`,
      ];
    case 'node_fail':
      return failLines(state, event.id, event.error, paint);
    case 'warning': {
      const where = event.file ? formatLocation(event.file, event.line, event.col) : event.id ? label(state, event.id) : '';
      return [`${paint('WARN', 'yellow')}  ${where ? `${paint(where, 'cyan')}  ` : ''}${event.message}`];
    }
    case 'run_end':
      return summaryLines(state, event, paint);
    case 'watch_ready':
      return [paint(watchReadyText(event), 'dim')];
    case 'watch_change':
      return [paint(watchChangeText(event), 'cyan')];
    case 'watch_error':
      return [...watchErrorLines(event).map((line) => paint(line, 'red')), paint(watchWaitingText(event), 'yellow')];
    case 'node_start':
    case 'node_progress':
      return [];
  }
}

function label(state: RunState, id: string): string {
  const node = state.nodes.get(id);
  return node ? nodeLabel(node.node) : id;
}

/** The headline holds location and first message line, so one grep finds both; the rest follows indented. */
function failLines(state: RunState, id: string, error: FailureDetail, paint: Paint): string[] {
  const location = failureLocation({ file: state.nodes.get(id)?.node.file ?? '' }, error);
  const code = error.code ? ` [${error.code}]` : '';
  const headline = `${paint('FAIL', 'red', 'bold')}  ${label(state, id)}  ${paint(location, 'cyan')}  ${firstLine(error.message)}${code}`;
  const rest = error.message
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '');
  const body = [...rest, ...sqlExcerpt(error)].map((line) => `      ${paint(line, 'dim')}`);
  return [headline, ...body];
}

function summaryLines(state: RunState, event: Extract<RunEvent, { type: 'run_end' }>, paint: Paint): string[] {
  const lines: string[] = [];
  const slowest = slowestNodes(state, SLOWEST_SHOWN);
  if (slowest.length > 0) lines.push(paint(`slowest: ${slowest.map(slowestEntry).join(', ')}`, 'dim'));
  const warnings = state.warnings.length;
  const warningNote = warnings > 0 ? `, ${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'}` : '';
  const headline = `run ${RUN_STATUS_WORDS[event.status]}: ${formatOutcomes(event.counts)} in ${formatDuration(event.durationMs)}${warningNote}`;
  lines.push(paint(headline, event.status === 'success' ? 'green' : 'red', 'bold'));
  return lines;
}

function slowestEntry(node: NodeState): string {
  return `${node.node.name} ${formatDuration(node.durationMs ?? 0)}`;
}
