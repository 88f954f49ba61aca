import { describe, expect, it } from 'vitest';
import { canonicalJson, datasetFromRows, evaluate, trainGradientBoosting } from '../../src/ml/index.js';
import { parityRows } from './parity-data.js';

describe('gradient boosting on histogram threads', () => {
  // Enough rows that 2 and 3 threads really start workers (20,000 rows per thread at least).
  const data = datasetFromRows(parityRows(64_000, 11, true), { features: ['a', 'b', 'color', 'd'], target: 'binary_target' });
  const params = { max_iter: 8, max_depth: 5, early_stopping: false, random_state: 3 };

  it('trains the same model byte for byte whatever the thread count', () => {
    const single = canonicalJson(trainGradientBoosting(data, params, { threads: 1 }));
    expect(canonicalJson(trainGradientBoosting(data, params, { threads: 2 }))).toBe(single);
    expect(canonicalJson(trainGradientBoosting(data, params, { threads: 3 }))).toBe(single);
  });

  it('learns the signal with threads', () => {
    const test = datasetFromRows(parityRows(2000, 12, true), { features: ['a', 'b', 'color', 'd'], target: 'binary_target', like: data });
    const result = evaluate(trainGradientBoosting(data, params, { threads: 2 }), test);
    expect(result.task === 'binary' && result.metrics.auc_roc).toBeGreaterThan(0.85);
  });
});
