import { useSyncExternalStore } from 'react';
import type { RunStore } from '../run-store.js';
import { frameLines } from './frame.js';
import { Lines } from './lines.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface RunViewProps {
  store: RunStore;
  color: boolean;
  /** Overrides the terminal height. */
  rows?: number;
}

/** The live run: re-renders only when the store publishes, at most ~10 times a second. */
export function RunView({ store, color, rows }: RunViewProps) {
  const snapshot = useSyncExternalStore(store.subscribe, store.snapshot);
  const size = useTerminalSize();
  return <Lines lines={frameLines(snapshot, { rows: rows ?? size.rows, columns: size.columns })} color={color} />;
}
