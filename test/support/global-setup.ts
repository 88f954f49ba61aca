import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ and the bundle in it (what `npm run build` does) once so tests that spawn the
 * real `mlc` binary run the current source. Type errors are reported by `npm run typecheck`;
 * here tsc still emits JavaScript.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (tsc.status !== 0 && tsc.stdout.trim()) process.stderr.write(`tsc:\n${tsc.stdout}`);
  const bundle = spawnSync(process.execPath, ['scripts/bundle.js'], { cwd: root, encoding: 'utf8' });
  if (bundle.status !== 0) throw new Error(`scripts/bundle.js failed:\n${bundle.stderr}`);
}
