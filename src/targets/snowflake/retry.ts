/** Transient failures: the network, or Snowflake answering 5xx/429 beyond the driver's own retries. */

const TRANSIENT_DRIVER_CODES = new Set([401001, 402001, 402002]);
const TRANSIENT_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'ENOTFOUND']);

export function isTransient(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; response?: { statusCode?: number; status?: number }; cause?: unknown };
  if (typeof e.code === 'number' && TRANSIENT_DRIVER_CODES.has(e.code)) return true;
  if (e.code === 401002) {
    const status = e.response?.statusCode ?? e.response?.status ?? 0;
    return status >= 500 || status === 429;
  }
  if (typeof e.code === 'string' && TRANSIENT_SOCKET_CODES.has(e.code)) return true;
  return e.cause !== undefined && e.cause !== error && isTransient(e.cause);
}

/** Exponential backoff with jitter: about 250 ms, 500 ms, 1 s, … capped at 8 s. */
export function backoffMs(attempt: number): number {
  const base = Math.min(8000, 250 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
