/** One entry point for the CLI: a reporter for the chosen mode. */

import { createJsonReporter } from './json-reporter.js';
import type { ReporterMode } from './mode.js';
import type { Output, Reporter } from './output.js';
import { createPlainReporter } from './plain-reporter.js';

export interface ReporterOptions {
  mode: ReporterMode;
  stdout: Output;
  color: boolean;
  /** Plain mode: only failures and the summary. */
  quiet: boolean;
}

/** Ink and React load only for the interactive UI: plain and JSON runs start faster without them. */
export async function createReporter(options: ReporterOptions): Promise<Reporter> {
  switch (options.mode) {
    case 'ink':
      return (await import('./ink-reporter.js')).createInkReporter(options);
    case 'plain':
      return createPlainReporter(options);
    case 'json':
      return createJsonReporter(options.stdout);
  }
}
