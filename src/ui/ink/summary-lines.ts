/** The end of the run: outcome counts, the slowest nodes, and every failure with its SQL. */

import { failureLocation, formatDuration, formatOutcomes, nodeLabel } from '../format.js';
import { sqlExcerpt } from '../sql-excerpt.js';
import { wrapText } from '../wrap-text.js';
import { SLOWEST_SHOWN, failedNodes, slowestNodes } from '../progress.js';
import type { RunEndEvent, RunState } from '../run-state.js';
import { plain, type Line } from './segment.js';

const MESSAGE_INDENT = '    ';

const HEADLINES = { success: 'run succeeded', failed: 'run failed', cancelled: 'run cancelled' } as const;

/** Failure messages wrap to `columns` rather than being cut: they are what the user must read. */
export function summaryLines(state: RunState, end: RunEndEvent, columns: number): Line[] {
  const lines: Line[] = [
    [
      { text: HEADLINES[end.status], tone: end.status === 'success' ? 'green' : 'red', bold: true },
      plain(` in ${formatDuration(end.durationMs)}: ${formatOutcomes(end.counts)}`),
    ],
  ];
  const slowest = slowestNodes(state, SLOWEST_SHOWN);
  if (slowest.length > 0) {
    lines.push([{ text: 'slowest:', bold: true }]);
    const width = Math.max(...slowest.map((node) => formatDuration(node.durationMs ?? 0).length));
    for (const node of slowest) {
      lines.push([{ text: `  ${formatDuration(node.durationMs ?? 0).padStart(width)}  `, dim: true }, plain(nodeLabel(node.node))]);
    }
  }
  const failed = failedNodes(state);
  if (failed.length > 0) lines.push([{ text: 'failures:', bold: true, tone: 'red' }]);
  for (const node of failed) {
    if (!node.error) continue;
    lines.push([
      { text: '✗ ', tone: 'red', bold: true },
      { text: nodeLabel(node.node), bold: true },
      { text: `  ${failureLocation(node.node, node.error)}`, tone: 'cyan' },
      { text: node.error.code ? `  [${node.error.code}]` : '', dim: true },
    ]);
    for (const message of node.error.message.trimEnd().split(/\r?\n/)) {
      for (const part of wrapText(message, columns - MESSAGE_INDENT.length)) lines.push([{ text: `${MESSAGE_INDENT}${part}`, tone: 'red' }]);
    }
    for (const excerpt of sqlExcerpt(node.error)) lines.push([{ text: `${MESSAGE_INDENT}${excerpt}`, dim: !excerpt.startsWith('>') }]);
  }
  return lines;
}
