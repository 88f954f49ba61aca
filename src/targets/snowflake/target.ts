import type { Connection as SdkConnection, SnowflakeError } from 'snowflake-sdk';
import type { Connection, Target } from '../target.js';
import { SnowflakeConnection } from './connection.js';
import { driverOptions } from './credentials.js';
import { loadDriver } from './driver.js';
import { createRedactor, SnowflakeConfigError, SnowflakeConnectionError, SnowflakeLoginError } from './errors.js';
import { resolveSnowflakeSettings } from './resolve.js';
import type { ResolveOptions, ResolvedSnowflakeSettings } from './resolve.js';
import { backoffMs, isTransient, sleep } from './retry.js';
import { snowflakeTargetSchema } from './settings.js';

export interface SnowflakeTargetOptions extends ResolveOptions {
  /** The target's name in mlc.yml. */
  name: string;
  /** The target entry of mlc.yml, validated with `snowflakeTargetSchema` here if it is not already. */
  settings: unknown;
  /** Receives diagnostic lines (retries); secrets are already removed. Silent by default. */
  log?: (line: string) => void;
}

/** What Snowflake's login codes mean, in words a user can act on. */
const LOGIN_HINTS: Record<string, string> = {
  '390100': 'check the user and password',
  '390144': 'check that the public key registered for the user (ALTER USER … SET RSA_PUBLIC_KEY) matches private_key_path',
  '390201': 'check the account identifier (orgname-accountname)',
  '390303': 'the token is invalid or expired',
};

function parseSettings(name: string, raw: unknown) {
  const parsed = snowflakeTargetSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `targets.${name}.${issue.path.join('.')}` : `targets.${name}`;
  throw new SnowflakeConfigError(`${where}: ${issue?.message ?? 'invalid settings'}`);
}

/**
 * The Snowflake target. Settings are resolved (mlc.yml, then connections.toml, then
 * SNOWFLAKE_* variables) and checked when the target is created, before any login.
 */
export function createSnowflakeTarget(options: SnowflakeTargetOptions): Target {
  const settings = resolveSnowflakeSettings(parseSettings(options.name, options.settings), options);
  const redact = createRedactor([settings.password, settings.privateKeyPassphrase, settings.token]);
  const log = (line: string): void => options.log?.(redact(line));
  const connections = new Set<Connection>();

  return {
    name: options.name,
    dialect: 'snowflake',
    async connect() {
      const sdk = await login(settings, redact, log);
      const connection = new SnowflakeConnection(sdk, { settings, redact, log });
      connections.add(connection);
      return connection;
    },
    async dispose() {
      await Promise.all([...connections].map((c) => c.close()));
      connections.clear();
    },
  };
}

async function login(settings: ResolvedSnowflakeSettings, redact: (text: string) => string, log: (line: string) => void): Promise<SdkConnection> {
  const sdk = await loadDriver();
  const connectionOptions = driverOptions(settings);
  const who = `${settings.user ? `user ${settings.user} on ` : ''}account ${settings.account}`;
  for (let attempt = 0; ; attempt++) {
    const connection = sdk.createConnection(connectionOptions);
    try {
      // connectAsync() resolves even when the login is refused; only the callback sees the error.
      const connected = new Promise<SdkConnection>((resolve, reject) => connection.connect((error, conn) => (error ? reject(error) : resolve(conn))));
      return await withTimeout(connected, settings.loginTimeoutMs, () => connection.destroy(() => undefined));
    } catch (error) {
      if (error === LOGIN_TIMEOUT) {
        throw new SnowflakeConnectionError(`Snowflake login for ${who} timed out after ${settings.loginTimeoutMs / 1000}s (login_timeout)`);
      }
      const e = error as SnowflakeError & { code?: unknown };
      const message = redact(String(e.message ?? error).split('\n')[0] ?? '');
      if (isTransient(error)) {
        if (attempt < settings.retries) {
          const wait = backoffMs(attempt);
          log(`snowflake: login failed (${message}); retry ${attempt + 1}/${settings.retries} in ${Math.round(wait)} ms`);
          await sleep(wait);
          continue;
        }
        throw new SnowflakeConnectionError(`cannot reach Snowflake for ${who}: ${message}`);
      }
      const code = e.code === undefined ? undefined : String(e.code);
      const hint = code ? LOGIN_HINTS[code] : undefined;
      throw new SnowflakeLoginError(`Snowflake login failed for ${who}: ${message}${code ? ` (${code})` : ''}${hint ? `; ${hint}` : ''}`, code);
    }
  }
}

const LOGIN_TIMEOUT = Symbol('login timeout');

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(LOGIN_TIMEOUT);
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
