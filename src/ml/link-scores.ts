/** Turns raw outputs (rows x outputs) into scores: probabilities or values. */

import type { Link } from './artifact.js';
import { sigmoid, softmaxInto } from './link.js';

export function applyLink(raw: Float64Array, outputs: number, link: Link): Float64Array {
  if (link === 'identity') return raw;
  const scores = new Float64Array(raw.length);
  if (link === 'logit') {
    for (let i = 0; i < raw.length; i++) scores[i] = sigmoid(raw[i]!);
    return scores;
  }
  for (let offset = 0; offset < raw.length; offset += outputs) softmaxInto(raw, offset, outputs, scores, offset);
  return scores;
}
