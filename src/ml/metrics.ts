/** Evaluation metrics with sklearn's definitions (ties, zero division, clipping). */

const EPS = Number.EPSILON;

export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1_score: number;
  auc_roc: number;
  log_loss: number;
  threshold: number;
  confusion: ConfusionMatrix;
}

export interface MulticlassMetrics {
  accuracy: number;
  f1_macro: number;
  log_loss: number;
}

export interface RegressionMetrics {
  rmse: number;
  mae: number;
  r2: number;
}

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Score thresholds (predicted positive when score >= threshold); the first is Infinity. */
  thresholds: number[];
}

/** `actual` holds 0/1 (1 = positive class), `scores` P(positive). */
export function binaryMetrics(actual: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5): BinaryMetrics {
  const confusion: ConfusionMatrix = { tp: 0, fp: 0, tn: 0, fn: 0 };
  let loss = 0;
  for (let i = 0; i < actual.length; i++) {
    const positive = actual[i] === 1;
    const predicted = scores[i]! >= threshold;
    if (positive) confusion[predicted ? 'tp' : 'fn']++;
    else confusion[predicted ? 'fp' : 'tn']++;
    const p = Math.min(Math.max(scores[i]!, EPS), 1 - EPS);
    loss -= positive ? Math.log(p) : Math.log(1 - p);
  }
  const { tp, fp, tn, fn } = confusion;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    accuracy: ratio(tp + tn, actual.length),
    precision,
    recall,
    f1_score: ratio(2 * tp, 2 * tp + fp + fn),
    auc_roc: aucRoc(actual, scores),
    log_loss: loss / actual.length,
    threshold,
    confusion,
  };
}

/** Area under the ROC curve; tied scores count half (sklearn's roc_auc_score). NaN with one class only. */
export function aucRoc(actual: ArrayLike<number>, scores: ArrayLike<number>): number {
  const curve = fullRoc(actual, scores);
  let area = 0;
  for (let i = 1; i < curve.fpr.length; i++) area += ((curve.fpr[i]! - curve.fpr[i - 1]!) * (curve.tpr[i]! + curve.tpr[i - 1]!)) / 2;
  return area;
}

/** ROC points at every distinct score, downsampled evenly to at most maxPoints (ends kept). */
export function rocCurve(actual: ArrayLike<number>, scores: ArrayLike<number>, maxPoints = 200): RocCurve {
  const full = fullRoc(actual, scores);
  const n = full.fpr.length;
  if (n <= maxPoints) return full;
  const keep = Array.from({ length: maxPoints }, (_, i) => Math.round((i * (n - 1)) / (maxPoints - 1)));
  return { fpr: keep.map((i) => full.fpr[i]!), tpr: keep.map((i) => full.tpr[i]!), thresholds: keep.map((i) => full.thresholds[i]!) };
}

function fullRoc(actual: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const order = Array.from({ length: actual.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let positives = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === 1) positives++;
  const negatives = actual.length - positives;
  const curve: RocCurve = { fpr: [0], tpr: [0], thresholds: [Infinity] };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; ) {
    const score = scores[order[i]!]!;
    // Tied scores move the curve together: one diagonal segment.
    while (i < order.length && scores[order[i]!] === score) {
      if (actual[order[i]!] === 1) tp++;
      else fp++;
      i++;
    }
    curve.fpr.push(negatives > 0 ? fp / negatives : NaN);
    curve.tpr.push(positives > 0 ? tp / positives : NaN);
    curve.thresholds.push(score);
  }
  return curve;
}

/** `actual` holds class indices, `probabilities` rows x k. */
export function multiclassMetrics(actual: ArrayLike<number>, probabilities: ArrayLike<number>, k: number): MulticlassMetrics {
  const n = actual.length;
  const truePositive = new Float64Array(k);
  const predictedCount = new Float64Array(k);
  const actualCount = new Float64Array(k);
  let correct = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const p = Math.min(Math.max(probabilities[i * k + c]!, EPS), 1 - EPS);
      sum += p;
      if (probabilities[i * k + c]! > probabilities[i * k + best]!) best = c;
    }
    const y = actual[i]!;
    const py = Math.min(Math.max(probabilities[i * k + y]!, EPS), 1 - EPS);
    loss -= Math.log(py / sum);
    predictedCount[best]!++;
    actualCount[y]!++;
    if (best === y) {
      correct++;
      truePositive[y]!++;
    }
  }
  let f1 = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    if (actualCount[c] === 0 && predictedCount[c] === 0) continue;
    present++;
    f1 += ratio(2 * truePositive[c]!, actualCount[c]! + predictedCount[c]!);
  }
  return { accuracy: ratio(correct, n), f1_macro: ratio(f1, present), log_loss: loss / n };
}

export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  const n = actual.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i]!;
  mean /= n;
  let squares = 0;
  let absolute = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i]! - predicted[i]!;
    squares += e * e;
    absolute += Math.abs(e);
    total += (actual[i]! - mean) ** 2;
  }
  return {
    rmse: Math.sqrt(squares / n),
    mae: absolute / n,
    r2: total > 0 ? 1 - squares / total : squares === 0 ? 1 : 0,
  };
}

/** sklearn's zero_division=0. */
function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}
