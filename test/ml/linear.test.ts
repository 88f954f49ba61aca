import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScorer, datasetFromRows, trainLinearRegression, trainLogisticRegression } from '../../src/ml/index.js';

interface LogisticCase {
  name: string;
  params: { C?: number; class_weight?: string };
  x: number[][];
  y: number[];
  coef: number[][];
  intercept: number[];
  proba: number[][];
}

// Reference values computed once with scikit-learn 1.2 (fixtures/make_fixtures.py), on standardized x.
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/logistic.json', import.meta.url), 'utf8')) as { logistic: LogisticCase[] };

describe('linear regression', () => {
  it('recovers an exact linear relation in closed form', () => {
    const rows = Array.from({ length: 50 }, (_, i) => {
      const x0 = (i * 7) % 13;
      const x1 = (i * 3) % 5;
      return { x0, x1: String(x1), y: 3 + 2 * x0 - 0.5 * x1 };
    });
    const data = datasetFromRows(rows, { features: ['x0', 'x1'], target: 'y', task: 'regression' });
    const artifact = trainLinearRegression(data);
    const scorer = compileScorer(artifact);
    expect(scorer({ x0: 10, x1: 4 }).score).toBeCloseTo(3 + 20 - 2, 6);
    expect(scorer({ x0: 0, x1: 0 }).score).toBeCloseTo(3, 6);
    const [mean0, mean1] = artifact.preprocessing!.mean;
    const [scale0] = artifact.preprocessing!.scale;
    // Raw-space slope = standardized coefficient / scale.
    expect(artifact.linear!.coefficients[0]![0]! / scale0!).toBeCloseTo(2, 6);
    // A missing input is imputed with the training mean.
    expect(scorer({ x0: null, x1: 1 }).score).toBeCloseTo(3 + 2 * mean0! - 0.5, 6);
    expect(mean1).toBeCloseTo(rows.reduce((s, r) => s + Number(r.x1), 0) / rows.length, 12);
  });
});

describe('logistic regression matches scikit-learn', () => {
  for (const c of fixtures.logistic) {
    it(c.name, () => {
      const rows = c.x.map((x, i) => ({ ...Object.fromEntries(x.map((v, j) => [`x${j}`, v])), y: c.y[i]! }));
      const classes = new Set(c.y).size;
      const data = datasetFromRows(rows, { features: c.x[0]!.map((_v, j) => `x${j}`), target: 'y', task: classes > 2 ? 'multiclass' : 'binary' });
      const artifact = trainLogisticRegression(data, { tol: 1e-10, max_iter: 5000, ...c.params });
      expect(artifact.training.converged).toBe(true);
      const expected = c.coef.flat();
      const worst = Math.max(...artifact.linear!.coefficients.flat().map((v, i) => Math.abs(v - expected[i]!)));
      expect(worst).toBeLessThan(1e-4);
      artifact.baseScore.forEach((b, k) => expect(Math.abs(b - c.intercept[k]!)).toBeLessThan(1e-4));
      const scorer = compileScorer(artifact);
      c.proba.forEach((expected, i) => {
        const result = scorer(rows[i]!);
        const probabilities = result.probabilities ?? [1 - result.score, result.score];
        probabilities.forEach((p, k) => expect(Math.abs(p - expected[k]!)).toBeLessThan(1e-5));
      });
    });
  }

  it('rejects a misspelled parameter with a hint', () => {
    const data = datasetFromRows([{ x: 1, y: 0 }, { x: 2, y: 1 }], { features: ['x'], target: 'y' });
    expect(() => trainLogisticRegression(data, { max_iters: 10 })).toThrow(/unknown parameter max_iters \(did you mean max_iter\?\)/);
  });
});
