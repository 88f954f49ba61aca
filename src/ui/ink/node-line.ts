/** One node of the list, drawn for its status. */

import { failureLocation, firstLine, builtDetails, formatElapsed, formatMetric, nodeLabel } from '../format.js';
import { nodeName, type NodeProgress, type NodeState, type RunState } from '../run-state.js';
import { plain, type Line, type Segment } from './segment.js';
import { spinnerFrame } from './spinner.js';

const INDENT = '  ';

export function nodeLine(node: NodeState, state: RunState, now: number): Line {
  const label = nodeLabel(node.node);
  switch (node.status) {
    case 'queued':
      return [{ text: `${INDENT}· ${label}  queued`, dim: true }];
    case 'running': {
      const elapsed = node.startedAt === undefined ? '' : `  ${formatElapsed(Math.max(0, now - node.startedAt))}`;
      return [
        plain(INDENT),
        { text: spinnerFrame(now), tone: 'cyan' },
        plain(` ${label}${elapsed}`),
        ...progressSegments(node.progress),
      ];
    }
    case 'built': {
      const details = builtDetails(node.rows, node.durationMs);
      if (node.detail) details.push(node.detail);
      return [plain(INDENT), { text: '✓', tone: 'green' }, plain(` ${label}`), { text: `  ${details.join('  ')}`, dim: true }];
    }
    case 'unchanged':
      return [{ text: `${INDENT}○ ${label}  unchanged`, dim: true }];
    case 'skipped': {
      const parent = node.failedParent === undefined ? 'a parent' : nodeName(state, node.failedParent);
      return [plain(INDENT), { text: '↷', tone: 'yellow' }, plain(` ${label}`), { text: `  skipped: ${parent} failed`, tone: 'yellow' }];
    }
    case 'failed': {
      const where = node.error ? `  ${failureLocation(node.node, node.error)}  ${firstLine(node.error.message)}` : '';
      return [plain(INDENT), { text: '✗', tone: 'red', bold: true }, { text: ` ${label}`, bold: true }, { text: `  failed${where}`, tone: 'red' }];
    }
  }
}

/** Training progress: "tree 40/100  40%  auc_roc 0.8423". */
function progressSegments(progress: NodeProgress | undefined): Segment[] {
  if (!progress) return [];
  const parts = [progress.message];
  if (progress.fraction !== undefined) parts.push(`${Math.round(progress.fraction * 100)}%`);
  if (progress.metric) parts.push(`${progress.metric.name} ${formatMetric(progress.metric.value)}`);
  return [{ text: `  ${parts.filter((part) => part !== '').join('  ')}`, tone: 'magenta' }];
}
