/** How output is rendered, decided from the terminal and the environment. */

export type ReporterMode = 'ink' | 'plain' | 'json';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * `--json` wins; an interactive terminal gets the Ink UI; everything else (pipes, files,
 * CI logs, dumb terminals) gets plain lines. CI runners that allocate a TTY still get
 * plain lines, because their logs cannot redraw.
 */
export function chooseMode(options: { isTTY: boolean; json: boolean; env: Env }): ReporterMode {
  if (options.json) return 'json';
  if (!options.isTTY || options.env.TERM === 'dumb' || isSet(options.env.CI)) return 'plain';
  return 'ink';
}

/** Color only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(options: { isTTY: boolean; env: Env }): boolean {
  const noColor = options.env.NO_COLOR;
  if ((noColor !== undefined && noColor !== '') || options.env.TERM === 'dumb') return false;
  return options.isTTY;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
