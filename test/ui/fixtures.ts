import type { NodeKind } from '../../src/graph/node.js';
import type { NodeSummary, RunEvent } from '../../src/run/events.js';

export const RUN_ID = 'run-7f3a';

export function node(name: string, kind: NodeKind, layer: number, file = `features/${name}.sql`): NodeSummary {
  return { id: `${kind}.${name}`, name, kind, layer, file };
}

/** The repository's customer example, one node per layer. */
export const CUSTOMER_NODES: NodeSummary[] = [
  node('customers', 'source', 0, 'mlc.yml'),
  node('customer_features', 'feature', 1),
  node('training_data', 'dataset', 2),
  node('customer_classification', 'model', 3, 'models/customer_classification.yml'),
  node('customer_scores', 'scoring', 4, 'models/customer_classification.yml'),
];

export function runStart(nodes: NodeSummary[], threads = 4): RunEvent {
  return { type: 'run_start', runId: RUN_ID, target: 'duckdb', threads, nodes };
}

export const TRAINING_SQL = [
  'select',
  '  c.customer_id,',
  '  sum(o.amount) as total_spend,',
  '  count(o.id) as total_transactions,',
  '  datediff(day, c.signup_date, current_date) as tenure',
  'from customers c',
  'join orders o on o.customer_id = c.id',
  'group by c.customer_id',
].join('\n');

/** A whole small run: one node of each final status, a warning, training progress. */
export function customerRun(): RunEvent[] {
  const [source, features, training, model, scores] = CUSTOMER_NODES.map((n) => n.id) as [string, string, string, string, string];
  return [
    runStart(CUSTOMER_NODES),
    { type: 'node_start', runId: RUN_ID, id: source, action: 'create' },
    { type: 'node_unchanged', runId: RUN_ID, id: source },
    { type: 'node_start', runId: RUN_ID, id: features, action: 'rebuild' },
    { type: 'node_finish', runId: RUN_ID, id: features, rows: 1234, durationMs: 210 },
    { type: 'warning', runId: RUN_ID, id: training, message: 'column tenure is never used downstream', file: 'features/training_data.sql', line: 5, col: 3 },
    { type: 'node_start', runId: RUN_ID, id: training, action: 'create' },
    {
      type: 'node_fail',
      runId: RUN_ID,
      id: training,
      durationMs: 1830,
      error: {
        message: "SQL compilation error: invalid identifier 'O.ID'\nThe column does not exist in ORDERS.",
        file: 'features/training_data.sql',
        line: 4,
        col: 9,
        sql: TRAINING_SQL,
        code: '000904',
      },
    },
    { type: 'node_skip', runId: RUN_ID, id: model, failedParent: training },
    { type: 'node_skip', runId: RUN_ID, id: scores, failedParent: training },
    {
      type: 'run_end',
      runId: RUN_ID,
      status: 'failed',
      durationMs: 2480,
      counts: { built: 1, unchanged: 1, failed: 1, skipped: 2 },
    },
  ];
}

/**
 * 2,000 nodes over 8 layers of 250, mid-run: layers 0-4 finished (one failure in layer 2,
 * whose children in later layers are skipped), 4 nodes running in layer 5, the rest queued.
 */
export function bigRunEvents(): { events: RunEvent[]; running: string[]; failed: string } {
  const nodes: NodeSummary[] = [];
  for (let layer = 0; layer < 8; layer++) {
    for (let i = 0; i < 250; i++) nodes.push(node(`f${layer}_${String(i).padStart(3, '0')}`, layer === 7 ? 'model' : 'feature', layer));
  }
  const events: RunEvent[] = [runStart(nodes, 4)];
  const failed = 'feature.f2_117';
  let i = 0;
  for (const n of nodes) {
    if (n.layer > 4) break;
    i++;
    if (n.layer === 4 && i % 50 === 0) {
      events.push({ type: 'node_skip', runId: RUN_ID, id: n.id, failedParent: failed });
      continue;
    }
    if (n.layer === 3 && i % 97 === 0) {
      events.push({ type: 'node_unchanged', runId: RUN_ID, id: n.id });
      continue;
    }
    events.push({ type: 'node_start', runId: RUN_ID, id: n.id, action: 'create' });
    if (n.id === failed) {
      events.push({
        type: 'node_fail',
        runId: RUN_ID,
        id: n.id,
        durationMs: 40,
        error: { message: 'Division by zero', file: n.file, line: 2, col: 14, sql: 'select\n  a / b as ratio\nfrom t' },
      });
    } else {
      events.push({ type: 'node_finish', runId: RUN_ID, id: n.id, rows: 100 + i, durationMs: 20 + (i % 7) });
    }
  }
  const running = nodes.filter((n) => n.layer === 5).slice(0, 4).map((n) => n.id);
  for (const id of running) events.push({ type: 'node_start', runId: RUN_ID, id, action: 'create' });
  return { events, running, failed };
}
