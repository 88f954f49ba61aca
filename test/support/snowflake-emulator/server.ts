import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { authenticate } from './auth.js';
import type { Credentials, LoginRequest } from './auth.js';
import { classify, splitStatements } from './classify.js';
import { wireError } from './errors.js';
import type { SnowflakeWireError } from './errors.js';
import { StatementFailure } from './execute.js';
import type { StatementResult, Translate, WireBind } from './execute.js';
import { Faults } from './faults.js';
import type { PythonProcedure } from './procedures.js';
import { Session } from './session.js';

/** One statement the emulator received, kept for assertions. */
export interface RecordedStatement {
  sql: string;
  /** The QUERY_TAG in effect: the statement's parameter, else the session's. */
  tag: string;
  sessionId: number;
  requestId: string;
  /** `noop`: Snowflake-only DDL accepted without effect. */
  outcome: 'ok' | 'noop' | 'error';
  code?: string;
}

export interface ServerConfig {
  credentials: Credentials;
  database: string;
  schema: string;
  /** Rows sent inline; the rest go out in chunks of this size. */
  chunkRows: number;
  translate: Translate;
  /** Opens a DuckDB connection for a new session, already using the right database and schema. */
  openConnection: (database: string, schema: string) => Promise<DuckDBConnection>;
}

interface QueryBody {
  sqlText?: string;
  bindings?: Record<string, WireBind>;
  parameters?: Record<string, unknown>;
}

type Body = Record<string, unknown>;

const SESSION_PARAMETERS = [
  { name: 'TIMEZONE', value: 'UTC' },
  { name: 'BINARY_OUTPUT_FORMAT', value: 'HEX' },
  { name: 'CLIENT_SESSION_KEEP_ALIVE', value: false },
];

function failure(error: SnowflakeWireError, queryId?: string): Body {
  return {
    success: false,
    code: error.code,
    message: error.message,
    data: { errorCode: error.code, sqlState: error.sqlState, queryId: queryId ?? null, internalError: false },
  };
}

async function readBody(request: IncomingMessage): Promise<Body> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  let raw = Buffer.concat(parts);
  // The driver may gzip without saying so: trust the magic bytes, not the header.
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  if (raw.length === 0) return {};
  const parsed: unknown = JSON.parse(raw.toString('utf8'));
  return parsed && typeof parsed === 'object' ? (parsed as Body) : {};
}

function sessionToken(request: IncomingMessage): string | undefined {
  return /Token="([^"]*)"/.exec(request.headers.authorization ?? '')?.[1];
}

export class EmulatorServer {
  readonly statements: RecordedStatement[] = [];
  readonly faults = new Faults();
  private readonly sessions = new Map<string, Session>();
  /** Python procedures live in the account, not the session that created them. */
  private readonly procedures = new Map<string, PythonProcedure>();
  private readonly results = new Map<string, Body>();
  private readonly chunks = new Map<string, string>();
  private readonly byRequestId = new Map<string, Promise<Body>>();
  private queryCount = 0;
  private readonly server: Server;
  url = '';

  constructor(private readonly config: ServerConfig) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.send(response, failure(wireError('000603', 'XX000', error instanceof Error ? error.message : String(error))));
      });
    });
  }

  /** Query requests received so far, retries included. */
  get queries(): number {
    return this.queryCount;
  }

  get openSessions(): number {
    return this.sessions.size;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return port;
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private send(response: ServerResponse, body: Body | string, status = 200, type = 'application/json'): void {
    if (response.headersSent || response.destroyed) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const body = await readBody(request);
    const path = url.pathname;
    if (request.method === 'POST' && path === '/session/v1/login-request') {
      if (this.faults.loginDelayMs > 0) await new Promise((r) => setTimeout(r, this.faults.loginDelayMs));
      return this.send(response, await this.login(body, url));
    }
    if (path === '/telemetry/send') return this.send(response, { success: true, data: {} });
    const chunk = /^\/chunks\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && chunk) {
      const text = this.chunks.get(chunk[1]!);
      // Chunks are bare rows (`["1"],["2"]`), not JSON, and must not be labelled as such.
      return text === undefined ? this.send(response, 'not found', 404) : this.send(response, text, 200, 'application/octet-stream');
    }
    const session = this.sessions.get(sessionToken(request) ?? '');
    if (!session) {
      return this.send(response, failure(wireError('390104', '08001', 'Session no longer exists.  New login required to access the service.')));
    }
    if (request.method === 'POST' && path === '/queries/v1/query-request') {
      return this.query(session, body as QueryBody, url.searchParams.get('requestId') ?? randomUUID(), response);
    }
    const result = /^\/queries\/([^/]+)\/result$/.exec(path);
    if (request.method === 'GET' && result) {
      const stored = this.results.get(result[1]!);
      return this.send(response, stored ?? failure(wireError('000709', '02000', `Statement ${result[1]} not found`)));
    }
    if (path === '/session/heartbeat') return this.send(response, { success: true, data: {}, code: null, message: null });
    if (path === '/session/token-request') {
      this.sessions.delete(session.token);
      session.token = randomUUID();
      this.sessions.set(session.token, session);
      return this.send(response, { success: true, data: { sessionToken: session.token, validityInSecondsST: 3600, masterToken: session.masterToken } });
    }
    if (path === '/session' && url.searchParams.get('delete') === 'true') {
      this.sessions.delete(session.token);
      session.close();
      return this.send(response, { success: true, data: null, code: null, message: null });
    }
    if (path.endsWith('/abort-request')) return this.send(response, { success: true, data: null });
    const monitoring = /^\/monitoring\/queries\/([^/]+)$/.exec(path);
    if (monitoring) {
      const stored = this.results.get(monitoring[1]!);
      const status = !stored ? 'NO_DATA' : stored.success ? 'SUCCESS' : 'FAILED_WITH_ERROR';
      return this.send(response, { success: true, data: { queries: [{ id: monitoring[1], status }] } });
    }
    this.send(response, `unknown endpoint ${request.method} ${path}`, 404);
  }

  private async login(body: Body, url: URL): Promise<Body> {
    const login = (body.data ?? {}) as LoginRequest;
    const refused = authenticate(login, this.config.credentials);
    if (refused) return failure(refused);
    const database = url.searchParams.get('databaseName') ?? this.config.database;
    const schema = url.searchParams.get('schemaName') ?? this.config.schema;
    let duckdb: DuckDBConnection;
    try {
      duckdb = await this.config.openConnection(database, schema);
    } catch {
      return failure(wireError('390201', '08004', `The requested database '${database.toUpperCase()}' does not exist or not authorized.`));
    }
    const tag = typeof login.SESSION_PARAMETERS?.QUERY_TAG === 'string' ? login.SESSION_PARAMETERS.QUERY_TAG : '';
    const session = new Session(duckdb, this.config.translate, (login.LOGIN_NAME ?? '').toUpperCase(), tag, this.procedures);
    this.sessions.set(session.token, session);
    return {
      success: true,
      code: null,
      message: null,
      data: {
        token: session.token,
        masterToken: session.masterToken,
        validityInSeconds: 3600,
        masterValidityInSeconds: 14400,
        sessionId: session.id,
        parameters: SESSION_PARAMETERS,
        sessionInfo: { databaseName: database.toUpperCase(), schemaName: schema.toUpperCase(), warehouseName: 'EMULATOR_WH', roleName: 'EMULATOR' },
      },
    };
  }

  private async query(session: Session, body: QueryBody, requestId: string, response: ServerResponse): Promise<void> {
    const number = ++this.queryCount;
    const status = this.faults.takeFailure();
    if (status !== undefined) return this.send(response, 'Service Unavailable', status);
    // A resubmitted request id gets the first execution's answer, as on Snowflake: retries never run a statement twice.
    let answer = this.byRequestId.get(requestId);
    if (!answer) {
      answer = this.execute(session, body, requestId);
      this.byRequestId.set(requestId, answer);
    }
    const result = await answer;
    if (this.faults.delayMs > 0) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    if (this.faults.dropAfterExecute.has(number)) {
      response.socket?.destroy();
      return;
    }
    this.send(response, result);
  }

  private async execute(session: Session, body: QueryBody, requestId: string): Promise<Body> {
    const sqlText = body.sqlText ?? '';
    const tag = typeof body.parameters?.QUERY_TAG === 'string' ? body.parameters.QUERY_TAG : undefined;
    const expected = body.parameters?.MULTI_STATEMENT_COUNT;
    if (expected === undefined) return this.executeOne(session, sqlText, body.bindings, requestId, tag);
    const texts = splitStatements(sqlText);
    if (Number(expected) !== 0 && Number(expected) !== texts.length) {
      return failure(wireError('000008', '0A000', `Actual statement count ${texts.length} did not match the desired statement count ${Number(expected)}.`));
    }
    const ids: string[] = [];
    for (const text of texts) {
      const child = await this.executeOne(session, text, body.bindings, requestId, tag);
      const id = (child.data as { queryId: string }).queryId;
      ids.push(id);
      if (!child.success) return child;
    }
    return this.success(randomUUID(), {
      rowtype: [{ name: 'multiple statement execution', type: 'text', nullable: false, scale: null, precision: null, length: null, byteLength: null, database: '', schema: '', table: '', collation: null }],
      rowset: [['Multiple statements executed successfully.']],
      statementTypeId: 0x1000,
      kind: 'query',
    }, { resultIds: ids.join(',') });
  }

  private async executeOne(
    session: Session,
    sql: string,
    bindings: Record<string, WireBind> | undefined,
    requestId: string,
    statementTag: string | undefined,
  ): Promise<Body> {
    const queryId = randomUUID();
    const record: RecordedStatement = { sql, tag: statementTag ?? session.queryTag, sessionId: session.id, requestId, outcome: 'ok' };
    this.statements.push(record);
    try {
      const result = await session.runner.run(sql, bindings);
      if (result.kind === 'noop') record.outcome = 'noop';
      if (result.kind === 'set_query_tag') {
        const statement = classify(sql);
        if (statement.kind === 'set_query_tag') session.queryTag = statement.tag;
      }
      return this.success(queryId, result);
    } catch (error) {
      const wire = error instanceof StatementFailure ? error.wire : wireError('000603', 'XX000', String(error));
      record.outcome = 'error';
      record.code = wire.code;
      const body = failure(wire, queryId);
      this.results.set(queryId, body);
      return body;
    }
  }

  private success(queryId: string, result: StatementResult, extra: Body = {}): Body {
    const size = this.config.chunkRows;
    const inline = result.rowset.slice(0, size);
    const chunks: Body[] = [];
    for (let start = size, i = 0; start < result.rowset.length; start += size, i++) {
      const rows = result.rowset.slice(start, start + size);
      const text = rows.map((row) => JSON.stringify(row)).join(',');
      const key = `${queryId}-${i}`;
      this.chunks.set(key, text);
      chunks.push({ url: `${this.url}/chunks/${key}`, rowCount: rows.length, uncompressedSize: Buffer.byteLength(text), compressedSize: Buffer.byteLength(text) });
    }
    const body: Body = {
      success: true,
      code: null,
      message: null,
      data: {
        queryId,
        rowtype: result.rowtype,
        rowset: inline,
        total: result.rowset.length,
        returned: result.rowset.length,
        queryResultFormat: 'json',
        statementTypeId: result.statementTypeId,
        parameters: SESSION_PARAMETERS,
        finalDatabaseName: this.config.database.toUpperCase(),
        finalSchemaName: this.config.schema.toUpperCase(),
        finalWarehouseName: 'EMULATOR_WH',
        finalRoleName: 'EMULATOR',
        version: 1,
        ...(chunks.length > 0 ? { chunks, chunkHeaders: {} } : {}),
        ...extra,
      },
    };
    this.results.set(queryId, body);
    return body;
  }
}
