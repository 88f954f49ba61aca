/**
 * The promotion policy: a version that fails the policy's minimums stays a candidate.
 * One that passes becomes champion when there is none yet, or when it beats the current
 * champion on the policy metric by the margin — except with A/B serving on, where a
 * passing version first serves as challenger and is promoted on the A/B test's evidence
 * (`mlc ab report`, which promotes by itself with `promote.ab_auto`). Without A/B, a passing version
 * that does not beat the champion stays a candidate.
 */

import type { ModelSpec } from '../project/schema.js';

export type Status = 'CANDIDATE' | 'CHAMPION' | 'CHALLENGER' | 'ARCHIVED';

export interface PromotionDecision {
  status: Status;
  reason: string;
}

export function decidePromotion(spec: ModelSpec, metrics: Record<string, number>, championMetric: number | undefined): PromotionDecision {
  const policy = spec.promote;
  const value = metrics[policy.metric];
  const ab = spec.serving.ab !== undefined;
  if (value === undefined || Number.isNaN(value)) return { status: 'CANDIDATE', reason: `no ${policy.metric} was measured` };
  const minimums = { ...policy.minimums, ...(policy.min === undefined ? {} : { [policy.metric]: policy.min }) };
  for (const [metric, min] of Object.entries(minimums)) {
    const measured = metrics[metric];
    if (measured === undefined || !(measured >= min)) {
      return { status: 'CANDIDATE', reason: `${metric} ${measured === undefined ? 'missing' : measured.toFixed(4)} is below the minimum ${min}` };
    }
  }
  if (championMetric === undefined) return { status: 'CHAMPION', reason: `first version passing the policy (${policy.metric} ${value.toFixed(4)})` };
  if (ab) return { status: 'CHALLENGER', reason: `passes the policy (${policy.metric} ${value.toFixed(4)}); A/B decides against the champion's ${championMetric.toFixed(4)}` };
  if (value > championMetric + policy.margin) {
    return { status: 'CHAMPION', reason: `${policy.metric} ${value.toFixed(4)} beats the champion's ${championMetric.toFixed(4)}` };
  }
  return { status: 'CANDIDATE', reason: `${policy.metric} ${value.toFixed(4)} does not beat the champion's ${championMetric.toFixed(4)} by ${policy.margin}` };
}
