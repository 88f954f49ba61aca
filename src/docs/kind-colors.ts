/** One fill colour per node kind, shared by the Mermaid and DOT output and the site. */

import type { NodeKind } from '../graph/node.js';

export const KIND_COLORS: Record<NodeKind, string> = {
  source: '#e8eef7',
  feature: '#dff3e4',
  dataset: '#fdf1d6',
  model: '#f3e1f5',
  scoring: '#dcecf9',
  monitor: '#fde2e0',
};
