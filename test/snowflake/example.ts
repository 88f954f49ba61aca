import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Emulator } from '../support/snowflake-emulator/index.js';
import { copyExample, REPO } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';

/** The root example's snowflake target reads `connection: default`: a temp connections.toml points it at the emulator. */
export function emulatorEnv(emulator: Emulator): NodeJS.ProcessEnv {
  const home = mkdtempSync(path.join(os.tmpdir(), 'mlc-sf-conn-'));
  const url = new URL(emulator.url);
  writeFileSync(
    path.join(home, 'connections.toml'),
    `[default]\naccount = "${emulator.account}"\nuser = "${emulator.user}"\npassword = "${emulator.password}"\nhost = "${url.hostname}"\nport = ${url.port}\nprotocol = "http"\n`,
  );
  return { SNOWFLAKE_HOME: home, SF_TELEMETRY_DISABLE_CONNECTION_SHAPE: '1' };
}

/** Sources live in the warehouse on Snowflake: load the example's CSV files into the emulator. */
export async function loadSources(emulator: Emulator): Promise<void> {
  for (const csv of readdirSync(path.join(REPO, 'data')).filter((f) => f.endsWith('.csv'))) {
    const name = csv.slice(0, -'.csv'.length);
    const file = path.join(REPO, 'data', csv).replace(/'/g, "''");
    await emulator.duckdb.run(`CREATE OR REPLACE TABLE ${name} AS SELECT * FROM read_csv('${file}', header = true)`);
  }
}

/** A fresh copy of the root example, as the CLI tests use. */
export const exampleCopy = copyExample;


/** The real `mlc` binary, spawned asynchronously: the emulator answers from this process's event loop. */
export function mlcAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin/mlc.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}
