// Flushes the file system's pending writes before a timed run. A compile leaves ~25 MB in
// ten thousand new files for the kernel to write back over the next seconds; run back to back,
// that write-back lands in the next run's time (160 ms of a 1.6 s compile, measured), where
// a user's compile would not meet it. hyperfine's `--prepare sync` does the same.
import { spawnSync } from 'node:child_process';

export function settle() {
  if (process.platform !== 'win32') spawnSync('sync');
}
