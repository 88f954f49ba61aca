/** The two lines on top: what runs where, and how far along it is. */

import { formatCount, formatElapsed } from '../format.js';
import { runProgress } from '../progress.js';
import type { RunState } from '../run-state.js';
import { plain, type Line } from './segment.js';

const BAR_WIDTH = 24;

export function headerLine(state: RunState): Line {
  if (state.runId === undefined) return [{ text: 'mlc: waiting for the run to start', dim: true }];
  return [
    { text: 'mlc run', bold: true },
    plain(` ${state.runId}`),
    { text: ` · ${state.target ?? ''} · ${state.threads} ${state.threads === 1 ? 'thread' : 'threads'}`, dim: true },
  ];
}

/** "[██████░░░░] 1,234/2,000  62%  12.3s  ETA 8.0s". */
export function progressLine(state: RunState, now: number): Line {
  const progress = runProgress(state, now);
  const filled = Math.round(progress.fraction * BAR_WIDTH);
  const failed = state.counts.failed > 0;
  const eta = progress.etaMs === undefined ? '' : `  ETA ${formatElapsed(progress.etaMs)}`;
  return [
    plain('['),
    { text: '█'.repeat(filled), tone: failed ? 'red' : 'green' },
    { text: '░'.repeat(BAR_WIDTH - filled), dim: true },
    plain(`] ${formatCount(progress.done)}/${formatCount(progress.total)}  ${Math.floor(progress.fraction * 100)}%`),
    { text: `  ${formatElapsed(progress.elapsedMs)}${eta}`, dim: true },
  ];
}
