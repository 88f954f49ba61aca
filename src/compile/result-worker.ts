/**
 * A worker thread's share of a cold compile: the text-only work of feature files (SQL
 * analysis and DuckDB translation of the statement), sent back for the result cache.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { computeFileResults, type FileInput } from './file-results.js';

parentPort!.postMessage((workerData as FileInput[]).map(computeFileResults));
