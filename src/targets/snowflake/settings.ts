/**
 * The `type: snowflake` target entry of mlc.yml. Secrets are never literals here: they are
 * `env:NAME` references, resolved when the target is created.
 */

import { z } from 'zod';

export const AUTHENTICATORS = ['snowflake', 'snowflake_jwt', 'externalbrowser', 'oauth', 'programmatic_access_token'] as const;
export type Authenticator = (typeof AUTHENTICATORS)[number];

/** The mlc.yml keys that hold secrets; each must be an `env:NAME` reference. */
export const SECRET_KEYS = ['password', 'private_key_passphrase', 'token'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

const ENV_REFERENCE = /^env:[A-Za-z_][A-Za-z0-9_]*$/;

function secret(key: SecretKey) {
  const example = key === 'password' ? 'SNOWFLAKE_PASSWORD' : key === 'token' ? 'SNOWFLAKE_TOKEN' : 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE';
  return z
    .string()
    .regex(ENV_REFERENCE, {
      message: `${key} must not be written in mlc.yml; reference an environment variable instead, e.g. "${key}: env:${example}" (or keep it in ~/.snowflake/connections.toml)`,
    })
    .optional()
    .describe(`an environment variable reference, e.g. env:${example}`);
}

const seconds = z.number().positive();

export const snowflakeTargetSchema = z.strictObject({
  type: z.literal('snowflake'),
  connection: z.string().min(1).optional().describe('a connection name in ~/.snowflake/connections.toml'),
  account: z.string().min(1).optional().describe('account identifier, e.g. myorg-myaccount'),
  user: z.string().min(1).optional(),
  authenticator: z.enum(AUTHENTICATORS).optional().describe('default: snowflake (password)'),
  password: secret('password'),
  private_key_path: z.string().min(1).optional().describe('PEM private key file for snowflake_jwt'),
  private_key_passphrase: secret('private_key_passphrase'),
  token: secret('token'),
  token_file_path: z.string().min(1).optional().describe('a file holding the oauth or programmatic access token'),
  warehouse: z.string().min(1).optional(),
  database: z.string().min(1).optional(),
  schema: z.string().min(1).optional(),
  role: z.string().min(1).optional(),
  query_tag: z.string().optional().describe('tag for statements that carry no node tag; default: mlc'),
  login_timeout: seconds.optional().describe('seconds to wait for login; default 60'),
  query_timeout: seconds.optional().describe('seconds a statement may run before it is cancelled; default: no limit'),
  retries: z.number().int().min(0).max(10).optional().describe('retries of transient network failures; default 3'),
  access_url: z.url().optional().describe('override of the account URL (tests, private link)'),
});

export type SnowflakeTargetSettings = z.infer<typeof snowflakeTargetSchema>;
