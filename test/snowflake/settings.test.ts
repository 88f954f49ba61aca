import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  createSnowflakeTarget,
  parseToml,
  resolveSnowflakeSettings,
  SnowflakeConfigError,
  snowflakeTargetSchema,
  TomlError,
} from '../../src/targets/snowflake/index.js';
import { emptyHome } from './helpers.js';

const CONNECTIONS = `
default_connection_name = "dev"

[connections.dev]
account = "toml-account"
user = "toml_user"
password = "toml-password-secret"
warehouse = "TOML_WH"
role = 'ANALYST' # a comment

[connections."ci runner"]
account = "ci-account"
user = "ci_user"
authenticator = "SNOWFLAKE_JWT"
private_key_file = "/keys/ci.p8"
`;

function snowflakeHome(): string {
  const home = emptyHome();
  mkdirSync(join(home, 'sf'));
  writeFileSync(join(home, 'sf', 'connections.toml'), CONNECTIONS);
  return join(home, 'sf');
}

function resolve(settings: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  return resolveSnowflakeSettings(snowflakeTargetSchema.parse({ type: 'snowflake', ...settings }), { env, home: emptyHome() });
}

describe('mlc.yml target entry', () => {
  test('a literal password is rejected with a hint; env references are accepted', () => {
    const literal = snowflakeTargetSchema.safeParse({ type: 'snowflake', account: 'a', password: 'hunter2' });
    expect(literal.success).toBe(false);
    expect(literal.error?.issues[0]?.message).toBe(
      'password must not be written in mlc.yml; reference an environment variable instead, e.g. "password: env:SNOWFLAKE_PASSWORD" (or keep it in ~/.snowflake/connections.toml)',
    );
    expect(snowflakeTargetSchema.safeParse({ type: 'snowflake', password: 'env:SF_PW', token: 'env:SF_TOKEN' }).success).toBe(true);
  });

  test('creating a target with a literal secret fails before any login, naming the key but not the value', () => {
    const attempt = () => createSnowflakeTarget({ name: 'prod', settings: { type: 'snowflake', account: 'a', user: 'u', private_key_passphrase: 'my-literal-passphrase' }, env: {}, home: emptyHome() });
    expect(attempt).toThrow(SnowflakeConfigError);
    expect(attempt).toThrow(/^targets\.prod\.private_key_passphrase: private_key_passphrase must not be written in mlc\.yml/);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('my-literal-passphrase');
    }
  });

  test('an env reference to an unset variable, and a missing account, are clear errors', () => {
    expect(() => resolve({ account: 'a', user: 'u', password: 'env:NOT_SET_ANYWHERE' }, {})).toThrow(
      'password refers to environment variable NOT_SET_ANYWHERE, which is not set',
    );
    expect(() => resolve({ user: 'u' }, {})).toThrow(expect.objectContaining({ message: 'no Snowflake account configured', hint: 'set account in the mlc.yml target, in connections.toml, or SNOWFLAKE_ACCOUNT' }));
  });
});

describe('resolution order: mlc.yml, then connections.toml, then SNOWFLAKE_* variables', () => {
  test('each field takes the first source that sets it', () => {
    const env = {
      SNOWFLAKE_HOME: snowflakeHome(),
      SNOWFLAKE_ACCOUNT: 'env-account',
      SNOWFLAKE_USER: 'env_user',
      SNOWFLAKE_WAREHOUSE: 'ENV_WH',
      SNOWFLAKE_DATABASE: 'ENV_DB',
      SNOWFLAKE_SCHEMA: 'ENV_SCHEMA',
      YAML_PW: 'yaml-password',
    };
    const settings = resolve({ account: 'yaml-account', password: 'env:YAML_PW', schema: 'YAML_SCHEMA' }, env);
    expect(settings).toMatchObject({
      account: 'yaml-account',
      user: 'toml_user',
      password: 'yaml-password',
      warehouse: 'TOML_WH',
      role: 'ANALYST',
      database: 'ENV_DB',
      schema: 'YAML_SCHEMA',
      authenticator: 'snowflake',
    });
    expect(settings.sources).toMatchObject({ account: 'mlc.yml', user: 'connections.toml', database: 'environment', schema: 'mlc.yml' });
  });

  test('a named connection is used over default_connection_name; key-pair auth follows from it', () => {
    const settings = resolve({ connection: 'ci runner' }, { SNOWFLAKE_HOME: snowflakeHome() });
    expect(settings).toMatchObject({ account: 'ci-account', user: 'ci_user', authenticator: 'snowflake_jwt', privateKeyPath: '/keys/ci.p8' });
  });

  test('without mlc.yml values or connections.toml, environment variables configure the target', () => {
    const settings = resolve({}, { SNOWFLAKE_ACCOUNT: 'env-account', SNOWFLAKE_USER: 'svc', SNOWFLAKE_PRIVATE_KEY_PATH: '/k.p8', SNOWFLAKE_ROLE: 'ML' });
    expect(settings).toMatchObject({ account: 'env-account', user: 'svc', authenticator: 'snowflake_jwt', role: 'ML', retries: 3, queryTag: 'mlc' });
  });

  test('an unknown connection name suggests the closest one', () => {
    expect(() => resolve({ connection: 'de' }, { SNOWFLAKE_HOME: snowflakeHome() })).toThrow(expect.objectContaining({ message: expect.stringMatching(/^connection "de" is not in .*connections\.toml \(known: dev, ci runner\)$/), hint: 'did you mean "dev"?' }));
  });

  test('connections.toml is read from ~/.snowflake when SNOWFLAKE_HOME is not set', () => {
    const home = emptyHome();
    mkdirSync(join(home, '.snowflake'));
    writeFileSync(join(home, '.snowflake', 'connections.toml'), CONNECTIONS);
    const settings = resolveSnowflakeSettings(snowflakeTargetSchema.parse({ type: 'snowflake' }), { env: {}, home });
    expect(settings).toMatchObject({ account: 'toml-account', password: 'toml-password-secret' });
  });
});

describe('connections.toml parser', () => {
  test('tables, quoted keys, strings with escapes, numbers, booleans, comments', () => {
    expect(
      parseToml(`# header
top = 1_000
[a.b]
s = "tab\\there \\"q\\" \\u00e9"
lit = 'C:\\path'
f = -1.5e2
yes = true
"quoted key" = false
`),
    ).toEqual({ top: 1000, a: { b: { s: 'tab\there "q" é', lit: 'C:\\path', f: -150, yes: true, 'quoted key': false } } });
  });

  test('errors name the line', () => {
    expect(() => parseToml('[ok]\nkey = nope')).toThrow(new TomlError('unsupported value "nope" (strings, numbers and booleans only)', 2));
    expect(() => parseToml('a = 1\na = 2')).toThrow('line 2: duplicate key "a"');
    expect(() => parseToml('s = "open')).toThrow('line 1: unterminated string');
  });
});
