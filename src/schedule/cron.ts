/** Cron expressions with a time zone, via croner (DST-aware). */

import { Cron } from 'croner';

export function cronProblem(cron: string, timezone: string): string | undefined {
  try {
    new Cron(cron, { timezone, paused: true }).nextRun();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The first occurrence strictly after `from`. */
export function nextRun(cron: string, timezone: string, from: Date): Date | undefined {
  return new Cron(cron, { timezone, paused: true }).nextRun(from) ?? undefined;
}
