import { describe, expect, it } from 'vitest';
import { createReporter } from '../../src/ui/index.js';
import { ANSI, Capture } from './capture.js';
import { customerRun } from './fixtures.js';

/** A real stream that says it is a 100x30 terminal, as Ink expects of its stdout. */
class Terminal extends Capture {
  isTTY = true;
  columns = 100;
  rows = 30;
}

describe('createReporter in ink mode', () => {
  it('renders the run to the stream and leaves the final summary on screen', async () => {
    const stdout = new Terminal();
    const reporter = await createReporter({ mode: 'ink', stdout, color: true, quiet: false });
    for (const event of customerRun()) reporter.listener(event);
    await reporter.done();
    const text = stdout.text.replace(ANSI, '');
    expect(text).toContain('run failed in 2.48s: 1 built, 1 unchanged, 2 skipped, 1 failed');
    expect(text).toContain('> 4 |   count(o.id) as total_transactions,');
    expect(text).toContain('⚠ features/training_data.sql:5:3  column tenure is never used downstream');
  });
});
