/** The worker side of writing compiled/ aside (see files.ts): writes the files it is given; a failure ends it with the error. */

import { workerData } from 'node:worker_threads';
import { writeFiles } from './write-files.js';

const { root, files } = workerData as { root: string; files: [string, string][] };
writeFiles(root, files);
