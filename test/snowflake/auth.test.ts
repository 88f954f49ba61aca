import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSnowflakeTarget, SnowflakeConfigError, SnowflakeLoginError } from '../../src/targets/snowflake/index.js';
import { startEmulator } from '../support/snowflake-emulator/index.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { emptyHome, emulatorTarget } from './helpers.js';

const PASSPHRASE = 'correct-horse-battery-staple';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dir = mkdtempSync(join(tmpdir(), 'mlc-sf-keys-'));
const plainKey = join(dir, 'rsa_key.p8');
const encryptedKey = join(dir, 'rsa_key_encrypted.p8');
const unregisteredKey = join(dir, 'other.p8');
const notAKey = join(dir, 'not-a-key.p8');
writeFileSync(plainKey, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(encryptedKey, keys.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }));
writeFileSync(unregisteredKey, otherKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(notAKey, 'this is not a key\n');

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ publicKeys: [keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()] });
});

afterAll(async () => {
  await emulator.close();
});

function keyPairTarget(path: string, passphrase?: string) {
  return createSnowflakeTarget({
    name: 'prod',
    settings: {
      type: 'snowflake',
      account: emulator.account,
      user: emulator.user,
      authenticator: 'snowflake_jwt',
      private_key_path: path,
      ...(passphrase === undefined ? {} : { private_key_passphrase: 'env:KEY_PASSPHRASE' }),
      access_url: emulator.url,
    },
    env: passphrase === undefined ? {} : { KEY_PASSPHRASE: passphrase },
    home: emptyHome(),
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

function expectOneLine(error: Error, ...secrets: string[]): void {
  expect(error.message).not.toContain('\n');
  // The stack is the one line a user sees: the message, then the hint if there is one.
  expect(error.stack).not.toContain('\n');
  expect(error.stack?.startsWith(`${error.name}: ${error.message}`)).toBe(true);
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(String(error.stack)).not.toContain(secret);
  }
}

describe('authentication through the real driver', () => {
  test('password login runs statements', async () => {
    const { target } = emulatorTarget(emulator);
    const connection = await target.connect();
    expect((await connection.query('select current_date is not null as ok')).rows).toEqual([{ ok: true }]);
    await target.dispose();
    expect(emulator.openSessions).toBe(0);
  });

  test('key-pair login (SNOWFLAKE_JWT) with a plain and an encrypted PKCS#8 key', async () => {
    for (const target of [keyPairTarget(plainKey), keyPairTarget(encryptedKey, PASSPHRASE)]) {
      const connection = await target.connect();
      expect((await connection.query('select 7 as seven')).rows).toEqual([{ seven: 7 }]);
      await target.dispose();
    }
  });

  test('a wrong password is one clear line without the password', async () => {
    const { target, lines } = emulatorTarget(emulator, {}, { TEST_SF_PASSWORD: 'wrong-password-123' });
    const error = await failure(target.connect());
    expect(error).toBeInstanceOf(SnowflakeLoginError);
    expect(error.message).toMatch(new RegExp(`^Snowflake login failed for user ${emulator.user} on account ${emulator.account}: Incorrect username or password was specified\\. \\(390100\\)`));
    expectOneLine(error, 'wrong-password-123', emulator.password);
    expect(lines.join('\n')).not.toContain('wrong-password-123');
  });

  test('a key that is not registered for the user is refused in one line', async () => {
    const error = await failure(keyPairTarget(unregisteredKey).connect());
    expect(error).toBeInstanceOf(SnowflakeLoginError);
    expect(error.message).toMatch(/JWT token is invalid\. \(390144\); check that the public key registered/);
    expectOneLine(error);
  });

  test('a wrong passphrase, a missing passphrase and a file that is not a key are one line each', async () => {
    const wrong = await failure(keyPairTarget(encryptedKey, 'not-the-passphrase').connect());
    expect(wrong).toBeInstanceOf(SnowflakeConfigError);
    expect(wrong.message).toBe(`the private key at ${encryptedKey} could not be decrypted: wrong passphrase`);
    expectOneLine(wrong, 'not-the-passphrase', PASSPHRASE);

    const missing = await failure(keyPairTarget(encryptedKey).connect());
    expect(missing.message).toMatch(/is encrypted and no passphrase was given/);
    expectOneLine(missing);

    const garbage = await failure(keyPairTarget(notAKey).connect());
    expect(garbage.message).toMatch(/is not a usable PEM private key/);
    expectOneLine(garbage);
  });

  test('a programmatic access token from a token file logs in; a bad one is refused', async () => {
    const tokenEmulator = await startEmulator({ tokens: ['pat-secret-token-value'] });
    try {
      const tokenFile = join(dir, 'token');
      writeFileSync(tokenFile, 'pat-secret-token-value\n');
      const settings = { type: 'snowflake', account: tokenEmulator.account, user: tokenEmulator.user, authenticator: 'programmatic_access_token', access_url: tokenEmulator.url };
      const good = createSnowflakeTarget({ name: 'prod', settings: { ...settings, token_file_path: tokenFile }, env: {}, home: emptyHome() });
      const connection = await good.connect();
      expect((await connection.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await good.dispose();

      const bad = createSnowflakeTarget({ name: 'prod', settings: { ...settings, token: 'env:SF_TOKEN' }, env: { SF_TOKEN: 'leaked-token-value' }, home: emptyHome() });
      const error = await failure(bad.connect());
      expect(error).toBeInstanceOf(SnowflakeLoginError);
      expectOneLine(error, 'leaked-token-value');
    } finally {
      await tokenEmulator.close();
    }
  });
});
