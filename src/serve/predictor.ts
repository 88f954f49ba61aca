/**
 * A registered version ready to answer requests. Numeric binary and regression models
 * score through the batch scorer (one path for a row and for a batch, and the
 * same numbers as the batch scores in the warehouse); other models use the JS scorer.
 */

import { compileScorer, type Artifact, type Label } from '../ml/index.js';
import { compileBatchScorer, type BatchScorer } from './batch-scorer.js';
import { bodyItems, featureValue, parseRows, rowObject } from './input.js';
import type { RegisteredVersion } from './registry-reader.js';

export interface Prediction {
  score: number;
  label: Label | null;
  probabilities?: number[];
}

export interface Predictor {
  model: string;
  version: string;
  status: string;
  /** Validates the body (one row or an array) and scores it; throws InputError naming the field. */
  predict(body: unknown): { predictions: Prediction[]; batch: boolean };
}

export function createPredictor(registered: RegisteredVersion): Predictor {
  const { artifact } = registered;
  const batchScorer = compileBatchScorer(artifact);
  return {
    model: registered.model,
    version: registered.version,
    status: registered.status,
    predict: batchScorer ? batched(artifact, batchScorer) : rowByRow(artifact),
  };
}

type BodyScorer = Predictor['predict'];

function rowByRow(artifact: Artifact): BodyScorer {
  const score = compileScorer(artifact);
  return (body) => {
    const { rows, batch } = parseRows(body, artifact.features);
    return { predictions: rows.map((row) => ({ ...score(row) })), batch };
  };
}

/** Checks each value while filling the rows' values for the scorer: one read of every field. */
function batched(artifact: Artifact, score: BatchScorer): BodyScorer {
  const { features, classes } = artifact;
  const width = features.length;
  const threshold = artifact.threshold ?? 0.5;
  return (body) => {
    const { items, batch } = bodyItems(body);
    const n = items.length;
    const values = new Float64Array(n * width);
    for (let i = 0; i < n; i++) {
      const index = batch ? i : undefined;
      const row = rowObject(items[i], index);
      for (let j = 0; j < width; j++) values[i * width + j] = (featureValue(row, features[j]!, index) as number | null) ?? NaN;
    }
    const out = new Float64Array(n);
    score(values, n, out);
    return { predictions: Array.from(out, (s) => ({ score: s, label: classes ? classes[s >= threshold ? 1 : 0]! : null })), batch };
  };
}
