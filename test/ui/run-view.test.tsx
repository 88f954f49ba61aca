import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NodeSummary, RunEvent } from '../../src/run/events.js';
import { createRunStore } from '../../src/ui/index.js';
import { RunView } from '../../src/ui/ink/index.js';
import { CUSTOMER_NODES, RUN_ID, bigRunEvents, customerRun, node, runStart } from './fixtures.js';

afterEach(cleanup);

const [SOURCE, FEATURES, TRAINING, MODEL, SCORES] = CUSTOMER_NODES.map((n) => n.id) as [string, string, string, string, string];

/** A store on a hand-driven clock, rendered by Ink; `feed` publishes as a timer tick would. */
function mount(rows = 40) {
  const clock = { t: 1_000_000 };
  const store = createRunStore({ now: () => clock.t, intervalMs: 60_000 });
  const app = render(<RunView store={store} color={false} rows={rows} />);
  const feed = async (events: RunEvent[], advanceMs = 0): Promise<string> => {
    for (const event of events) store.push(event);
    clock.t += advanceMs;
    store.flush();
    // React commits store updates on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    return app.lastFrame() ?? '';
  };
  return { store, app, clock, feed };
}

function lineWith(frame: string, text: string): string {
  const line = frame.split('\n').find((l) => l.includes(text));
  if (line === undefined) throw new Error(`no line with ${JSON.stringify(text)} in:\n${frame}`);
  return line;
}

describe('RunView node states', () => {
  it('shows queued nodes before they start', async () => {
    const { feed } = mount();
    const frame = await feed([runStart(CUSTOMER_NODES)]);
    expect(lineWith(frame, 'customer_scores')).toBe('  · scoring customer_scores  queued');
    expect(frame).toContain('0/5  0%');
  });

  it('shows a running node with a spinner and its elapsed time, both advancing', async () => {
    const { feed } = mount();
    const first = await feed([runStart(CUSTOMER_NODES), { type: 'node_start', runId: RUN_ID, id: TRAINING, action: 'create' }], 1500);
    const later = await feed([], 2100);
    expect(lineWith(first, 'training_data')).toMatch(/^ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] dataset training_data {2}1\.5s$/);
    expect(lineWith(later, 'training_data')).toMatch(/^ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] dataset training_data {2}3\.6s$/);
    expect(lineWith(first, 'training_data')[2]).not.toBe(lineWith(later, 'training_data')[2]);
  });

  it('shows built, unchanged, skipped and failed nodes', async () => {
    const { feed } = mount();
    const frame = await feed(customerRun().slice(0, -1));
    expect(lineWith(frame, 'customer_features')).toBe('  ✓ feature customer_features  1,234 rows  0.21s');
    expect(lineWith(frame, 'source customers')).toBe('  ○ source customers  unchanged');
    expect(lineWith(frame, 'model customer_classification')).toBe('  ↷ model customer_classification  skipped: training_data failed');
    // Cut at the terminal's 100 columns, not wrapped: the list's height is counted in lines.
    expect(lineWith(frame, 'dataset training_data')).toBe(
      '  ✗ dataset training_data  failed  features/training_data.sql:4:9  SQL compilation error: invalid i…',
    );
  });

  it('shows training progress of a running model and drops it once the model is built', async () => {
    const { feed } = mount();
    const progress: RunEvent = {
      type: 'node_progress',
      runId: RUN_ID,
      id: MODEL,
      message: 'tree 40/100',
      fraction: 0.4,
      metric: { name: 'auc_roc', value: 0.842317 },
    };
    const running = await feed([runStart(CUSTOMER_NODES), { type: 'node_start', runId: RUN_ID, id: MODEL, action: 'create' }, progress], 900);
    expect(lineWith(running, 'customer_classification')).toMatch(/ model customer_classification {2}0\.9s {2}tree 40\/100 {2}40% {2}auc_roc 0\.8423$/);
    const built = await feed([{ type: 'node_finish', runId: RUN_ID, id: MODEL, durationMs: 1200, detail: 'v3 champion' }]);
    expect(lineWith(built, 'customer_classification')).toBe('  ✓ model customer_classification  1.20s  v3 champion');
  });

  it('shows progress, done count and an ETA from finished durations', async () => {
    const { feed } = mount();
    const frame = await feed(
      [
        runStart(CUSTOMER_NODES, 2),
        { type: 'node_finish', runId: RUN_ID, id: SOURCE, durationMs: 1000 },
        { type: 'node_finish', runId: RUN_ID, id: FEATURES, durationMs: 3000 },
      ],
      4000,
    );
    // Mean 2s per node, 3 nodes left, 2 threads: 3s.
    expect(lineWith(frame, '2/5')).toBe('[██████████░░░░░░░░░░░░░░] 2/5  40%  4.0s  ETA 3.0s');
  });
});

describe('RunView warnings', () => {
  it('shows warnings with their file:line:col, the latest three while running', async () => {
    const { feed } = mount();
    const warnings = [1, 2, 3, 4, 5].map(
      (n): RunEvent => ({ type: 'warning', runId: RUN_ID, message: `unused column c${n}`, file: 'features/customer_features.sql', line: n, col: 3 }),
    );
    const frame = await feed([runStart(CUSTOMER_NODES), ...warnings]);
    expect(frame).toContain('⚠ … 2 earlier warnings');
    expect(frame).not.toContain('c2');
    expect(lineWith(frame, 'c5')).toBe('⚠ features/customer_features.sql:5:3  unused column c5');
  });

  it('names the node when a warning has no file', async () => {
    const { feed } = mount();
    const frame = await feed([runStart(CUSTOMER_NODES), { type: 'warning', runId: RUN_ID, id: SCORES, message: 'threshold 0.5 is the default' }]);
    expect(lineWith(frame, 'threshold')).toBe('⚠ scoring customer_scores  threshold 0.5 is the default');
  });
});

describe('RunView summary', () => {
  it('reports the counts, the slowest five nodes, slowest first', async () => {
    const nodes: NodeSummary[] = [0, 1, 2, 3, 4, 5, 6].map((i) => node(`n${i}`, 'feature', 0));
    const durations = [300, 7000, 50, 1200, 90, 640, 20];
    const { feed } = mount();
    const frame = await feed([
      runStart(nodes),
      ...nodes.map((n, i): RunEvent => ({ type: 'node_finish', runId: RUN_ID, id: n.id, durationMs: durations[i] ?? 0 })),
      { type: 'run_end', runId: RUN_ID, status: 'success', durationMs: 9300, counts: { built: 7, unchanged: 0, skipped: 0, failed: 0 } },
    ]);
    expect(frame).toContain('run succeeded in 9.30s: 7 built, 0 unchanged, 0 skipped, 0 failed');
    const slowest = frame.split('\n');
    const start = slowest.indexOf('slowest:');
    expect(slowest.slice(start + 1, start + 6)).toEqual([
      '  7.00s  feature n1',
      '  1.20s  feature n3',
      '  0.64s  feature n5',
      '  0.30s  feature n0',
      '  0.09s  feature n4',
    ]);
    expect(frame).not.toContain('  0.02s  feature n6');
    expect(frame).not.toContain('failures:');
  });

  it('lists each failure with file:line, the error and the SQL around the line', async () => {
    const { feed } = mount();
    const frame = await feed(customerRun());
    expect(frame).toContain('run failed in 2.48s: 1 built, 1 unchanged, 2 skipped, 1 failed');
    const lines = frame.split('\n');
    const failures = lines.indexOf('failures:');
    expect(failures).toBeGreaterThan(0);
    expect(lines.slice(failures + 1)).toEqual([
      '✗ dataset training_data  features/training_data.sql:4:9  [000904]',
      "    SQL compilation error: invalid identifier 'O.ID'",
      '    The column does not exist in ORDERS.',
      '      2 |   c.customer_id,',
      '      3 |   sum(o.amount) as total_spend,',
      '    > 4 |   count(o.id) as total_transactions,',
      '        |         ^',
      '      5 |   datediff(day, c.signup_date, current_date) as tenure',
      '      6 | from customers c',
    ]);
    // The caret sits under column 9 of line 4: the `o` of `o.id`.
    const marked = lines[failures + 6] ?? '';
    const caret = lines[failures + 7] ?? '';
    expect(marked[caret.indexOf('^')]).toBe('o');
    expect(marked.slice(marked.indexOf('| ') + 2 + 8)).toMatch(/^o\.id/);
  });
  it('wraps a long failure message to the terminal width instead of cutting it', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
    const { feed } = mount();
    const frame = await feed([
      runStart(CUSTOMER_NODES),
      { type: 'node_fail', runId: RUN_ID, id: TRAINING, durationMs: 10, error: { message: words.join(' ') } },
      { type: 'run_end', runId: RUN_ID, status: 'failed', durationMs: 20, counts: { built: 0, unchanged: 0, skipped: 0, failed: 1 } },
    ]);
    const lines = frame.split('\n');
    const message = lines.slice(lines.indexOf('failures:') + 2);
    expect(message.length).toBeGreaterThan(1);
    for (const line of message) expect(line.length).toBeLessThanOrEqual(100);
    expect(message.map((line) => line.trim()).join(' ')).toBe(words.join(' '));
  });
});

describe('RunView at 2,000 nodes', () => {
  it('fits a 40-line terminal, collapsing finished layers and keeping running and failed nodes', async () => {
    const { events, running, failed } = bigRunEvents();
    const { feed } = mount(40);
    const frame = await feed(events, 800);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(frame).toContain('1,250/2,000');
    expect(frame).toContain('layer 0: 250 built');
    expect(frame).toContain('layer 3: 247 built, 3 unchanged');
    expect(frame).toContain('layer 2: 249 built, 1 failed');
    expect(lineWith(frame, failed.replace('feature.', ''))).toContain('failed  features/f2_117.sql:2:14  Division by zero');
    for (const id of running) expect(lineWith(frame, id.replace('feature.', ''))).toMatch(/^ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] feature f5_00\d {2}0\.8s$/);
    expect(frame).toMatchSnapshot();
  });

  it('still fits after run_end with the failure excerpt in the summary', async () => {
    const { events } = bigRunEvents();
    const { feed } = mount(40);
    const frame = await feed([
      ...events,
      { type: 'run_end', runId: RUN_ID, status: 'cancelled', durationMs: 31_000, counts: { built: 1236, unchanged: 3, skipped: 5, failed: 1 } },
    ]);
    expect(frame.split('\n').length).toBeLessThanOrEqual(40);
    expect(frame).toContain('run cancelled in 31.00s: 1,236 built, 3 unchanged, 5 skipped, 1 failed');
    expect(frame).toContain('    > 2 |   a / b as ratio');
  });

  it('merges layers into ranges when there are more layers than lines', async () => {
    // A 2,000-node chain: 2,000 layers of one node each.
    const nodes = Array.from({ length: 2000 }, (_, i) => node(`c${i}`, 'feature', i));
    const events: RunEvent[] = [runStart(nodes)];
    for (const n of nodes.slice(0, 1500)) events.push({ type: 'node_finish', runId: RUN_ID, id: n.id, durationMs: 5 });
    events.push({ type: 'node_start', runId: RUN_ID, id: 'feature.c1500', action: 'create' });
    const { feed } = mount(20);
    const frame = await feed(events, 100);
    expect(frame.split('\n').length).toBeLessThanOrEqual(20);
    expect(frame).toContain('layers 0–1499: 1,500 built');
    expect(frame).toContain(' feature c1500  0.1s');
    expect(frame).toContain('layers 1501–1999: 499 queued');
  });

  it('counts running nodes that do not fit on a last line', async () => {
    const nodes = Array.from({ length: 300 }, (_, i) => node(`w${i}`, 'feature', 0));
    const { feed } = mount(20);
    const frame = await feed([runStart(nodes, 300), ...nodes.map((n): RunEvent => ({ type: 'node_start', runId: RUN_ID, id: n.id, action: 'create' }))]);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(frame).toContain('layer 0: 300 running');
    const shown = lines.filter((l) => / feature w\d+ /.test(l)).length;
    expect(shown).toBeGreaterThan(10);
    expect(frame).toContain(`  … ${300 - shown} more running`);
  });
});

describe('RunView and the store', () => {
  it('renders a burst of 2,000 events as one frame', async () => {
    const { events } = bigRunEvents();
    const store = createRunStore({ intervalMs: 200 });
    const app = render(<RunView store={store} color={false} rows={40} />);
    const before = app.frames.length;
    for (const event of events) store.push(event);
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.frames.length).toBe(before);
    await vi.waitFor(() => expect(app.frames.length).toBeGreaterThan(before), { timeout: 2000, interval: 20 });
    expect(app.frames.length).toBe(before + 1);
    expect(app.lastFrame()).toContain('1,250/2,000');
    store.close();
  });
});
