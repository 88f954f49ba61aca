import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aucRoc, binaryMetrics, multiclassMetrics, regressionMetrics, rocCurve } from '../../src/ml/index.js';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/logistic.json', import.meta.url), 'utf8')) as { auc_ties: { y: number[]; scores: number[]; auc: number } };

describe('metrics', () => {
  it('computes the binary metrics at the threshold', () => {
    const y = [1, 1, 1, 0, 0, 0, 0, 1];
    const s = [0.9, 0.6, 0.4, 0.7, 0.2, 0.1, 0.3, 0.8];
    const m = binaryMetrics(y, s, 0.5);
    // Predicted positive: rows 0,1,3,7 -> tp 3, fp 1; negatives caught: 4,5,6 -> tn 3; missed: row 2 -> fn 1.
    expect(m.confusion).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 });
    expect(m.accuracy).toBe(0.75);
    expect(m.precision).toBe(0.75);
    expect(m.recall).toBe(0.75);
    expect(m.f1_score).toBe(0.75);
    // 16 positive/negative pairs, two misordered (0.6 and 0.4 below 0.7): 14/16.
    expect(m.auc_roc).toBe(14 / 16);
    const logLoss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.4) + Math.log(0.3) + Math.log(0.8) + Math.log(0.9) + Math.log(0.7) + Math.log(0.8)) / 8;
    expect(m.log_loss).toBeCloseTo(logLoss, 12);
  });

  it('counts tied scores half, as sklearn', () => {
    expect(aucRoc(fixtures.auc_ties.y, fixtures.auc_ties.scores)).toBeCloseTo(fixtures.auc_ties.auc, 12);
    expect(aucRoc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('has zero precision without positive predictions', () => {
    const m = binaryMetrics([1, 0], [0.1, 0.2]);
    expect(m.precision).toBe(0);
    expect(m.f1_score).toBe(0);
  });

  it('downsamples the ROC curve to at most 200 points, keeping the ends', () => {
    const n = 5000;
    const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const s = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const curve = rocCurve(y, s);
    expect(curve.fpr).toHaveLength(200);
    expect([curve.fpr[0], curve.tpr[0]]).toEqual([0, 0]);
    expect([curve.fpr.at(-1), curve.tpr.at(-1)]).toEqual([1, 1]);
  });

  it('computes multiclass and regression metrics', () => {
    const p = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.5, 0.4, 0.1];
    const m = multiclassMetrics([0, 1, 2, 1], p, 3);
    // Predictions 0,1,2,0: class 0 f1 = 2/3, class 1 f1 = 2/3, class 2 f1 = 1.
    expect(m.accuracy).toBe(0.75);
    expect(m.f1_macro).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
    expect(m.log_loss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.4) + Math.log(0.4)) / 4, 12);
    const r = regressionMetrics([1, 2, 3, 4], [1, 2, 3, 6]);
    expect(r.rmse).toBe(1);
    expect(r.mae).toBe(0.5);
    expect(r.r2).toBeCloseTo(1 - 4 / 5, 12);
  });
});
