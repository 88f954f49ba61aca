/**
 * The seed's `detect_data_drift()` on Snowflake: a Snowflake Scripting procedure in the
 * document's shape (DECLARE, SELECT … INTO, IF … RETURN) answering with its two
 * messages. It does not recompute statistics: it reads the verdict of the monitor's
 * latest drift window from the drift table the monitor run writes, so the procedure,
 * `mlc monitor` and the alerts always agree.
 */

import type { GraphNode, MonitorNode } from '../../graph/types.js';
import { driftMessage, NO_DRIFT_MESSAGE, SCORE_COLUMN } from '../../monitor/index.js';
import { literal } from '../names.js';

function hasDrift(node: GraphNode): boolean {
  return node.kind === 'monitor' && node.spec.drift !== undefined;
}

/** `detect_data_drift` as the seed names it when one monitor checks drift; one per monitor, suffixed, when several do. */
export function driftProcedureName(monitor: MonitorNode, nodes: Iterable<GraphNode>): string {
  const monitors = [...nodes].filter(hasDrift);
  return monitors.length > 1 ? `detect_data_drift_${monitor.name}` : 'detect_data_drift';
}

export function createDriftProcedure(monitor: MonitorNode, driftTable: string, nodes: Iterable<GraphNode>): string {
  const mark = '\u0000';
  const [before, after] = driftMessage(mark).split(mark) as [string, string];
  const name = literal(monitor.name);
  return `CREATE OR REPLACE PROCEDURE ${driftProcedureName(monitor, nodes)}()
RETURNS STRING
LANGUAGE SQL
AS
$$
DECLARE
  drifted_feature STRING DEFAULT NULL;
BEGIN
  -- The verdict of the latest drift window the monitor wrote, for input features only
  SELECT MIN(feature) INTO :drifted_feature
  FROM ${driftTable}
  WHERE monitor = ${name} AND drifted AND feature <> ${literal(SCORE_COLUMN)}
    AND drift_date = (SELECT MAX(drift_date) FROM ${driftTable} WHERE monitor = ${name});
  IF (drifted_feature IS NOT NULL) THEN
    RETURN ${literal(before)} || drifted_feature || ${literal(after)};
  ELSE
    RETURN ${literal(NO_DRIFT_MESSAGE)};
  END IF;
END;
$$`;
}
