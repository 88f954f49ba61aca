/** The reporters and formatting. The Ink view is ui/ink/index.ts: the interactive reporter loads it on demand. */
export { createReporter, type ReporterOptions } from './reporter.js';
export type { Reporter, Output } from './output.js';
export { chooseMode, colorEnabled, type ReporterMode, type Env } from './mode.js';
export { formatDiagnostics } from './diagnostics.js';
export { createPlainReporter, type PlainReporterOptions } from './plain-reporter.js';
export { createJsonReporter, eventToJson } from './json-reporter.js';
export { createRunStore, type RunStore, type RunStoreOptions, type RunSnapshot } from './run-store.js';
export type { NodeState, NodeStatus, RunState } from './run-state.js';
