/**
 * Link functions shared by training, the JS scorer and (as text) the SQL scorer, so all
 * three compute the same numbers. Raw scores are clamped to +-700 before EXP: beyond
 * that EXP overflows a double, and the probability is 0 or 1 to double precision anyway.
 */

export const RAW_LIMIT = 700;

export function clampRaw(z: number): number {
  return z > RAW_LIMIT ? RAW_LIMIT : z < -RAW_LIMIT ? -RAW_LIMIT : z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-clampRaw(z)));
}

/** Writes softmax(raw[offset..offset+k)) into out[outOffset..]. */
export function softmaxInto(raw: ArrayLike<number>, offset: number, k: number, out: Float64Array, outOffset: number): void {
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(clampRaw(raw[offset + j]!));
  for (let j = 0; j < k; j++) out[outOffset + j] = Math.exp(clampRaw(raw[offset + j]!)) / sum;
}
