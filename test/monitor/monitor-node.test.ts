import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';
import { query } from '../support/warehouse.js';


const DRIFT_WARNING = 'WARNING: Data drift detected in total_spend feature';
const NO_DRIFT = 'SUCCESS: No significant data drift detected';
const MONITOR_FILE = 'monitors/customer_classification.yml';

/** The example's monitor file with its `scores:` line dropped: the batch scores joined to the scoring input. */
function batchMonitor(dir: string): string {
  return readFileSync(path.join(dir, MONITOR_FILE), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('scores:'))
    .join('\n')
    .replace('table: model_monitoring', 'table: batch_monitoring');
}

describe('the example monitor over a scoring log with a week of drift', () => {
  const dir = copyExample();

  beforeAll(() => {
    const run = mlc(['run'], dir);
    expect(run.stdout).toContain('run succeeded');
    expect(run.status).toBe(0);
  });

  test("the seed's daily accuracy query over model_monitoring shows the drop", async () => {
    const rows = await query(
      dir,
      `SELECT prediction_date, accuracy, LAG(accuracy) OVER (ORDER BY prediction_date) as prev_accuracy,
       accuracy - LAG(accuracy) OVER (ORDER BY prediction_date) as accuracy_change
       FROM model_monitoring WHERE model_name = 'customer_classification' ORDER BY prediction_date DESC LIMIT 30`,
    );
    expect(rows).toHaveLength(30);
    for (const [i, row] of rows.entries()) {
      expect(Number(row.accuracy)).toBeGreaterThan(0);
      expect(Number(row.accuracy)).toBeLessThanOrEqual(1);
      if (i < rows.length - 1) expect(Number(row.accuracy_change)).toBeCloseTo(Number(row.accuracy) - Number(row.prev_accuracy), 12);
    }
    expect(rows.at(-1)!.prev_accuracy).toBeNull();
    const mean = (part: Record<string, unknown>[]): number => part.reduce((s, r) => s + Number(r.accuracy), 0) / part.length;
    // Newest first: the drifted week (24–30 November) against the three weeks before it.
    expect(mean(rows.slice(0, 7))).toBeLessThan(mean(rows.slice(7)) - 0.2);
    const [seedColumns] = await query(dir, 'SELECT monitoring_id, model_name, model_version, total_predictions, correct_predictions, avg_confidence FROM model_monitoring ORDER BY monitoring_id LIMIT 1');
    expect(seedColumns).toMatchObject({ monitoring_id: 1n, model_name: 'customer_classification', model_version: 'v1' });
    expect(Number(seedColumns!.correct_predictions)).toBeLessThanOrEqual(Number(seedColumns!.total_predictions));
  });

  test('feature_drift flags total_spend from the first drifted day on, and never total_transactions', async () => {
    const rows = await query(
      dir,
      `SELECT CAST(drift_date AS VARCHAR) AS day, feature, method, value, threshold, drifted FROM feature_drift
       WHERE monitor = 'customer_classification' AND feature <> 'prediction_score' ORDER BY day, feature, method`,
    );
    const latest = rows.filter((r) => r.day === '2025-11-30');
    expect(latest.filter((r) => r.feature === 'total_spend').map((r) => [r.method, r.drifted])).toEqual([
      ['ks', true],
      ['mean_shift', true],
      ['psi', true],
    ]);
    const meanShift = latest.find((r) => r.feature === 'total_spend' && r.method === 'mean_shift')!;
    expect(Number(meanShift.value)).toBeGreaterThan(2);
    expect(meanShift.threshold).toBe(2);
    expect(rows.filter((r) => r.feature === 'total_transactions').every((r) => r.drifted === false)).toBe(true);
    expect(rows.filter((r) => r.feature === 'total_spend' && String(r.day) < '2025-11-24').every((r) => r.drifted === false)).toBe(true);
    // A window is evaluated once the scores span its 7 days: from 7 November on.
    const days = [...new Set(rows.map((r) => r.day))];
    expect(days).toHaveLength(24);
    expect(days[0]).toBe('2025-11-07');
  });

  test('data_quality and alerts hold the breaches of the last period', async () => {
    const quality = await query(
      dir,
      "SELECT feature, metric, value, breached FROM data_quality WHERE quality_date = DATE '2025-11-30' ORDER BY feature, metric",
    );
    const metric = (feature: string, name: string) => quality.find((q) => q.feature === feature && q.metric === name)!;
    expect(metric('total_spend', 'null_rate').value).toBe(0);
    expect(metric('total_spend', 'out_of_range_share')).toMatchObject({ breached: true });
    expect(metric('total_transactions', 'out_of_range_share')).toMatchObject({ value: 0, breached: false });
    expect(Number(metric('total_spend', 'row_count').value)).toBeGreaterThan(0);
    const alerts = await query(dir, 'SELECT CAST(alert_date AS VARCHAR) AS day, kind, subject, metric, severity, message FROM alerts ORDER BY kind, subject, metric');
    expect(new Set(alerts.map((a) => a.day))).toEqual(new Set(['2025-11-30']));
    expect(alerts).toContainEqual(
      expect.objectContaining({ kind: 'drift', subject: 'total_spend', metric: 'mean_shift', severity: 'error', message: 'Data drift detected in total_spend feature' }),
    );
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'quality', subject: 'total_spend', metric: 'out_of_range_share', severity: 'warning' }));
    expect(alerts.some((a) => a.subject === 'total_transactions')).toBe(false);
  });

  test('mlc monitor --fail-on-alert prints the trend and the seed warning, and exits 1', () => {
    const result = mlc(['monitor', '--fail-on-alert'], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(DRIFT_WARNING);
    expect(result.stdout).not.toContain(NO_DRIFT);
    expect(result.stdout).toMatch(/accuracy\s+\S+\s+0\.\d{3} → 0\.\d{3}/);
    // Drifted features come first.
    expect(result.stdout.indexOf('total_spend         DRIFTED')).toBeLessThan(result.stdout.indexOf('total_transactions  ok'));
    const plain = mlc(['monitor'], dir);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain(DRIFT_WARNING);
  });

  test("a rolling reference applies the seed's rule: the last 7 days against the days before", () => {
    const file = path.join(dir, MONITOR_FILE);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('reference: training', 'reference: rolling'));
    try {
      const result = mlc(['monitor', 'customer_classification'], dir);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('7-day window ending 2025-11-30, against rolling');
      expect(result.stdout).toContain(DRIFT_WARNING);
    } finally {
      writeFileSync(file, original);
    }
  });

  test("a sampled monitor draws by the model's entity key: the same drift values every run, still caught", async () => {
    const file = path.join(dir, MONITOR_FILE);
    const original = readFileSync(file, 'utf8');
    const values = async (): Promise<Record<string, unknown>[]> =>
      query(dir, "SELECT CAST(drift_date AS VARCHAR) AS day, feature, method, value FROM feature_drift WHERE monitor = 'customer_classification' ORDER BY day, feature, method");
    expect(mlc(['monitor', 'customer_classification'], dir).status).toBe(0);
    const exact = await values();
    writeFileSync(file, original.replace('  window_days: 7', '  window_days: 7\n  sample: 0.5'));
    try {
      const first = mlc(['monitor', 'customer_classification'], dir);
      expect(first.status).toBe(0);
      expect(first.stdout).toContain(DRIFT_WARNING);
      const sampled = await values();
      expect(mlc(['monitor', 'customer_classification'], dir).status).toBe(0);
      const again = await values();
      expect(again.map(({ value, ...rest }) => rest)).toEqual(sampled.map(({ value, ...rest }) => rest));
      again.forEach((row, i) => expect(Number(row.value)).toBeCloseTo(Number(sampled[i]!.value), 12));
      // Half the customers: an estimate, not the exact values.
      expect(sampled.map(({ value, ...rest }) => rest)).toEqual(exact.map(({ value, ...rest }) => rest));
      expect(sampled.some((row, i) => Math.abs(Number(row.value) - Number(exact[i]!.value)) > 1e-6)).toBe(true);
    } finally {
      writeFileSync(file, original);
    }
  });

  test('a monitor of the batch scores sees no drift: it prints SUCCESS and exits 0, beside the other monitor', async () => {
    writeFileSync(path.join(dir, 'monitors/batch.yml'), batchMonitor(dir));
    const result = mlc(['monitor', 'batch', '--fail-on-alert'], dir);
    expect(result.stderr).not.toContain('error');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(NO_DRIFT);
    expect(result.stdout).not.toContain('WARNING');
    const monitors = await query(dir, 'SELECT monitor, COUNT(*) AS n FROM feature_drift GROUP BY monitor ORDER BY monitor');
    expect(monitors.map((m) => m.monitor)).toEqual(['batch', 'customer_classification']);
  });

  test('an unknown monitor, performance alert or feature is a user error, located in the monitor file', () => {
    const unknown = mlc(['monitor', 'customer_clasification'], dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("did you mean 'customer_classification'?");
    const file = path.join(dir, MONITOR_FILE);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('accuracy_drop: 0.05', 'acuracy_drop: 0.05').replace('features: [total_spend,', 'features: [total_spnd,'));
    try {
      const bad = mlc(['monitor'], dir);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("unknown performance alert 'acuracy_drop'");
      expect(bad.stderr).toMatch(/monitors\/customer_classification\.yml:9:\d+: error: 'total_spnd' is not a column of the training data/);
      expect(bad.stderr).toContain("did you mean 'total_spend'?");
    } finally {
      writeFileSync(file, original);
    }
  });
});
