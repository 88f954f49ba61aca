/**
 * A registered version ready to answer requests. Numeric binary and regression models
 * score through the columnar batch scorer (one path for a row and for a batch, and the
 * same numbers as the batch scores in the warehouse); other models use the JS scorer.
 */

import { compileScorer, type Artifact, type Label } from '../ml/index.js';
import { compileBatchScorer, type BatchScorer } from './batch-scorer.js';
import { parseRows } from './input.js';
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
  const score = batchScorer ? columnar(artifact, batchScorer) : rowByRow(artifact);
  return {
    model: registered.model,
    version: registered.version,
    status: registered.status,
    predict(body) {
      const { rows, batch } = parseRows(body, artifact.features);
      return { predictions: score(rows), batch };
    },
  };
}

type RowsScorer = (rows: readonly Record<string, unknown>[]) => Prediction[];

function rowByRow(artifact: Artifact): RowsScorer {
  const score = compileScorer(artifact);
  return (rows) => rows.map((row) => ({ ...score(row) }));
}

function columnar(artifact: Artifact, score: BatchScorer): RowsScorer {
  const names = artifact.features.map((f) => f.name);
  const classes = artifact.classes;
  const threshold = artifact.threshold ?? 0.5;
  return (rows) => {
    const columns = names.map((name) => {
      const column = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) column[i] = (rows[i]![name] as number | null) ?? NaN;
      return column;
    });
    const out = new Float64Array(rows.length);
    score(columns, rows.length, out);
    return Array.from(out, (s) => ({ score: s, label: classes ? classes[s >= threshold ? 1 : 0]! : null }));
  };
}
