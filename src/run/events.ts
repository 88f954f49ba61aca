/**
 * The one event stream. The executor emits these and never prints; the Ink UI, the
 * plain line reporter and the NDJSON reporter all render the same events.
 */

import type { NodeKind } from '../graph/node.js';

export interface NodeSummary {
  id: string;
  name: string;
  kind: NodeKind;
  /** Depth in the graph: 0 for nodes without selected parents. */
  layer: number;
  file: string;
}

export interface FailureDetail {
  message: string;
  file?: string;
  line?: number;
  col?: number;
  /** The statement (or an excerpt of it) that failed. */
  sql?: string;
  /** The engine's own error code, e.g. Snowflake's 002003. */
  code?: string;
}

export type NodeOutcome = 'built' | 'unchanged' | 'failed' | 'skipped';

export type RunEvent =
  | { type: 'run_start'; runId: string; target: string; threads: number; nodes: NodeSummary[] }
  | { type: 'node_start'; runId: string; id: string; action: 'create' | 'rebuild' }
  | {
      type: 'node_progress';
      runId: string;
      id: string;
      message: string;
      /** 0..1 when known (trees built / trees planned, iterations / max). */
      fraction?: number;
      metric?: { name: string; value: number };
    }
  | { type: 'node_finish'; runId: string; id: string; rows?: number; durationMs: number; detail?: string }
  | { type: 'node_unchanged'; runId: string; id: string }
  | { type: 'node_skip'; runId: string; id: string; failedParent: string }
  | { type: 'node_fail'; runId: string; id: string; durationMs: number; error: FailureDetail }
  | { type: 'warning'; runId: string; id?: string; message: string; file?: string; line?: number; col?: number }
  | {
      type: 'run_end';
      runId: string;
      status: 'success' | 'failed' | 'cancelled';
      durationMs: number;
      counts: Record<NodeOutcome, number>;
    };

export type EventListener = (event: RunEvent) => void;
