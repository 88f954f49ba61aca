/** Per-row sample weights from the dataset's own weights and sklearn's class_weight. */

import type { Dataset } from './dataset.js';
import type { ClassWeight } from './params.js';

/** null when every row weighs 1, so learners can keep their unweighted fast paths. */
export function sampleWeights(data: Dataset, classWeight: ClassWeight): Float64Array | null {
  if (classWeight === null || data.classes === null) return data.weights ?? null;
  const k = data.classes.length;
  const counts = new Float64Array(k);
  for (let i = 0; i < data.rows; i++) counts[data.target[i]!]! += 1;
  const perClass = data.classes.map((label, c) => {
    if (classWeight === 'balanced') return counts[c]! > 0 ? data.rows / (k * counts[c]!) : 1;
    return classWeight[String(label)] ?? 1;
  });
  const weights = new Float64Array(data.rows);
  for (let i = 0; i < data.rows; i++) weights[i] = perClass[data.target[i]!]! * (data.weights?.[i] ?? 1);
  return weights;
}
