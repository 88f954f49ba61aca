/** One entry point for the CLI: a reporter for the chosen mode. */

import { createInkReporter } from './ink-reporter.js';
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

export function createReporter(options: ReporterOptions): Reporter {
  switch (options.mode) {
    case 'ink':
      return createInkReporter(options);
    case 'plain':
      return createPlainReporter(options);
    case 'json':
      return createJsonReporter(options.stdout);
  }
}
