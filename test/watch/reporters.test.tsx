import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/run/events.js';
import { createJsonReporter, createPlainReporter, createRunStore } from '../../src/ui/index.js';
import { RunView } from '../../src/ui/ink/index.js';
import { Capture } from '../ui/capture.js';
import { CUSTOMER_NODES, RUN_ID, runStart } from '../ui/fixtures.js';

afterEach(cleanup);

const READY: RunEvent = { type: 'watch_ready', paths: ['features/', 'models/', 'monitors/', 'mlc.yml'], dataFiles: ['data/a.csv', 'data/b.csv'] };
const LONG = `the column 'marker' appears twice in the output of this feature, once from the star expansion of customer_features and once from the explicit alias at the end of the select list`;
const ERROR: RunEvent = {
  type: 'watch_error',
  files: ['features/customer_features_v2.sql'],
  diagnostics: [{ file: 'features/customer_features_v2.sql', line: 3, col: 7, message: LONG, hint: 'alias one of them', severity: 'error', code: 'duplicate-column' }],
};
const CHANGE: RunEvent = { type: 'watch_change', files: ['features/customer_features.sql'], nodes: ['feature.customer_features', 'dataset.training_data'], removed: [], durationMs: 4.2 };
const RUN: RunEvent[] = [
  runStart(CUSTOMER_NODES),
  ...CUSTOMER_NODES.map((n): RunEvent => ({ type: 'node_unchanged', runId: RUN_ID, id: n.id })),
  { type: 'run_end', runId: RUN_ID, status: 'success', durationMs: 40, counts: { built: 0, unchanged: 5, skipped: 0, failed: 0 } },
];

function mount() {
  const store = createRunStore({ intervalMs: 60_000 });
  const app = render(<RunView store={store} color={false} rows={40} />);
  return async (events: RunEvent[]): Promise<string> => {
    for (const event of events) store.push(event);
    store.flush();
    await new Promise((resolve) => setImmediate(resolve));
    return app.lastFrame() ?? '';
  };
}

describe('the Ink view in watch mode', () => {
  it('keeps the last run on screen and shows the whole compile error under it, wrapped, until a save fixes it', async () => {
    const feed = mount();
    const idle = await feed([READY, ...RUN]);
    expect(idle).toContain('run succeeded');
    expect(idle.split('\n').at(-1)).toBe('watching features/, models/, monitors/, mlc.yml and 2 data files; Ctrl-C to stop');

    const broken = await feed([ERROR]);
    expect(broken).toContain('run succeeded');
    expect(broken).toContain('features/customer_features_v2.sql:3:7: error:');
    // Wrapped, not cut: every word of the message is on screen.
    expect(broken.replace(/\s+/g, ' ')).toContain(LONG);
    expect(broken).toContain('hint: alias one of them');
    expect(broken).toContain('nothing was run (after features/customer_features_v2.sql); fix it and save, still watching');

    const fixed = await feed([CHANGE]);
    expect(fixed).not.toContain('error:');
    expect(fixed).toContain('last change: features/customer_features.sql changed: 2 nodes affected (recompiled in 4 ms)');
  });

  it('shows a compile error of the first compile, before any run', async () => {
    const frame = await mount()([READY, { ...ERROR, files: [] }]);
    expect(frame).toContain('features/customer_features_v2.sql:3:7: error:');
    expect(frame).toContain('nothing was run; fix it and save, still watching');
  });
});

describe('the line reporters in watch mode', () => {
  it('plain: one line per change, and the error even when quiet', async () => {
    const out = new Capture();
    const reporter = createPlainReporter({ stdout: out, color: false, quiet: true });
    for (const event of [READY, CHANGE, ERROR]) reporter.listener(event);
    await reporter.done();
    expect(out.lines[0]).toMatch(/^features\/customer_features_v2\.sql:3:7: error: the column 'marker'/);
    expect(out.lines.at(-1)).toBe('nothing was run (after features/customer_features_v2.sql); fix it and save, still watching');

    const loud = new Capture();
    const verbose = createPlainReporter({ stdout: loud, color: false, quiet: false });
    for (const event of [READY, CHANGE]) verbose.listener(event);
    expect(loud.lines).toEqual([
      'watching features/, models/, monitors/, mlc.yml and 2 data files; Ctrl-C to stop',
      'features/customer_features.sql changed: 2 nodes affected (recompiled in 4 ms)',
    ]);
  });

  it('json: watch events are NDJSON lines like the run events', () => {
    const out = new Capture();
    const reporter = createJsonReporter(out);
    reporter.listener(CHANGE);
    expect(out.lines).toEqual(['{"type":"watch_change","durationMs":4.2,"files":["features/customer_features.sql"],"nodes":["feature.customer_features","dataset.training_data"],"removed":[]}']);
  });
});
