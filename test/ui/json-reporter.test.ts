import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createReporter, eventToJson } from '../../src/ui/index.js';
import { Capture } from './capture.js';
import { bigRunEvents, customerRun } from './fixtures.js';

describe('NDJSON reporter', () => {
  it('writes one parseable line per event that round-trips to the event', async () => {
    const events = [...customerRun(), ...bigRunEvents().events];
    const stdout = new Capture();
    const reporter = await createReporter({ mode: 'json', stdout, color: true, quiet: true });
    for (const event of events) reporter.listener(event);
    await reporter.done();
    expect(stdout.lines).toHaveLength(events.length);
    expect(stdout.text.endsWith('\n')).toBe(true);
    expect(stdout.lines.map((line) => JSON.parse(line) as unknown)).toEqual(events);
    expect(stdout.text).not.toContain('\u001b');
  });

  it('orders keys type, runId, then alphabetically, nested objects too', () => {
    const [, , , , finish, , , fail] = customerRun();
    expect(eventToJson(finish!)).toBe('{"type":"node_finish","runId":"run-7f3a","durationMs":210,"id":"feature.customer_features","rows":1234}');
    const parsed = JSON.parse(eventToJson(fail!)) as { error: Record<string, unknown> };
    expect(Object.keys(parsed)).toEqual(['type', 'runId', 'durationMs', 'error', 'id']);
    expect(Object.keys(parsed.error)).toEqual(['code', 'col', 'file', 'line', 'message', 'sql']);
  });

  it('puts nothing but the events on the stdout of a real process', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const script = `
      import { chooseMode, createReporter } from './dist/ui/index.js';
      const events = JSON.parse(process.argv[1]);
      const mode = chooseMode({ isTTY: Boolean(process.stdout.isTTY), json: true, env: process.env });
      const reporter = await createReporter({ mode, stdout: process.stdout, color: false, quiet: false });
      for (const event of events) reporter.listener(event);
      await reporter.done();
    `;
    const events = customerRun();
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(events)], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(events);
  });
});
