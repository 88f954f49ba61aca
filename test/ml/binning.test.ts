import { describe, expect, it } from 'vitest';
import { MISSING_BIN, binColumn, fitThresholds } from '../../src/ml/binning.js';
import { createRng } from '../../src/ml/index.js';
import { sortFloats } from '../../src/ml/sort-floats.js';

const specials = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.5];

describe('sortFloats', () => {
  it('orders doubles exactly as Float64Array.prototype.sort, -0 before 0', () => {
    const rng = createRng(4);
    const values = Float64Array.from({ length: 50_000 }, (_, i) => (i % 5 === 0 ? specials[rng.int(specials.length)]! : (rng.next() - 0.5) * 10 ** rng.int(12)));
    const ours = sortFloats(values);
    const builtIn = values.slice().sort();
    expect(ours.length).toBe(builtIn.length);
    expect(Array.from(ours, (v, i) => Object.is(v, builtIn[i]))).not.toContain(false);
    const zeros = Array.from(ours).filter((v) => v === 0).map((v) => (Object.is(v, -0) ? '-0' : '0'));
    expect(zeros.join(' ')).toMatch(/^(-0 )+(0 ?)+$/);
  });
});

describe('binColumn', () => {
  it('puts x in the bin of the first threshold >= x, and NaN in the missing bin', () => {
    const rng = createRng(9);
    const column = Float64Array.from({ length: 20_000 }, (_, i) => (i % 50 === 0 ? NaN : i % 7 === 0 ? specials[rng.int(specials.length)]! : rng.next() * 4 - 2));
    for (const maxBins of [2, 3, 17, 255]) {
      const thresholds = fitThresholds(column, maxBins, createRng(1));
      // Thresholds themselves belong to their own bin ("bin <= b" is "x <= threshold").
      const probe = Float64Array.from([...column, ...thresholds]);
      const bins = binColumn(probe, thresholds);
      probe.forEach((x, i) => {
        const expected = Number.isNaN(x) ? MISSING_BIN : thresholds.filter((t) => t < x).length;
        if (bins[i] !== expected) expect({ x, bin: bins[i] }).toEqual({ x, bin: expected });
      });
      expect(Math.max(...bins.filter((b) => b !== MISSING_BIN))).toBe(thresholds.length);
    }
  });
});
