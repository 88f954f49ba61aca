/** Warnings with their file:line, newest last; older ones are counted, not listed. */

import { formatCount, formatLocation, nodeLabel } from '../format.js';
import type { RunState, WarningEvent } from '../run-state.js';
import type { Line } from './segment.js';

export function warningLines(state: RunState, limit: number): Line[] {
  const hidden = Math.max(0, state.warnings.length - limit);
  const lines: Line[] = [];
  if (hidden > 0) lines.push([{ text: `⚠ … ${formatCount(hidden)} earlier ${hidden === 1 ? 'warning' : 'warnings'}`, tone: 'yellow', dim: true }]);
  for (const warning of state.warnings.slice(hidden)) {
    const where = warningLocation(state, warning);
    lines.push([{ text: '⚠ ', tone: 'yellow' }, { text: where ? `${where}  ` : '', tone: 'cyan' }, { text: warning.message }]);
  }
  return lines;
}

function warningLocation(state: RunState, warning: WarningEvent): string {
  if (warning.file) return formatLocation(warning.file, warning.line, warning.col);
  const node = warning.id === undefined ? undefined : state.nodes.get(warning.id);
  return node ? nodeLabel(node.node) : '';
}
