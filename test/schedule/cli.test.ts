import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { copyExample, mlc } from '../support/cli.js';

test('mlc schedule --list shows each job, its nodes in build order and its next runs', () => {
  const dir = copyExample();
  const list = mlc(['schedule', '--list', '--json'], dir);
  expect(list.stderr).not.toContain('error');
  const jobs = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as { job: string; cron: string; nodes: string[]; next: string[] });
  const model = jobs.find((j) => j.job === 'model.customer_classification')!;
  expect(model.cron).toBe('0 3 * * *');
  expect(model.nodes).toEqual(['source.orders', 'feature.customer_features', 'dataset.training_data', 'model.customer_classification']);
  expect(model.next).toHaveLength(3);
  for (const at of model.next) expect(at).toMatch(/T03:00:00\.000Z$/);
  const monitor = jobs.find((j) => j.job === 'monitor.customer_classification')!;
  expect(monitor.nodes.at(-1)).toBe('monitor.customer_classification');
  expect(monitor.nodes.indexOf('model.customer_classification')).toBeLessThan(monitor.nodes.indexOf('scoring.customer_scores'));
});

test('a bad cron or time zone is a compile error at its location', () => {
  const dir = copyExample();
  const model = path.join(dir, 'models/customer_classification.yml');
  const text = readFileSync(model, 'utf8');
  writeFileSync(model, text.replace('schedule: "0 3 * * *"', 'schedule: "0 25 * * *"'));
  const line = text.split('\n').findIndex((l) => l.startsWith('schedule:')) + 1;
  const bad = mlc(['compile'], dir);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain(`models/customer_classification.yml:${line}:11: error: invalid cron expression '0 25 * * *'`);
  writeFileSync(model, text.replace('schedule: "0 3 * * *"', 'schedule: { cron: "0 3 * * *", timezone: Mars/Olympus }'));
  const zone = mlc(['compile'], dir);
  expect(zone.status).toBe(1);
  expect(zone.stderr).toContain("error: unknown time zone 'Mars/Olympus'");
});
