import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSnowflakeTarget } from '../../src/targets/snowflake/index.js';
import type { Target } from '../../src/targets/target.js';
import type { Emulator } from '../support/snowflake-emulator/index.js';

process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = '1';

/** An empty home directory, so no real ~/.snowflake or SNOWFLAKE_* variable leaks into a test. */
export function emptyHome(): string {
  return mkdtempSync(join(tmpdir(), 'mlc-sf-home-'));
}

export interface TargetFixture {
  target: Target;
  lines: string[];
}

/** A target pointed at the emulator with password auth; `extra` overrides settings. */
export function emulatorTarget(emulator: Emulator, extra: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}): TargetFixture {
  const lines: string[] = [];
  const target = createSnowflakeTarget({
    name: 'prod',
    settings: {
      type: 'snowflake',
      account: emulator.account,
      user: emulator.user,
      password: 'env:TEST_SF_PASSWORD',
      database: emulator.database,
      schema: emulator.schema,
      access_url: emulator.url,
      ...extra,
    },
    env: { TEST_SF_PASSWORD: emulator.password, ...env },
    home: emptyHome(),
    log: (line) => lines.push(line),
  });
  return { target, lines };
}
