/**
 * What mlc remembers in the warehouse (schema `mlc_meta` by default), so two laptops and
 * a CI job see the same truth: each node's last build, runs and their results.
 */

import type { Connection } from '../targets/target.js';

export interface NodeState {
  nodeId: string;
  definitionHash: string;
  stateKey: string;
  /** State keys of the parents at the time of the build. */
  parentKeys: Record<string, string>;
  dataHash?: string;
  rows?: number;
  builtAt: string;
  runId: string;
}

export interface RunRecord {
  runId: string;
  target: string;
  trigger: string;
  startedAt: string;
  finishedAt: string;
  status: string;
  selection: string;
  counts: Record<string, number>;
}

export interface NodeResult {
  runId: string;
  nodeId: string;
  status: string;
  rows?: number;
  durationMs: number;
  error?: string;
}

/** Serializes access to one connection: the executor saves states from concurrent nodes. */
function serialized(connection: Connection): Connection {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    ...connection,
    dialect: connection.dialect,
    query: (sql, binds, options) => {
      const next = tail.then(() => connection.query(sql, binds, options));
      tail = next.catch(() => undefined);
      return next;
    },
    stream: (sql, binds, options) => connection.stream(sql, binds, options),
    close: () => connection.close(),
  };
}

export class StateStore {
  private readonly connection: Connection;

  constructor(
    connection: Connection,
    private readonly schema: string,
  ) {
    this.connection = serialized(connection);
  }

  async ensure(): Promise<void> {
    const s = this.schema;
    await this.connection.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await this.connection.query(
      `CREATE TABLE IF NOT EXISTS ${s}.node_state (node_id VARCHAR, definition_hash VARCHAR, state_key VARCHAR, parent_keys VARCHAR, data_hash VARCHAR, row_count BIGINT, built_at VARCHAR, run_id VARCHAR)`,
    );
    await this.connection.query(
      `CREATE TABLE IF NOT EXISTS ${s}.runs (run_id VARCHAR, target VARCHAR, trigger VARCHAR, started_at VARCHAR, finished_at VARCHAR, status VARCHAR, selection VARCHAR, counts VARCHAR)`,
    );
    await this.connection.query(
      `CREATE TABLE IF NOT EXISTS ${s}.run_results (run_id VARCHAR, node_id VARCHAR, status VARCHAR, row_count BIGINT, duration_ms DOUBLE, error VARCHAR)`,
    );
  }

  async nodeStates(): Promise<Map<string, NodeState>> {
    const { rows } = await this.connection.query(`SELECT * FROM ${this.schema}.node_state`);
    return new Map(
      rows.map((r) => [
        String(r.node_id),
        {
          nodeId: String(r.node_id),
          definitionHash: String(r.definition_hash),
          stateKey: String(r.state_key),
          parentKeys: JSON.parse(String(r.parent_keys)) as Record<string, string>,
          dataHash: r.data_hash === null ? undefined : String(r.data_hash),
          rows: r.row_count === null ? undefined : Number(r.row_count),
          builtAt: String(r.built_at),
          runId: String(r.run_id),
        },
      ]),
    );
  }

  async saveNodeState(state: NodeState): Promise<void> {
    await this.connection.query(`DELETE FROM ${this.schema}.node_state WHERE node_id = ?`, [state.nodeId]);
    await this.connection.query(`INSERT INTO ${this.schema}.node_state VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      state.nodeId,
      state.definitionHash,
      state.stateKey,
      JSON.stringify(state.parentKeys),
      state.dataHash ?? null,
      state.rows ?? null,
      state.builtAt,
      state.runId,
    ]);
  }

  async forgetNode(nodeId: string): Promise<void> {
    await this.connection.query(`DELETE FROM ${this.schema}.node_state WHERE node_id = ?`, [nodeId]);
  }

  async saveRun(run: RunRecord, results: NodeResult[]): Promise<void> {
    await this.connection.query(`INSERT INTO ${this.schema}.runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      run.runId,
      run.target,
      run.trigger,
      run.startedAt,
      run.finishedAt,
      run.status,
      run.selection,
      JSON.stringify(run.counts),
    ]);
    if (results.length === 0) return;
    const tuples = results.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
    const binds = results.flatMap((r) => [r.runId, r.nodeId, r.status, r.rows ?? null, r.durationMs, r.error ?? null]);
    await this.connection.query(`INSERT INTO ${this.schema}.run_results VALUES ${tuples}`, binds);
  }

  async runs(limit: number): Promise<RunRecord[]> {
    const { rows } = await this.connection.query(`SELECT * FROM ${this.schema}.runs ORDER BY started_at DESC LIMIT ${Math.floor(limit)}`);
    return rows.map((r) => ({
      runId: String(r.run_id),
      target: String(r.target),
      trigger: String(r.trigger),
      startedAt: String(r.started_at),
      finishedAt: String(r.finished_at),
      status: String(r.status),
      selection: String(r.selection),
      counts: JSON.parse(String(r.counts)) as Record<string, number>,
    }));
  }
}
