/** The words of watch mode, shared by the plain reporter and the Ink UI so they read alike. */

import { formatDiagnostic } from '../project/diagnostic.js';
import type { RunEvent } from '../run/events.js';
import { formatCount } from './format.js';

export type WatchReadyEvent = Extract<RunEvent, { type: 'watch_ready' }>;
export type WatchChangeEvent = Extract<RunEvent, { type: 'watch_change' }>;
export type WatchErrorEvent = Extract<RunEvent, { type: 'watch_error' }>;

const FILES_NAMED = 3;

/** "watching features/, models/, monitors/, mlc.yml and 2 data files; Ctrl-C to stop". */
export function watchReadyText(event: WatchReadyEvent): string {
  const data = event.dataFiles;
  const files = data.length === 0 ? '' : data.length === 1 ? ` and ${data[0]!}` : ` and ${formatCount(data.length)} data files`;
  return `watching ${event.paths.join(', ')}${files}; Ctrl-C to stop`;
}

/** "features/a.sql changed: 3 nodes affected (recompiled in 4 ms)"; a data file changes no definition. */
export function watchChangeText(event: WatchChangeEvent): string {
  const nodes = event.nodes.length;
  const removed = event.removed.length > 0 ? `, ${formatCount(event.removed.length)} removed` : '';
  const what = nodes > 0 ? `${formatCount(nodes)} ${nodes === 1 ? 'node' : 'nodes'} affected` : 'no definition changed';
  return `${fileList(event.files)} changed: ${what}${removed} (recompiled in ${Math.round(event.durationMs)} ms)`;
}

/** The error as the user must read it: each diagnostic with its hint, or the message and hint. */
export function watchErrorLines(event: WatchErrorEvent): string[] {
  const lines = event.diagnostics.filter((d) => d.severity === 'error').flatMap((d) => formatDiagnostic(d).split('\n'));
  if (event.message) lines.push(...event.message.split(/\r?\n/));
  if (event.hint) lines.push(`  hint: ${event.hint}`);
  return lines;
}

/** What follows an error: the session is still alive. */
export function watchWaitingText(event: WatchErrorEvent): string {
  const files = event.files.length > 0 ? ` (after ${fileList(event.files)})` : '';
  return `nothing was run${files}; fix it and save, still watching`;
}

function fileList(files: readonly string[]): string {
  if (files.length <= FILES_NAMED) return files.join(', ');
  return `${files.slice(0, FILES_NAMED).join(', ')} and ${formatCount(files.length - FILES_NAMED)} more`;
}
