// Preloaded with `node --import` by tests: appends the URL of every module the process (and
// its worker threads) loads through the ES module loader to the file MLC_LOADED_LOG names.
import { register } from 'node:module';

register('./loaded-modules-hooks.mjs', import.meta.url);
