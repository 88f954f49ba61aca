import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'snowflake-sdk';
import { SnowflakeConfigError } from './errors.js';
import type { ResolvedSnowflakeSettings } from './resolve.js';

const DRIVER_AUTHENTICATOR = {
  snowflake: 'SNOWFLAKE',
  snowflake_jwt: 'SNOWFLAKE_JWT',
  externalbrowser: 'EXTERNALBROWSER',
  oauth: 'OAUTH',
  programmatic_access_token: 'PROGRAMMATIC_ACCESS_TOKEN',
} as const;

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SnowflakeConfigError(`cannot read the ${what} at ${path} (${code})`);
  }
}

/**
 * Reads and decrypts the private key here rather than in the driver, so a wrong passphrase
 * or a file that is not a key becomes one clear line before any network traffic.
 */
function privateKeyPem(path: string, passphrase: string | undefined): string {
  const pem = readText(path, 'private key');
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase }).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(pem);
    if (encrypted && !passphrase) {
      throw new SnowflakeConfigError(`the private key at ${path} is encrypted and no passphrase was given`, 'set "private_key_passphrase: env:SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"');
    }
    if (encrypted) throw new SnowflakeConfigError(`the private key at ${path} could not be decrypted: wrong passphrase`);
    const reason = (error as { code?: string }).code ?? 'invalid key';
    throw new SnowflakeConfigError(`${path} is not a usable PEM private key (${reason})`, 'generate one with `openssl genrsa 2048 | openssl pkcs8 -topk8 -nocrypt`');
  }
}

/** The driver's connection options for resolved settings. Reads key and token files. */
export function driverOptions(settings: ResolvedSnowflakeSettings): ConnectionOptions {
  const options: ConnectionOptions = {
    account: settings.account,
    authenticator: DRIVER_AUTHENTICATOR[settings.authenticator],
    application: 'mlc',
    representNullAsStringNull: false,
    // The target retries logins itself (bounded, logged); a second layer in the driver would multiply them.
    sfRetryMaxLoginRetries: 0,
  };
  if (settings.user) options.username = settings.user;
  if (settings.warehouse) options.warehouse = settings.warehouse;
  if (settings.database) options.database = settings.database;
  if (settings.schema) options.schema = settings.schema;
  if (settings.role) options.role = settings.role;
  if (settings.accessUrl) options.accessUrl = settings.accessUrl;
  if (settings.authenticator === 'snowflake') options.password = settings.password;
  if (settings.authenticator === 'snowflake_jwt' && settings.privateKeyPath) {
    options.privateKey = privateKeyPem(settings.privateKeyPath, settings.privateKeyPassphrase);
  }
  if (settings.authenticator === 'oauth' || settings.authenticator === 'programmatic_access_token') {
    options.token = settings.token ?? (settings.tokenFilePath ? readText(settings.tokenFilePath, 'token file').trim() : undefined);
  }
  return options;
}
