// Bundles the CLI that tsc emitted into dist/ as a few chunks in dist/bundle/, which
// bin/mlc.js loads: Node's ESM loader costs per module, and a compile would otherwise load
// over 200. Each dynamic import stays its own chunk, so a command loads only what it uses.
// Worker entry points (modules named *-worker.js) keep their file name next to the chunks,
// where `new URL('./<name>.js', import.meta.url)` in the code that starts them finds them.
// Usage: node scripts/bundle.js
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = 'dist/bundle';

/**
 * Pure JavaScript packages a compile loads, inlined. Every other package stays external:
 * native, heavy, or loaded only by some commands (graphology is required when a graph is
 * walked, and yaml for a file src/project/plain-yaml.ts cannot read, through createRequire,
 * which resolves from the bundle's folder as well).
 */
const BUNDLED = new Set(['zod', 'croner']);

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function isExternal(specifier) {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) return false;
  return specifier.startsWith('node:') || !BUNDLED.has(packageName(specifier));
}

/** main.js and one entry per worker module (src/.../NAME-worker.ts), by output name. */
function entries() {
  const input = { main: 'dist/cli/main.js' };
  for (const file of readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('-worker.ts')) continue;
    const name = path.basename(file, '.ts');
    if (input[name]) throw new Error(`two workers would be ${OUT}/${name}.js: ${input[name]} and src/${file}`);
    input[name] = `dist/${file.replace(/\.ts$/, '.js')}`;
  }
  return input;
}

const started = performance.now();
rmSync(path.join(root, OUT), { recursive: true, force: true });
const bundle = await rolldown({
  cwd: root,
  input: entries(),
  platform: 'node',
  external: isExternal,
});
const { output } = await bundle.write({ dir: path.join(root, OUT), format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
console.log(`bundle: ${output.length} files in ${OUT}/ in ${Math.round(performance.now() - started)} ms`);
