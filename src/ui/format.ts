/** Number, time and location formatting shared by every reporter, so they read alike. */

import type { FailureDetail, NodeOutcome, NodeSummary } from '../run/events.js';

/** 1234 -> "1,234". Grouped by hand: an Intl.NumberFormat loads ICU data, tens of ms of every run's start-up. */
export function formatCount(n: number): string {
  const digits = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/** 210 -> "0.21s", 65_000 -> "1m05s", 3_725_000 -> "1h02m". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m${pad2(totalSeconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h${pad2(minutes % 60)}m`;
}

/** Coarser than formatDuration, for times that tick every frame: "4.2s", "1m05s". */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return formatDuration(ms);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "feature customer_features". */
export function nodeLabel(node: Pick<NodeSummary, 'kind' | 'name'>): string {
  return `${node.kind} ${node.name}`;
}

/** "file:line:col", "file:line" or "file", whatever is known. */
export function formatLocation(file: string, line?: number, col?: number): string {
  if (line === undefined) return file;
  return col === undefined ? `${file}:${line}` : `${file}:${line}:${col}`;
}

/** Where a failure happened: the error's own location, else the node's file. */
export function failureLocation(node: Pick<NodeSummary, 'file'>, error: FailureDetail): string {
  return formatLocation(error.file ?? node.file, error.line, error.col);
}

/** The first line of an engine message; the rest belongs in the detailed view. */
export function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return end === -1 ? message : message.slice(0, end);
}

/** "rows 1,234, 0.21s" style details of a built node. */
export function builtDetails(rows: number | undefined, durationMs: number | undefined): string[] {
  const parts: string[] = [];
  if (rows !== undefined) parts.push(`${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}`);
  if (durationMs !== undefined) parts.push(formatDuration(durationMs));
  return parts;
}

/** A metric value with at most four decimals: 0.84231 -> "0.8423". */
export function formatMetric(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** "3 built, 1 unchanged, 0 skipped, 1 failed": every outcome, zeros included, in one order. */
export function formatOutcomes(counts: Record<NodeOutcome, number>): string {
  return `${formatCount(counts.built)} built, ${formatCount(counts.unchanged)} unchanged, ${formatCount(counts.skipped)} skipped, ${formatCount(counts.failed)} failed`;
}
