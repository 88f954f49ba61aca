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

export class StateStore {
  private tail: Promise<unknown> = Promise.resolve();
  private pending: NodeState[] = [];
  private batch?: Promise<void>;

  constructor(
    private readonly connection: Connection,
    private readonly schema: string,
  ) {}

  /** One operation at a time on the connection: the executor saves states from concurrent nodes. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.tail.then(operation);
    this.tail = next.catch(() => undefined);
    return next;
  }

  ensure(): Promise<void> {
    const s = this.schema;
    return this.exclusive(async () => {
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
    });
  }

  async nodeStates(): Promise<Map<string, NodeState>> {
    const { rows } = await this.exclusive(() => this.connection.query(`SELECT * FROM ${this.schema}.node_state`));
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

  /**
   * Records the build of a node that did not record itself inside its own transaction (see
   * recordIn). It is written after the node's tables committed, so a killed run never
   * records a table it did not finish; states saved while a write is in flight share the
   * next transaction (one commit for many nodes).
   */
  saveNodeState(state: NodeState): Promise<void> {
    this.pending.push(state);
    this.batch ??= this.exclusive(() => {
      this.batch = undefined;
      return this.writeStates(this.pending.splice(0));
    });
    return this.batch;
  }

  private async writeStates(states: NodeState[]): Promise<void> {
    await this.connection.query('BEGIN TRANSACTION');
    try {
      await this.recordIn(this.connection, states);
      await this.connection.query('COMMIT');
    } catch (error) {
      await this.connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Writes builds' states on `connection`, inside the transaction the caller has open: a
   * node that builds in one transaction records itself there, so its table and its state
   * commit together.
   */
  async recordIn(connection: Connection, states: NodeState[]): Promise<void> {
    const s = this.schema;
    await connection.query(
      `DELETE FROM ${s}.node_state WHERE node_id IN (${states.map(() => '?').join(', ')})`,
      states.map((state) => state.nodeId),
    );
    await connection.query(
      `INSERT INTO ${s}.node_state VALUES ${states.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      states.flatMap((state) => [
        state.nodeId,
        state.definitionHash,
        state.stateKey,
        JSON.stringify(state.parentKeys),
        state.dataHash ?? null,
        state.rows ?? null,
        state.builtAt,
        state.runId,
      ]),
    );
  }

  saveRun(run: RunRecord, results: NodeResult[]): Promise<void> {
    return this.exclusive(() => this.insertRun(run, results));
  }

  private async insertRun(run: RunRecord, results: NodeResult[]): Promise<void> {
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
    const { rows } = await this.exclusive(() =>
      this.connection.query(`SELECT * FROM ${this.schema}.runs ORDER BY started_at DESC LIMIT ${Math.floor(limit)}`),
    );
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
