/** What every reporter is, and the stream plumbing the line reporters share. */

import type { Writable } from 'node:stream';
import type { EventListener } from '../run/events.js';

export interface Reporter {
  /** Give it every event of the run, in order. */
  listener: EventListener;
  /** Resolves once everything is written; call after run_end. */
  done(): Promise<void>;
}

export type Output = NodeJS.WriteStream | Writable;

/** Resolves when the stream has taken everything written so far. */
export function drained(stream: Output): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const settle = (): void => {
      stream.off('drain', settle);
      stream.off('close', settle);
      stream.off('error', settle);
      resolve();
    };
    stream.on('drain', settle);
    stream.on('close', settle);
    stream.on('error', settle);
  });
}
