/** The priority of mlc's worker threads. */

import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';

/** The nice value of a thread that works ahead: well below the main thread (0), not idle-only (19). */
const AHEAD_NICE = 10;

/**
 * Lowers this thread's priority: it then takes a core only when the main thread and V8's
 * compiler threads leave it idle. On Linux the nice value is a thread's own, and
 * /proc/thread-self names the thread.
 */
export function lowerThreadPriority(): void {
  try {
    setPriority(Number(path.basename(readlinkSync('/proc/thread-self'))), AHEAD_NICE);
  } catch {
    // Not Linux, or the system refused: the thread keeps its priority, and competes with the main thread as any thread does.
  }
}
