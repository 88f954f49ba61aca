/**
 * Champion vs challenger on observed outcomes: accuracy per variant with a
 * two-proportion z-test and a 95% interval on the difference, AUC per variant with a
 * seeded bootstrap interval on the difference, and a promotion recommendation.
 */

import { aucRoc, createRng } from '../ml/index.js';

export interface ScoredOutcome {
  variant: string;
  score: number;
  /** 1 when the positive class was observed. */
  actual: 0 | 1;
}

export interface VariantSummary {
  rows: number;
  accuracy: number;
  auc: number;
}

export interface Comparison {
  difference: number;
  low: number;
  high: number;
  pValue: number;
}

export interface AbReport {
  champion: VariantSummary;
  challenger: VariantSummary;
  accuracy: Comparison;
  auc: Comparison;
  promote: boolean;
  reason: string;
}

const Z95 = 1.959963984540054;

export function abReport(outcomes: readonly ScoredOutcome[], threshold: number, options: { resamples?: number; seed?: number; alpha?: number } = {}): AbReport {
  const alpha = options.alpha ?? 0.05;
  const champion = outcomes.filter((o) => o.variant === 'champion');
  const challenger = outcomes.filter((o) => o.variant === 'challenger');
  if (champion.length === 0 || challenger.length === 0) {
    throw new Error(`both variants need scored rows with actuals: champion ${champion.length}, challenger ${challenger.length}`);
  }
  const a = summarize(champion, threshold);
  const b = summarize(challenger, threshold);
  const pooled = (a.accuracy * a.rows + b.accuracy * b.rows) / (a.rows + b.rows);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / a.rows + 1 / b.rows));
  const se = Math.sqrt((a.accuracy * (1 - a.accuracy)) / a.rows + (b.accuracy * (1 - b.accuracy)) / b.rows);
  const accDiff = b.accuracy - a.accuracy;
  const accuracy: Comparison = {
    difference: accDiff,
    low: accDiff - Z95 * se,
    high: accDiff + Z95 * se,
    pValue: se0 > 0 ? 2 * (1 - normalCdf(Math.abs(accDiff) / se0)) : accDiff === 0 ? 1 : 0,
  };
  const auc = bootstrapAuc(champion, challenger, options.resamples ?? 1000, options.seed ?? 42);
  const better = accuracy.difference > 0 && accuracy.pValue < alpha;
  const reason = better
    ? `the challenger's accuracy is higher by ${accuracy.difference.toFixed(4)} (p = ${accuracy.pValue.toFixed(4)} < ${alpha})`
    : accuracy.difference > 0
      ? `the challenger's accuracy is higher by ${accuracy.difference.toFixed(4)} but not significantly (p = ${accuracy.pValue.toFixed(4)})`
      : `the challenger's accuracy is not higher (difference ${accuracy.difference.toFixed(4)})`;
  return { champion: a, challenger: b, accuracy, auc, promote: better, reason };
}

function summarize(rows: readonly ScoredOutcome[], threshold: number): VariantSummary {
  let correct = 0;
  for (const row of rows) if ((row.score >= threshold ? 1 : 0) === row.actual) correct++;
  return { rows: rows.length, accuracy: correct / rows.length, auc: aucOf(rows) };
}

function aucOf(rows: readonly ScoredOutcome[]): number {
  return aucRoc(
    rows.map((r) => r.actual),
    rows.map((r) => r.score),
  );
}

/** Resamples each variant with replacement; the p-value is twice the smaller tail of the differences around 0. */
function bootstrapAuc(champion: readonly ScoredOutcome[], challenger: readonly ScoredOutcome[], resamples: number, seed: number): Comparison {
  const rng = createRng(seed);
  const resample = (rows: readonly ScoredOutcome[]): ScoredOutcome[] => rows.map(() => rows[rng.int(rows.length)]!);
  const differences: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const d = aucOf(resample(challenger)) - aucOf(resample(champion));
    if (Number.isFinite(d)) differences.push(d);
  }
  differences.sort((x, y) => x - y);
  const quantile = (q: number): number => differences[Math.min(differences.length - 1, Math.floor(q * differences.length))] ?? NaN;
  const below = differences.filter((d) => d <= 0).length / Math.max(1, differences.length);
  const above = differences.filter((d) => d >= 0).length / Math.max(1, differences.length);
  return { difference: aucOf(challenger) - aucOf(champion), low: quantile(0.025), high: quantile(0.975), pValue: Math.min(1, 2 * Math.min(below, above)) };
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
