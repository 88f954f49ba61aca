/** Schedules are checked at compile time: a bad cron or time zone is an error at its location. */

import type { ProjectGraph } from '../graph/build.js';
import type { GraphNode } from '../graph/types.js';
import type { Diagnostic } from '../project/diagnostic.js';
import { closest } from '../project/diagnostic.js';
import { cronProblem } from './cron.js';
import { parseOnAlert } from './on-alert.js';
import { normalizeSchedule, scheduleOf } from './jobs.js';

function locate(node: GraphNode): { line: number; col: number } {
  switch (node.kind) {
    case 'model':
    case 'monitor':
      return node.locate(['schedule']);
    case 'feature':
    case 'dataset': {
      const index = node.feature.text.split('\n').findIndex((line) => /^\s*--\s*schedule\s*:/.test(line));
      const line = node.feature.text.split('\n')[index] ?? '';
      return { line: index + 1, col: line.indexOf('schedule') + 1 };
    }
    default:
      return { line: node.line, col: node.col };
  }
}

/** Schedules and `on_alert` triggers: the automation a project declares. */
export function validateSchedules(graph: ProjectGraph): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const node of graph.nodes.values()) {
    const onAlert = node.kind === 'monitor' ? parseOnAlert(node.spec.on_alert) : undefined;
    if (node.kind === 'monitor' && onAlert?.action === 'retrain' && !graph.nodes.has(`model.${onAlert.model}`)) {
      const models = [...graph.nodes.values()].filter((n) => n.kind === 'model').map((n) => n.name);
      const guess = closest(onAlert.model, models);
      diagnostics.push({
        file: node.file,
        ...node.locate(['on_alert']),
        severity: 'error',
        code: 'unknown-node',
        message: `on_alert retrains unknown model '${onAlert.model}'`,
        hint: guess ? `did you mean 'retrain ${guess}'?` : `models: ${models.join(', ') || 'none'}`,
      });
    }
    const schedule = scheduleOf(node);
    if (!schedule) continue;
    const { cron, timezone } = normalizeSchedule(schedule);
    const problem = cronProblem(cron, timezone);
    if (!problem) continue;
    const badZone = /time ?zone|timezone/i.test(problem) || !isTimeZone(timezone);
    diagnostics.push({
      file: node.file,
      ...locate(node),
      severity: 'error',
      code: 'invalid-schedule',
      message: badZone ? `unknown time zone '${timezone}'` : `invalid cron expression '${cron}': ${problem.replace(/^CronPattern: /, '')}`,
      hint: badZone ? 'use an IANA name such as UTC or Europe/Berlin' : 'five fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * *"',
    });
  }
  return diagnostics;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
