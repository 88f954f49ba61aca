import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/run/events.js';
import { colorEnabled, createReporter } from '../../src/ui/index.js';
import { ANSI, Capture } from './capture.js';
import { CUSTOMER_NODES, RUN_ID, customerRun, runStart } from './fixtures.js';

async function report(events: RunEvent[], options: { color?: boolean; quiet?: boolean } = {}): Promise<Capture> {
  const stdout = new Capture();
  const reporter = await createReporter({ mode: 'plain', stdout, color: options.color ?? false, quiet: options.quiet ?? false });
  for (const event of events) reporter.listener(event);
  await reporter.done();
  return stdout;
}

describe('plain reporter', () => {
  it('prints one greppable line per finished, unchanged, skipped and failed node, then a summary', async () => {
    const out = await report(customerRun());
    expect(out.lines).toEqual([
      'run run-7f3a on duckdb: 5 nodes, 4 threads',
      '  --  source customers  (unchanged)',
      '  ok  feature customer_features  (1,234 rows, 0.21s)',
      'WARN  features/training_data.sql:5:3  column tenure is never used downstream',
      "FAIL  dataset training_data  features/training_data.sql:4:9  SQL compilation error: invalid identifier 'O.ID' [000904]",
      '      The column does not exist in ORDERS.',
      '        2 |   c.customer_id,',
      '        3 |   sum(o.amount) as total_spend,',
      '      > 4 |   count(o.id) as total_transactions,',
      '          |         ^',
      '        5 |   datediff(day, c.signup_date, current_date) as tenure',
      '        6 | from customers c',
      'SKIP  model customer_classification  (failed parent: training_data)',
      'SKIP  scoring customer_scores  (failed parent: training_data)',
      'slowest: training_data 1.83s, customer_features 0.21s',
      'run failed: 1 built, 1 unchanged, 2 skipped, 1 failed in 2.48s, 1 warning',
    ]);
  });

  it('prints the detail of a built node and no progress lines', async () => {
    const model = CUSTOMER_NODES[3]!;
    const out = await report([
      runStart(CUSTOMER_NODES),
      { type: 'node_start', runId: RUN_ID, id: model.id, action: 'create' },
      { type: 'node_progress', runId: RUN_ID, id: model.id, message: 'tree 10/100', fraction: 0.1 },
      { type: 'node_finish', runId: RUN_ID, id: model.id, durationMs: 65_000, detail: 'v3 champion (auc_roc 0.91)' },
    ]);
    expect(out.lines.slice(1)).toEqual(['  ok  model customer_classification  (1m05s)  v3 champion (auc_roc 0.91)']);
  });

  it('with quiet prints only failures and the summary', async () => {
    const out = await report(customerRun(), { quiet: true });
    expect(out.lines[0]).toMatch(/^FAIL {2}dataset training_data {2}features\/training_data\.sql:4:9 /);
    expect(out.lines.filter((line) => /^( {2}ok| {2}--|SKIP|WARN|run run-)/.test(line))).toEqual([]);
    expect(out.lines.at(-1)).toBe('run failed: 1 built, 1 unchanged, 2 skipped, 1 failed in 2.48s, 1 warning');
  });

  it('colors with ANSI codes only when color is on', async () => {
    const colored = await report(customerRun(), { color: true });
    const plain = await report(customerRun(), { color: false });
    expect(colored.text).toMatch(ANSI);
    expect(colored.text).toContain('\u001b[31m');
    expect(plain.text).not.toContain('\u001b');
    expect(colored.text.replace(ANSI, '')).toBe(plain.text);
  });

  it('writes no escape codes when NO_COLOR is set, even on a terminal', async () => {
    const color = colorEnabled({ isTTY: true, env: { NO_COLOR: '1', TERM: 'xterm-256color' } });
    const out = await report(customerRun(), { color });
    expect(out.text).not.toContain('\u001b');
  });

  it('names a node it has not been told about by its id', async () => {
    const out = await report([{ type: 'node_finish', runId: RUN_ID, id: 'feature.orphan', rows: 1, durationMs: 5 }]);
    expect(out.lines).toEqual(['  ok  feature.orphan  (1 row, 0.01s)']);
  });
});
