import type { DuckDBConnection, DuckDBMaterializedResult, DuckDBValue } from '@duckdb/node-api';
import { classify, STATEMENT_TYPE } from './classify.js';
import type { StatementKind } from './classify.js';
import { fromDuckDbError, wireError } from './errors.js';
import type { SnowflakeWireError } from './errors.js';
import { callPython, createTableLike, procedureCall, pythonProcedure, RoutineError, sqlFunctionAsMacro } from './procedures.js';
import type { CallRows, PythonProcedure } from './procedures.js';
import { createClassification, EVALUATION_COLUMNS, methodCall, predictMacro, predictMacroName, rewritePredict, trainClassification } from './ml-functions.js';
import { column, encodeValue, rowType } from './rowset.js';
import { runScript, sqlProcedure } from './sql-scripting.js';
import type { RowType } from './rowset.js';

/** A bind as the driver sends it: `{"1":{"type":"FIXED","value":"7"}}`. */
export interface WireBind {
  type: string;
  value: string | null | (string | null)[];
}

export interface StatementResult {
  rowtype: RowType[];
  rowset: (string | null)[][];
  statementTypeId: number;
  kind: StatementKind['kind'];
}

export type Translate = (sql: string) => string;

export class StatementFailure extends Error {
  constructor(readonly wire: SnowflakeWireError) {
    super(wire.message);
  }
}

/** Where the emulator keeps what SHOW_EVALUATION_METRICS and SHOW_GLOBAL_EVALUATION_METRICS return. */
const ML_METRICS = 'mlc_emulator.ml_function_metrics';

function fixedRow(name: string, value: number): Pick<StatementResult, 'rowtype' | 'rowset'> {
  return { rowtype: [column(name, 'fixed', { precision: 19, scale: 0, nullable: false })], rowset: [[String(value)]] };
}

function statusRow(message: string): Pick<StatementResult, 'rowtype' | 'rowset'> {
  return { rowtype: [column('status', 'text')], rowset: [[message]] };
}

function bindValue(bind: { type: string; value: string | null }): DuckDBValue {
  if (bind.value === null) return null;
  switch (bind.type) {
    case 'FIXED':
      return /^-?\d+$/.test(bind.value) ? BigInt(bind.value) : Number(bind.value);
    case 'REAL':
      return Number(bind.value);
    case 'BOOLEAN':
      return bind.value === 'true' || bind.value === '1' || bind.value.toUpperCase() === 'TRUE';
    default:
      return bind.value;
  }
}

/** Positional bind rows: one row normally, one per element for array binds. */
function bindRows(bindings: Record<string, WireBind> | undefined): DuckDBValue[][] {
  if (!bindings) return [];
  const ordered = Object.keys(bindings)
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => bindings[key]!);
  const arrayLength = ordered.find((b) => Array.isArray(b.value))?.value?.length;
  if (arrayLength === undefined) return [ordered.map((b) => bindValue(b as { type: string; value: string | null }))];
  return Array.from({ length: arrayLength }, (_, i) =>
    ordered.map((b) => bindValue({ type: b.type, value: Array.isArray(b.value) ? (b.value[i] ?? null) : b.value })),
  );
}

function joinName(parts: readonly string[]): string {
  return parts.join('.');
}

/** Runs Snowflake statements of one session on its DuckDB connection. */
export class StatementRunner {
  constructor(
    private readonly duckdb: DuckDBConnection,
    private readonly translate: Translate,
    /** Python procedures by name, shared by every session of the emulator. */
    private readonly procedures: Map<string, PythonProcedure> = new Map(),
  ) {}

  async run(text: string, bindings: Record<string, WireBind> | undefined): Promise<StatementResult> {
    const sql = rewritePredict(text);
    try {
      const routine = (await this.mlFunction(sql)) ?? (await this.routine(sql, bindings));
      if (routine) return routine;
    } catch (error) {
      if (error instanceof RoutineError) throw new StatementFailure(wireError(error.code, error.sqlState, error.message));
      throw error;
    }
    const emulated = createTableLike(sql) ?? sqlFunctionAsMacro(sql, (expression) => this.translate(`SELECT ${expression}`).replace(/^SELECT\s+/i, ''));
    if (emulated) {
      await this.execute(emulated, []);
      return { ...statusRow('Statement executed successfully.'), statementTypeId: STATEMENT_TYPE.ddl, kind: 'ddl' };
    }
    const statement = classify(sql);
    switch (statement.kind) {
      case 'noop':
        return { ...statusRow('Statement executed successfully.'), statementTypeId: STATEMENT_TYPE.ddl, kind: 'noop' };
      case 'set_query_tag':
        return { ...statusRow('Statement executed successfully.'), statementTypeId: STATEMENT_TYPE.session, kind: 'set_query_tag' };
      case 'swap':
        await this.swap(statement.left, statement.right);
        return { ...statusRow('Statement executed successfully.'), statementTypeId: STATEMENT_TYPE.ddl, kind: 'swap' };
      default:
        break;
    }
    const results = await this.execute(this.translate(sql), bindRows(bindings));
    if (statement.kind === 'dml') {
      const changed = results.reduce((sum, r) => sum + r.rowsChanged, 0);
      return { ...fixedRow(`number of rows ${statement.verb}`, changed), statementTypeId: statement.typeId, kind: 'dml' };
    }
    const last = results[results.length - 1];
    if (statement.kind === 'ddl' || !last) {
      return { ...statusRow('Statement executed successfully.'), statementTypeId: STATEMENT_TYPE.ddl, kind: 'ddl' };
    }
    return { ...(await this.rows(last)), statementTypeId: STATEMENT_TYPE.select, kind: 'query' };
  }

  /** ML Functions: CREATE trains for real; the models and their evaluation live in the database, shared by every session. */
  private async mlFunction(sql: string): Promise<StatementResult | undefined> {
    const create = createClassification(sql);
    if (create) {
      const trained = await trainClassification(create, await this.typedRows(`SELECT * FROM ${create.input}`, undefined));
      await this.execute(predictMacro(create.name, trained), []);
      await this.execute(`CREATE SCHEMA IF NOT EXISTS mlc_emulator`, []);
      await this.execute(
        `CREATE TABLE IF NOT EXISTS ${ML_METRICS} (model VARCHAR, method VARCHAR, position INTEGER, dataset_type VARCHAR, kind VARCHAR, error_metric VARCHAR, metric_value DOUBLE, logs VARCHAR)`,
        [],
      );
      await this.execute(`DELETE FROM ${ML_METRICS} WHERE model = ?`, [[create.name]]);
      const rows = [
        ...trained.evaluation.map((r, i) => [create.name, 'SHOW_EVALUATION_METRICS', i, ...r]),
        ...trained.global.map((r, i) => [create.name, 'SHOW_GLOBAL_EVALUATION_METRICS', i, ...r]),
      ];
      await this.execute(`INSERT INTO ${ML_METRICS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, rows as DuckDBValue[][]);
      return { ...statusRow(`Instance ${create.name.toUpperCase()} successfully created.`), statementTypeId: STATEMENT_TYPE.ddl, kind: 'ddl' };
    }
    const call = methodCall(sql);
    if (!call) return undefined;
    const macro = await this.execute(`SELECT COUNT(*) AS n FROM duckdb_functions() WHERE function_name = '${predictMacroName(call.name)}'`, []);
    if (Number((await macro[0]!.getRows())[0]![0]) === 0) {
      throw new RoutineError('002003', '02000', `SQL compilation error:\nObject '${call.name.toUpperCase()}' does not exist or not authorized.`);
    }
    const [, group] = EVALUATION_COLUMNS[call.method as keyof typeof EVALUATION_COLUMNS];
    const result = await this.execute(
      `SELECT dataset_type AS "DATASET_TYPE", kind AS "${group}", error_metric AS "ERROR_METRIC", metric_value AS "METRIC_VALUE", logs AS "LOGS"
FROM ${ML_METRICS} WHERE model = ? AND method = ? ORDER BY position`,
      [[call.name, call.method]],
    );
    return { ...(await this.rows(result[0]!)), statementTypeId: STATEMENT_TYPE.select, kind: 'query' };
  }

  /** CREATE PROCEDURE … LANGUAGE PYTHON or SQL is kept; CALL runs the handler in Python, or the script statement by statement. */
  private async routine(sql: string, bindings: Record<string, WireBind> | undefined): Promise<StatementResult | undefined> {
    const script = sqlProcedure(sql);
    const procedure = script ? { name: script.name, handler: '', source: script.body, language: 'sql' as const } : pythonProcedure(sql);
    if (procedure) {
      this.procedures.set(procedure.name, procedure);
      return { ...statusRow(`Function ${procedure.name.toUpperCase()} successfully created.`), statementTypeId: STATEMENT_TYPE.ddl, kind: 'ddl' };
    }
    const call = procedureCall(sql);
    if (!call || call.name.toLowerCase().startsWith('system$')) return undefined;
    const target = this.procedures.get(call.name);
    if (!target) throw new RoutineError('002140', '42601', `SQL compilation error:\nUnknown function ${call.name.toUpperCase()}`);
    if (target.language === 'sql') {
      const value = await runScript(target.source, async (statement) => (await this.typedRows(statement, undefined)).rows[0]?.[0] ?? null);
      return { rowtype: [column(call.name.toUpperCase(), 'text')], rowset: [[value === null ? null : String(value)]], statementTypeId: STATEMENT_TYPE.select, kind: 'query' };
    }
    const args = call.args.trim() ? (await this.typedRows(`SELECT ${call.args}`, bindings)).rows[0] ?? [] : [];
    const result = await callPython(target, args, (statement, binds) => this.typedRows(statement, binds));
    const text = result === null ? null : typeof result === 'string' ? result : JSON.stringify(result);
    return { rowtype: [column(call.name.toUpperCase(), 'text')], rowset: [[text]], statementTypeId: STATEMENT_TYPE.select, kind: 'query' };
  }

  /** A statement's rows as Python receives them from Snowpark: upper-case names, numbers as numbers. */
  private async typedRows(sql: string, bindings: Record<string, WireBind> | undefined): Promise<CallRows> {
    const result = await this.run(sql, bindings);
    const decoders = result.rowtype.map((t) => (value: string | null): unknown => {
      if (value === null) return null;
      if (t.type === 'real' || (t.type === 'fixed' && (t.scale ?? 0) > 0)) return Number(value);
      if (t.type === 'fixed') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
      if (t.type === 'boolean') return value === '1' || value.toLowerCase() === 'true';
      return value;
    });
    return { columns: result.rowtype.map((t) => t.name), rows: result.rowset.map((row) => row.map((v, i) => decoders[i]!(v))) };
  }

  private async execute(sql: string, rows: DuckDBValue[][]): Promise<DuckDBMaterializedResult[]> {
    try {
      if (rows.length === 0) return [await this.duckdb.run(sql)];
      const prepared = await this.duckdb.prepare(sql);
      const results: DuckDBMaterializedResult[] = [];
      for (const values of rows) {
        prepared.bind(values);
        results.push(await prepared.run());
      }
      return results;
    } catch (error) {
      throw new StatementFailure(fromDuckDbError(error));
    }
  }

  private async rows(result: DuckDBMaterializedResult): Promise<Pick<StatementResult, 'rowtype' | 'rowset'>> {
    const types = result.columnTypes();
    const rowtype = result.columnNames().map((name, i) => rowType(name, types[i]!));
    const values = await result.getRows();
    const js = rowtype.some((t) => t.type === 'object' || t.type === 'array') ? await result.getRowsJS() : [];
    const rowset = values.map((row, r) => row.map((value, c) => encodeValue(value, rowtype[c]!, js[r]?.[c])));
    return { rowtype, rowset };
  }

  /** Snowflake's ALTER TABLE a SWAP WITH b, as three renames in one transaction. */
  private async swap(left: string[], right: string[]): Promise<void> {
    const leftName = left[left.length - 1];
    const rightName = right[right.length - 1];
    if (!leftName || !rightName) throw new StatementFailure(wireError('001003', '42000', 'SQL compilation error:\nsyntax error in SWAP WITH'));
    const parking = [...left.slice(0, -1), 'mlc_emulator_swap'];
    await this.execute('BEGIN TRANSACTION', []);
    try {
      await this.execute(`ALTER TABLE ${joinName(left)} RENAME TO mlc_emulator_swap`, []);
      await this.execute(`ALTER TABLE ${joinName(right)} RENAME TO ${leftName}`, []);
      await this.execute(`ALTER TABLE ${joinName(parking)} RENAME TO ${rightName}`, []);
      await this.execute('COMMIT', []);
    } catch (error) {
      await this.duckdb.run('ROLLBACK');
      throw error;
    }
  }
}
