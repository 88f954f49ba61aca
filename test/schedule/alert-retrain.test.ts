/**
 * The loop closed on the embedded target: the example's scoring log drifts, the monitor
 * raises an error alert, `on_alert: retrain` retrains the model in a follow-up run, the
 * new version goes through the promotion policy, and both runs are in the history.
 */

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';

function withRetrainOnAlert(ab: boolean): string {
  const dir = copyExample();
  appendFileSync(path.join(dir, 'monitors/customer_classification.yml'), 'on_alert: retrain customer_classification\n');
  if (ab) {
    const model = path.join(dir, 'models/customer_classification.yml');
    writeFileSync(model, readFileSync(model, 'utf8').replace('realtime: { function: predict_customer_value }', 'realtime: { function: predict_customer_value }\n  ab: { challenger_share: 0.2 }'));
  }
  return dir;
}

interface Event {
  type: string;
  id?: string;
  detail?: string;
}

function runs(stdout: string): Event[][] {
  const events = stdout.trim().split('\n').map((l) => JSON.parse(l) as Event);
  const grouped: Event[][] = [];
  for (const e of events) {
    if (e.type === 'run_start') grouped.push([]);
    grouped.at(-1)!.push(e);
  }
  return grouped;
}

describe('on_alert: retrain', () => {
  test('drift alerts retrain the model; without A/B the equal new version stays a candidate', () => {
    const dir = withRetrainOnAlert(false);
    const result = mlc(['run', '--json'], dir);
    expect(result.status).toBe(0);
    const [first, second] = runs(result.stdout);
    expect(first!.some((e) => e.type === 'node_finish' && e.id === 'monitor.customer_classification')).toBe(true);
    expect(second).toBeDefined();
    const retrained = second!.find((e) => e.type === 'node_finish' && e.id === 'model.customer_classification');
    expect(retrained?.detail).toMatch(/^v2 candidate:/);
    const history = mlc(['runs', '--json'], dir).stdout.trim().split('\n').map((l) => JSON.parse(l) as { trigger: string; status: string });
    expect(history.map((r) => r.trigger)).toEqual(['alert:customer_classification', 'manual']);
    expect(history.every((r) => r.status === 'success')).toBe(true);
    const again = mlc(['run', '--json'], dir);
    expect(runs(again.stdout)).toHaveLength(1);
  });

  test('with A/B on, the retrained version starts as challenger', () => {
    const dir = withRetrainOnAlert(true);
    const result = mlc(['run', '--json'], dir);
    expect(result.status).toBe(0);
    const second = runs(result.stdout)[1]!;
    expect(second.find((e) => e.type === 'node_finish' && e.id === 'model.customer_classification')?.detail).toMatch(/^v2 challenger:/);
    expect(second.some((e) => e.type === 'node_finish' && e.id === 'scoring.customer_scores')).toBe(true);
  });

  test('retraining an unknown model is a compile error at on_alert', () => {
    const dir = copyExample();
    appendFileSync(path.join(dir, 'monitors/customer_classification.yml'), 'on_alert: retrain customer_clasification\n');
    const result = mlc(['compile'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/monitors\/customer_classification.yml:\d+:11: error: on_alert retrains unknown model 'customer_clasification'/);
    expect(result.stderr).toContain("did you mean 'retrain customer_classification'?");
  });
});
