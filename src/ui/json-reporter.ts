/**
 * `--json`: one JSON object per event per line and nothing else. Keys are ordered so
 * lines diff and grep stably: `type`, then `runId`, then the rest alphabetically,
 * nested objects alphabetically.
 */

import type { RunEvent } from '../run/events.js';
import { drained, type Output, type Reporter } from './output.js';

const LEADING_KEYS = ['type', 'runId'];

export function createJsonReporter(stdout: Output): Reporter {
  return {
    listener: (event) => {
      stdout.write(`${eventToJson(event)}\n`);
    },
    done: () => drained(stdout),
  };
}

export function eventToJson(event: RunEvent): string {
  return JSON.stringify(event, (_key, value: unknown) => (isPlainObject(value) ? ordered(value) : value));
}

function ordered(value: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}

function rank(key: string): number {
  const index = LEADING_KEYS.indexOf(key);
  return index === -1 ? LEADING_KEYS.length : index;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
