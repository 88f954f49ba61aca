/** The whole Ink frame as lines, fitted to the terminal height. */

import { layersLabel, listRows, moreLabel, type ListRow } from '../layer-rows.js';
import type { RunState } from '../run-state.js';
import type { RunSnapshot } from '../run-store.js';
import { headerLine, progressLine } from './header-lines.js';
import { nodeLine } from './node-line.js';
import type { Line } from './segment.js';
import { summaryLines } from './summary-lines.js';
import type { TerminalSize } from './use-terminal-size.js';
import { warningLines } from './warning-lines.js';
import { watchLines } from './watch-lines.js';

/** Warnings listed while running, and in the final summary. */
const WARNINGS_WHILE_RUNNING = 3;
const WARNINGS_AT_END = 10;

/**
 * Everything but the node list has a fixed height; the list gets the rest, less one row:
 * a frame as tall as the terminal makes Ink clear the screen on every update.
 */
export function frameLines(snapshot: RunSnapshot, terminal: TerminalSize): Line[] {
  const { state, now } = snapshot;
  const watch = watchLines(state, terminal.columns);
  if (state.runId === undefined) return [headerLine(state), ...watch];
  const top = [headerLine(state), progressLine(state, now)];
  const warnings = warningLines(state, state.end ? WARNINGS_AT_END : WARNINGS_WHILE_RUNNING);
  const summary = state.end ? summaryLines(state, state.end, terminal.columns) : [];
  const budget = terminal.rows - 1 - top.length - warnings.length - summary.length - watch.length;
  const list = listRows(state, budget).map((row) => rowLine(row, state, now));
  return [...top, ...list, ...warnings, ...summary, ...watch];
}

function rowLine(row: ListRow, state: RunState, now: number): Line {
  switch (row.type) {
    case 'node':
      return nodeLine(row.node, state, now);
    case 'layers':
      return [{ text: layersLabel(row), bold: row.expanded, dim: !row.expanded && row.counts.failed === 0, tone: row.counts.failed > 0 ? 'red' : undefined }];
    case 'more':
      return [{ text: `  ${moreLabel(row)}`, tone: 'yellow' }];
  }
}
