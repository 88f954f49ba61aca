#!/usr/bin/env node
// bin/mlc.js without the bundle: the same CLI loaded module by module from dist/ as tsc
// emits it, to compare the bundle against (test/cli/bundle.test.ts, bench/startup).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
