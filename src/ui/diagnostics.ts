/** User errors for the terminal: formatDiagnostic's text, with color when enabled. */

import { formatDiagnostic, type Diagnostic } from '../project/diagnostic.js';
import { painter } from './ansi.js';

export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: { color: boolean }): string {
  const paint = painter(options.color);
  return diagnostics
    .map((d) => {
      const text = formatDiagnostic(d);
      if (!options.color) return text;
      // Restyle the pieces of formatDiagnostic's fixed layout rather than re-lay it out.
      const location = `${d.file}:${d.line}:${d.col}:`;
      const severity = `${d.severity}:`;
      const head = `${location} ${severity} `;
      const hint = '\n  hint: ';
      const painted = `${paint(location, 'bold')} ${paint(severity, d.severity === 'error' ? 'red' : 'yellow', 'bold')} `;
      const withHead = text.startsWith(head) ? painted + text.slice(head.length) : text;
      const hintAt = withHead.indexOf(hint);
      return hintAt === -1
        ? withHead
        : `${withHead.slice(0, hintAt)}\n  ${paint('hint:', 'cyan')} ${withHead.slice(hintAt + hint.length)}`;
    })
    .join('\n');
}
