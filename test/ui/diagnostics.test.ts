import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/project/diagnostic.js';
import { formatDiagnostics } from '../../src/ui/index.js';
import { ANSI } from './capture.js';

const DIAGNOSTICS: Diagnostic[] = [
  {
    file: 'models/churn.yml',
    line: 4,
    col: 11,
    message: "unknown algorithm 'random_forrest'",
    hint: "did you mean 'random_forest'?",
    severity: 'error',
    code: 'model.algorithm',
  },
  { file: 'features/orders.sql', line: 2, col: 1, message: 'SELECT * makes the columns depend on the source', severity: 'warning', code: 'sql.star' },
];

describe('formatDiagnostics', () => {
  it('prints each diagnostic as formatDiagnostic does when color is off', () => {
    const text = formatDiagnostics(DIAGNOSTICS, { color: false });
    expect(text).toBe(DIAGNOSTICS.map(formatDiagnostic).join('\n'));
    expect(text).toBe(
      [
        "models/churn.yml:4:11: error: unknown algorithm 'random_forrest'",
        "  hint: did you mean 'random_forest'?",
        'features/orders.sql:2:1: warning: SELECT * makes the columns depend on the source',
      ].join('\n'),
    );
  });

  it('colors errors red and warnings yellow, with the same text underneath', () => {
    const text = formatDiagnostics(DIAGNOSTICS, { color: true });
    const [errorLine, hintLine, warningLine] = text.split('\n');
    expect(errorLine).toContain('\u001b[31m');
    expect(warningLine).toContain('\u001b[33m');
    expect(warningLine).not.toContain('\u001b[31m');
    expect(hintLine).toContain('\u001b[36m');
    expect(text.replace(ANSI, '')).toBe(formatDiagnostics(DIAGNOSTICS, { color: false }));
  });
});
