/** The worker side of a first compile's writes (see first-write.ts): writes each batch of files it is sent under its root, until sent null. */

import { parentPort, workerData } from 'node:worker_threads';
import type { WriteBatch } from './first-write.js';
import { writeFiles } from './write-files.js';

const { root } = workerData as { root: string };
const folders = new Map<string, boolean>();
parentPort!.on('message', (batch: WriteBatch) => {
  if (batch === null) parentPort!.close();
  else writeFiles(root, batch.files, folders);
});
