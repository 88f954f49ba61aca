/**
 * Settings resolution. Each field takes the first value found in this order:
 *   1. the target entry in mlc.yml (secrets as env:NAME references),
 *   2. the named connection in connections.toml ($SNOWFLAKE_HOME or ~/.snowflake),
 *   3. SNOWFLAKE_* environment variables.
 * mlc.yml is the reviewed project configuration, so it wins; connections.toml is the
 * user's machine; plain environment variables are the fallback for CI.
 */

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { closest } from '../../project/diagnostic.js';
import { SnowflakeConfigError } from './errors.js';
import { AUTHENTICATORS, SECRET_KEYS } from './settings.js';
import type { Authenticator, SnowflakeTargetSettings } from './settings.js';
import { parseToml, TomlError } from './toml.js';
import type { TomlTable, TomlValue } from './toml.js';

export type SettingSource = 'mlc.yml' | 'connections.toml' | 'environment';

export interface ResolvedSnowflakeSettings {
  account: string;
  user?: string;
  authenticator: Authenticator;
  password?: string;
  privateKeyPath?: string;
  privateKeyPassphrase?: string;
  token?: string;
  tokenFilePath?: string;
  warehouse?: string;
  database?: string;
  schema?: string;
  role?: string;
  queryTag: string;
  loginTimeoutMs: number;
  /** Undefined: statements may run as long as Snowflake lets them. */
  queryTimeoutMs?: number;
  retries: number;
  accessUrl?: string;
  /** Where each field's value came from, for messages. */
  sources: Partial<Record<Field, SettingSource>>;
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  /** The home directory used when SNOWFLAKE_HOME is not set. */
  home?: string;
}

type Field =
  | 'account'
  | 'user'
  | 'authenticator'
  | 'password'
  | 'private_key_path'
  | 'private_key_passphrase'
  | 'token'
  | 'token_file_path'
  | 'warehouse'
  | 'database'
  | 'schema'
  | 'role';

const FIELDS: readonly Field[] = [
  'account',
  'user',
  'authenticator',
  'password',
  'private_key_path',
  'private_key_passphrase',
  'token',
  'token_file_path',
  'warehouse',
  'database',
  'schema',
  'role',
];

/** connections.toml spellings (Snowflake CLI and Python connector) of each field. */
const TOML_KEYS: Record<Field, readonly string[]> = {
  account: ['account', 'accountname'],
  user: ['user', 'username'],
  authenticator: ['authenticator'],
  password: ['password'],
  private_key_path: ['private_key_file', 'private_key_path'],
  private_key_passphrase: ['private_key_file_pwd', 'private_key_passphrase'],
  token: ['token'],
  token_file_path: ['token_file_path'],
  warehouse: ['warehouse'],
  database: ['database'],
  schema: ['schema'],
  role: ['role'],
};

const ENV_KEYS: Record<Field, string> = {
  account: 'SNOWFLAKE_ACCOUNT',
  user: 'SNOWFLAKE_USER',
  authenticator: 'SNOWFLAKE_AUTHENTICATOR',
  password: 'SNOWFLAKE_PASSWORD',
  private_key_path: 'SNOWFLAKE_PRIVATE_KEY_PATH',
  private_key_passphrase: 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE',
  token: 'SNOWFLAKE_TOKEN',
  token_file_path: 'SNOWFLAKE_TOKEN_FILE_PATH',
  warehouse: 'SNOWFLAKE_WAREHOUSE',
  database: 'SNOWFLAKE_DATABASE',
  schema: 'SNOWFLAKE_SCHEMA',
  role: 'SNOWFLAKE_ROLE',
};

export function connectionsTomlPath(options: ResolveOptions = {}): string {
  const env = options.env ?? process.env;
  return env.SNOWFLAKE_HOME ? join(env.SNOWFLAKE_HOME, 'connections.toml') : join(options.home ?? homedir(), '.snowflake', 'connections.toml');
}

/** The connections of a connections.toml: top-level tables, or tables under [connections]. */
function connectionsOf(file: TomlTable): Record<string, TomlTable> {
  const out: Record<string, TomlTable> = {};
  for (const [name, value] of Object.entries(file)) {
    if (typeof value === 'object' && name !== 'connections') out[name] = value;
  }
  const nested = file.connections;
  if (typeof nested === 'object') {
    for (const [name, value] of Object.entries(nested)) if (typeof value === 'object') out[name] = value;
  }
  return out;
}

function readConnection(name: string | undefined, path: string, env: NodeJS.ProcessEnv, explicit: boolean): TomlTable | undefined {
  if (!existsSync(path)) {
    if (explicit) throw new SnowflakeConfigError(`connection "${name}" not found: ${path} does not exist`, 'create it with `snow connection add`, or set SNOWFLAKE_HOME');
    return undefined;
  }
  let file: TomlTable;
  try {
    file = parseToml(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof TomlError ? error.message : 'unreadable';
    throw new SnowflakeConfigError(`${path}: ${reason}`);
  }
  const connections = connectionsOf(file);
  const defaultName = typeof file.default_connection_name === 'string' ? file.default_connection_name : undefined;
  const chosen = name ?? env.SNOWFLAKE_DEFAULT_CONNECTION_NAME ?? defaultName ?? 'default';
  const connection = connections[chosen];
  if (!connection && (explicit || chosen !== 'default')) {
    const suggestion = closest(chosen, Object.keys(connections));
    const known = Object.keys(connections).join(', ') || 'none';
    throw new SnowflakeConfigError(
      `connection "${chosen}" is not in ${path} (known: ${known})`,
      suggestion ? `did you mean "${suggestion}"?` : 'add it with `snow connection add`',
    );
  }
  return connection;
}

/** The Python connector's host, port and protocol keys, as one URL (private link, local emulators). */
function tomlAccessUrl(toml: TomlTable | undefined): string | undefined {
  const host = tomlString(toml?.host);
  if (!host) return undefined;
  const port = tomlString(toml?.port);
  return `${tomlString(toml?.protocol) ?? 'https'}://${host}${port ? `:${port}` : ''}`;
}

function tomlString(value: TomlValue | undefined): string | undefined {
  if (value === undefined || typeof value === 'object') return undefined;
  return String(value);
}

function fromEnvReference(key: string, reference: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (reference === undefined) return undefined;
  const name = reference.slice('env:'.length);
  const value = env[name];
  if (value === undefined || value === '') {
    throw new SnowflakeConfigError(`${key} refers to environment variable ${name}, which is not set`, `export ${name}=… before running mlc`);
  }
  return value;
}

function parseAuthenticator(value: string, source: SettingSource): Authenticator {
  const lower = value.toLowerCase();
  const known = AUTHENTICATORS.find((a) => a === lower);
  if (!known) throw new SnowflakeConfigError(`authenticator "${value}" (from ${source}) is not supported`, `use one of ${AUTHENTICATORS.join(', ')}`);
  return known;
}

export function resolveSnowflakeSettings(settings: SnowflakeTargetSettings, options: ResolveOptions = {}): ResolvedSnowflakeSettings {
  const env = options.env ?? process.env;
  const yaml: Partial<Record<Field, string>> = {
    account: settings.account,
    user: settings.user,
    authenticator: settings.authenticator,
    private_key_path: settings.private_key_path,
    token_file_path: settings.token_file_path,
    warehouse: settings.warehouse,
    database: settings.database,
    schema: settings.schema,
    role: settings.role,
  };
  for (const key of SECRET_KEYS) yaml[key] = fromEnvReference(key, settings[key], env);
  const toml = readConnection(settings.connection, connectionsTomlPath(options), env, settings.connection !== undefined);

  const values: Partial<Record<Field, string>> = {};
  const sources: Partial<Record<Field, SettingSource>> = {};
  for (const field of FIELDS) {
    const candidates: [string | undefined, SettingSource][] = [
      [yaml[field], 'mlc.yml'],
      [TOML_KEYS[field].map((k) => tomlString(toml?.[k])).find((v) => v !== undefined), 'connections.toml'],
      [env[ENV_KEYS[field]] || undefined, 'environment'],
    ];
    const found = candidates.find(([value]) => value !== undefined);
    if (found) {
      values[field] = found[0];
      sources[field] = found[1];
    }
  }

  const account = values.account;
  if (!account) {
    throw new SnowflakeConfigError('no Snowflake account configured', 'set account in the mlc.yml target, in connections.toml, or SNOWFLAKE_ACCOUNT');
  }
  const authenticator = values.authenticator
    ? parseAuthenticator(values.authenticator, sources.authenticator ?? 'mlc.yml')
    : values.private_key_path && !values.password
      ? 'snowflake_jwt'
      : 'snowflake';
  const resolved: ResolvedSnowflakeSettings = {
    account,
    user: values.user,
    authenticator,
    password: values.password,
    privateKeyPath: values.private_key_path,
    privateKeyPassphrase: values.private_key_passphrase,
    token: values.token,
    tokenFilePath: values.token_file_path,
    warehouse: values.warehouse,
    database: values.database,
    schema: values.schema,
    role: values.role,
    queryTag: settings.query_tag ?? 'mlc',
    loginTimeoutMs: (settings.login_timeout ?? 60) * 1000,
    queryTimeoutMs: settings.query_timeout === undefined ? undefined : settings.query_timeout * 1000,
    retries: settings.retries ?? 3,
    accessUrl: settings.access_url ?? tomlAccessUrl(toml),
    sources,
  };
  checkCredentials(resolved);
  return resolved;
}

function checkCredentials(s: ResolvedSnowflakeSettings): void {
  const needsUser = s.authenticator === 'snowflake' || s.authenticator === 'snowflake_jwt' || s.authenticator === 'externalbrowser';
  if (needsUser && !s.user) throw new SnowflakeConfigError('no Snowflake user configured', 'set user in the mlc.yml target, in connections.toml, or SNOWFLAKE_USER');
  if (s.authenticator === 'snowflake' && !s.password) {
    throw new SnowflakeConfigError(
      `no password for user ${s.user}`,
      'set "password: env:SNOWFLAKE_PASSWORD" in mlc.yml, password in connections.toml, or use key-pair auth (authenticator: snowflake_jwt)',
    );
  }
  if (s.authenticator === 'snowflake_jwt' && !s.privateKeyPath) {
    throw new SnowflakeConfigError('key-pair authentication needs private_key_path', 'set private_key_path in mlc.yml, private_key_file in connections.toml, or SNOWFLAKE_PRIVATE_KEY_PATH');
  }
  if ((s.authenticator === 'oauth' || s.authenticator === 'programmatic_access_token') && !s.token && !s.tokenFilePath) {
    throw new SnowflakeConfigError(`${s.authenticator} authentication needs a token`, 'set "token: env:SNOWFLAKE_TOKEN" or token_file_path');
  }
}
