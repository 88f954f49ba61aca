import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `mlc` binary (dist/, built by the global setup). */
export function mlc(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/mlc.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh copy of the root example project in a temporary folder. */
export function copyExample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-example-'));
  for (const entry of ['mlc.yml', 'features', 'models', 'monitors', 'data']) {
    cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}
