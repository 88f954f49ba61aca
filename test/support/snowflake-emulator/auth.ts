import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { wireError } from './errors.js';
import type { SnowflakeWireError } from './errors.js';

export interface LoginRequest {
  ACCOUNT_NAME?: string;
  LOGIN_NAME?: string;
  PASSWORD?: string;
  AUTHENTICATOR?: string;
  TOKEN?: string;
  SESSION_PARAMETERS?: Record<string, unknown>;
}

export interface Credentials {
  account: string;
  user: string;
  password: string;
  /** PEM public keys accepted for key-pair (SNOWFLAKE_JWT) login. */
  publicKeys: string[];
  /** Bearer tokens accepted for OAUTH and PROGRAMMATIC_ACCESS_TOKEN logins. */
  tokens: string[];
}

const INCORRECT = wireError('390100', '08004', 'Incorrect username or password was specified.');
const BAD_JWT = wireError('390144', '08004', 'JWT token is invalid.');

/** The fingerprint Snowflake stores for a registered public key (`SHA256:` + base64 of the DER digest). */
export function publicKeyFingerprint(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function verifyJwt(token: string, credentials: Credentials, account: string, user: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const claims = base64UrlJson(payload);
  if (!claims || base64UrlJson(header)?.alg !== 'RS256') return false;
  const subject = `${account}.${user}`.toUpperCase();
  if (claims.sub !== subject) return false;
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return false;
  return credentials.publicKeys.some((pem) => {
    const key = createPublicKey(pem);
    if (claims.iss !== `${subject}.${publicKeyFingerprint(key)}`) return false;
    return verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
  });
}

/** Checks a login body against the configured user; returns the Snowflake error a real account would send. */
export function authenticate(login: LoginRequest, credentials: Credentials): SnowflakeWireError | undefined {
  const account = (login.ACCOUNT_NAME ?? '').toUpperCase();
  const user = (login.LOGIN_NAME ?? '').toUpperCase();
  if (account !== credentials.account.toUpperCase()) {
    return wireError('390201', '08004', `The requested account '${account}' does not exist or is not authorized.`);
  }
  const authenticator = (login.AUTHENTICATOR ?? 'SNOWFLAKE').toUpperCase();
  if (authenticator === 'SNOWFLAKE_JWT') {
    if (user !== credentials.user.toUpperCase()) return BAD_JWT;
    return verifyJwt(login.TOKEN ?? '', credentials, account, user) ? undefined : BAD_JWT;
  }
  if (authenticator === 'OAUTH' || authenticator === 'PROGRAMMATIC_ACCESS_TOKEN') {
    return credentials.tokens.includes(login.TOKEN ?? '') ? undefined : wireError('390303', '08004', 'Invalid OAuth access token.');
  }
  if (user !== credentials.user.toUpperCase() || login.PASSWORD !== credentials.password) return INCORRECT;
  return undefined;
}
