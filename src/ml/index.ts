/** Learners, splits, metrics, the portable model artifact and its JS and SQL scorers. */

export { ARTIFACT_FORMAT } from './artifact.js';
export type { Algorithm, Artifact, FeatureSpec, InputColumn, JsonValue, Link, ModelKind, Preprocessing, Tree } from './artifact.js';
export { ArtifactError, artifactHash, canonicalJson, parseArtifact } from './artifact-schema.js';
export { DatasetError, datasetFromRows, subsetDataset, toNumber } from './dataset.js';
export type { CategoricalColumn, Dataset, DatasetOptions, FeatureColumn, FeatureDeclaration, Label, NumericColumn, Task } from './dataset.js';
export { evaluate } from './evaluate.js';
export type { Evaluation } from './evaluate.js';
export { trainGradientBoosting } from './gradient-boosting.js';
export { trainLinearRegression } from './linear-regression.js';
export { trainLogisticRegression } from './logistic-regression.js';
export { aucRoc, binaryMetrics, multiclassMetrics, regressionMetrics, rocCurve } from './metrics.js';
export type { BinaryMetrics, ConfusionMatrix, MulticlassMetrics, RegressionMetrics, RocCurve } from './metrics.js';
export { ParamsError } from './params.js';
export { trainRandomForest } from './random-forest.js';
export { createRng } from './random.js';
export type { Rng } from './random.js';
export { compileScorer, scoreDataset } from './scorer.js';
export type { Score, Scorer } from './scorer.js';
export { md5Unit, md5UnitSql, splitOf, splitPython, splitSql, splitUnit } from './split.js';
export type { SplitName } from './split.js';
export { SqlLimitError, artifactLabelSql, artifactOutputsSql, artifactToSql, sqlLimits } from './sql-scorer.js';
export type { SqlLabelOptions, SqlScoreOptions, SqlSize } from './sql-scorer.js';
export { ALGORITHMS, train } from './train.js';
export type { TrainOptions, TrainProgress } from './train-options.js';
