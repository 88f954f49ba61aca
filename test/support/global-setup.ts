import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once so tests that spawn the real `mlc` binary run the current source.
 * Type errors are reported by `npm run typecheck`; here tsc still emits JavaScript.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0 && result.stdout.trim()) process.stderr.write(`tsc:\n${result.stdout}`);
}
