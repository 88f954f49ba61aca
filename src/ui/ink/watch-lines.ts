/**
 * Watch mode, under the run: the compile error being waited on (wrapped, never cut: it is
 * what the user must read), else the last change, and what is watched.
 */

import type { RunState } from '../run-state.js';
import { watchChangeText, watchErrorLines, watchReadyText, watchWaitingText } from '../watch-text.js';
import { wrapText } from '../wrap-text.js';
import type { Line } from './segment.js';

export function watchLines(state: RunState, columns: number): Line[] {
  const watch = state.watch;
  if (!watch) return [];
  const lines: Line[] = [];
  if (watch.error) {
    lines.push([{ text: 'compile error', tone: 'red', bold: true }]);
    for (const line of watchErrorLines(watch.error)) {
      for (const part of wrapText(line, columns)) lines.push([{ text: part, tone: 'red' }]);
    }
    lines.push([{ text: watchWaitingText(watch.error), tone: 'yellow' }]);
  } else if (watch.change) lines.push([{ text: `last change: ${watchChangeText(watch.change)}`, tone: 'cyan' }]);
  if (watch.ready) lines.push([{ text: watchReadyText(watch.ready), dim: true }]);
  return lines;
}
