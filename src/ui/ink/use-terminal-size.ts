import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Used when the output is not a terminal and reports no size. */
const DEFAULT_SIZE: TerminalSize = { rows: 24, columns: 80 };

export interface TerminalSize {
  rows: number;
  columns: number;
}

/** The terminal size, following resizes. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => measure(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(measure(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function measure(stdout: NodeJS.WriteStream): TerminalSize {
  return {
    rows: stdout.rows > 0 ? stdout.rows : DEFAULT_SIZE.rows,
    columns: stdout.columns > 0 ? stdout.columns : DEFAULT_SIZE.columns,
  };
}
