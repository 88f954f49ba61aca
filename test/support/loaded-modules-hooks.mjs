// Module hooks of loaded-modules.mjs; they run on Node's hooks thread.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.MLC_LOADED_LOG, `${url}\n`);
  return nextLoad(url, context);
}
