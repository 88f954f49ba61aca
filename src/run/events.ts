/**
 * The one event stream. The executor emits these and never prints; the Ink UI, the
 * plain line reporter and the NDJSON reporter all render the same events.
 */

import type { NodeKind } from '../graph/node.js';
import type { Diagnostic } from '../project/diagnostic.js';

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
    }
  /** Watch mode (`mlc dev`): the watcher is listening to the project's folders and files and the sources' data files. */
  | { type: 'watch_ready'; paths: string[]; dataFiles: string[] }
  /**
   * Watch mode: saved files recompiled; `nodes` are the ids whose fingerprint changed (a run
   * follows). `durationMs` is the recompile: re-reading the files, compiling, writing compiled/.
   */
  | { type: 'watch_change'; files: string[]; nodes: string[]; removed: string[]; durationMs: number }
  /** Watch mode: the project does not compile (or cannot run); the session keeps watching. */
  | { type: 'watch_error'; files: string[]; diagnostics: Diagnostic[]; message?: string; hint?: string };

export type EventListener = (event: RunEvent) => void;
