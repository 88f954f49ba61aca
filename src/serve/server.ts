/**
 * The real-time endpoint on Node's http module:
 *   POST /v1/models/{name}/predict   one row (object) or a batch (array) -> scores
 *   GET  /v1/models                  the models served and their versions
 *   GET  /healthz                    liveness
 * Every error is a JSON body with `error` (and `field` for bad input); no request can
 * crash the server. Champions are polled and swapped in when their version changes.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from './input.js';
import { createPredictor, type Predictor } from './predictor.js';
import type { RegisteredVersion } from './registry-reader.js';

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Larger bodies get 413. */
  maxBodyBytes?: number;
  /** The versions to serve, one per model; called at start and every pollMs. */
  load: () => Promise<RegisteredVersion[]>;
  pollMs?: number;
  /** Told about each model (re)loaded and each failed poll. */
  log?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  /** Polls the registry now. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const PREDICT = /^\/v1\/models\/([^/]+)\/predict$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const log = options.log ?? (() => undefined);
  const predictors = new Map<string, Predictor>();

  const reload = async (): Promise<void> => {
    const versions = await options.load();
    for (const registered of versions) {
      const current = predictors.get(registered.model);
      if (current?.version === registered.version) continue;
      predictors.set(registered.model, createPredictor(registered));
      log(`serving ${registered.model} ${registered.version}${current ? ` (was ${current.version})` : ''}`);
    }
  };
  await reload();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const known = error instanceof HttpError ? error : new HttpError(500, error instanceof Error ? error.message : String(error));
      send(res, known.status, { error: known.message, ...(known.field === undefined ? {} : { field: known.field }) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = (req.url ?? '/').split('?')[0]!;
    if (url === '/healthz') return send(res, 200, { status: 'ok', models: predictors.size });
    if (url === '/v1/models') {
      return send(res, 200, { models: Array.from(predictors.values(), (p) => ({ name: p.model, version: p.version, status: p.status })) });
    }
    const match = PREDICT.exec(url);
    if (!match) throw new HttpError(404, `no route ${req.method ?? ''} ${url}`);
    if (req.method !== 'POST') throw new HttpError(405, 'use POST with a JSON body');
    const name = decodeURIComponent(match[1]!);
    const predictor = predictors.get(name);
    if (!predictor) throw new HttpError(404, `unknown model '${name}'; serving: ${[...predictors.keys()].join(', ') || 'none'}`);
    const text = await readBody(req, maxBodyBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
    }
    try {
      const { predictions, batch } = predictor.predict(body);
      const head = { model: predictor.model, version: predictor.version };
      send(res, 200, batch ? { ...head, predictions } : { ...head, prediction: predictions[0] });
    } catch (error) {
      if (error instanceof InputError) throw new HttpError(400, error.message, error.field);
      throw error;
    }
  }

  const timer = options.pollMs
    ? setInterval(() => reload().catch((error: unknown) => log(`registry poll failed, keeping the current models: ${(error as Error).message}`)), options.pollMs)
    : undefined;
  timer?.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    reload,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new HttpError(413, `the body is ${declared} bytes; the limit is ${limit}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, `the body exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
