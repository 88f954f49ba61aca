/**
 * The promotion policy: a new version becomes champion only if it passes the policy's
 * minimums and beats the current champion on the policy metric by the margin;
 * otherwise it is a challenger (when A/B serving is on) or stays a candidate.
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
  const fallback: Status = spec.serving.ab ? 'CHALLENGER' : 'CANDIDATE';
  if (value === undefined || Number.isNaN(value)) return { status: fallback, reason: `no ${policy.metric} was measured` };
  const minimums = { ...policy.minimums, ...(policy.min === undefined ? {} : { [policy.metric]: policy.min }) };
  for (const [metric, min] of Object.entries(minimums)) {
    const measured = metrics[metric];
    if (measured === undefined || !(measured >= min)) {
      return { status: fallback, reason: `${metric} ${measured === undefined ? 'missing' : measured.toFixed(4)} is below the minimum ${min}` };
    }
  }
  if (championMetric === undefined) return { status: 'CHAMPION', reason: `first version passing the policy (${policy.metric} ${value.toFixed(4)})` };
  if (value > championMetric + policy.margin) {
    return { status: 'CHAMPION', reason: `${policy.metric} ${value.toFixed(4)} beats the champion's ${championMetric.toFixed(4)}` };
  }
  return { status: fallback, reason: `${policy.metric} ${value.toFixed(4)} does not beat the champion's ${championMetric.toFixed(4)} by ${policy.margin}` };
}
