/**
 * Closing the loop: a monitor with `on_alert: retrain <model>` that raised an
 * error-level alert in its latest period, in this run, asks for that model to retrain.
 * The retrained version then goes through the promotion policy like any other.
 */

import { monitorTables } from '../compile/monitor.js';
import type { ProjectGraph } from '../graph/build.js';
import { parseOnAlert } from '../schedule/on-alert.js';
import type { Connection } from '../targets/target.js';

export interface RetrainTrigger {
  monitor: string;
  model: string;
}

export async function alertRetrains(connection: Connection, graph: ProjectGraph, built: readonly string[]): Promise<RetrainTrigger[]> {
  const triggers: RetrainTrigger[] = [];
  for (const id of built) {
    const node = graph.nodes.get(id);
    if (node?.kind !== 'monitor') continue;
    const onAlert = parseOnAlert(node.spec.on_alert);
    if (onAlert?.action !== 'retrain' || !graph.nodes.has(`model.${onAlert.model}`)) continue;
    const alerts = monitorTables(node).alerts;
    const { rows } = await connection.query(
      `SELECT COUNT(*) AS n FROM ${alerts} WHERE monitor = ? AND severity = 'error' AND alert_date = (SELECT MAX(alert_date) FROM ${alerts} WHERE monitor = ?)`,
      [node.name, node.name],
    );
    if (Number(rows[0]?.n ?? 0) > 0) triggers.push({ monitor: id, model: `model.${onAlert.model}` });
  }
  return triggers;
}
