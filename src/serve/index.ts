/** Serving: A/B routing, the batch scorer, registry reads, and the HTTP endpoint. */

export { abUnit, abUnitSql, variantOf } from './routing.js';
export type { Variant } from './routing.js';
export { compileBatchScorer } from './batch-scorer.js';
export type { BatchScorer } from './batch-scorer.js';
export { scoringScalarFunction } from './duckdb-function.js';
export { championsLoader, embeddedDatabase, withReadOnlyDatabase } from './embedded.js';
export { InputError, parseRows } from './input.js';
export { createPredictor } from './predictor.js';
export type { Prediction, Predictor } from './predictor.js';
export { readChampions, readVersion } from './registry-reader.js';
export type { RegisteredVersion, VersionSelector } from './registry-reader.js';
export { startServer } from './server.js';
export type { RunningServer, ServerOptions } from './server.js';
export { abReport } from './ab-report.js';
export type { AbReport, Comparison, ScoredOutcome, VariantSummary } from './ab-report.js';
