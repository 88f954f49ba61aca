/**
 * Every command: its help and a loader. Modules load only when their command runs, so
 * `mlc --help` or `mlc compile` never pay for the UI, the drivers or the learners.
 * To add a command, add one entry here and a module whose default export runs it.
 */

import type { Io, Options } from '../context.js';

export type Command = (options: Options, io: Io, args: string[]) => Promise<number>;

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: string[];
  /** Flags this command takes besides the common ones (see main.ts). */
  flags?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  load: () => Promise<{ default: Command }>;
}

const SELECT = '--select, -s <sel>  nodes: name, +name, name+, tag:x, kind:model (space = union)';
const EXCLUDE = '--exclude <sel>     nodes to leave out';
const TARGET = '--target, -t <name> target from mlc.yml (default: its `target`)';

export const COMMANDS: CommandSpec[] = [
  { name: 'init', summary: 'create a new project from the template', usage: 'mlc init [dir]', options: [], load: () => import('./init.js') },
  {
    name: 'compile',
    summary: 'check the project and write compiled/ (SQL per target and manifest.json)',
    usage: 'mlc compile [--check]',
    options: ['--check            exit 1 and name the stale files when compiled/ is not current; write nothing'],
    load: () => import('./compile.js'),
  },
  {
    name: 'ls',
    summary: 'list the selected nodes in topological order',
    usage: 'mlc ls [--select <sel>] [--exclude <sel>] [--json]',
    options: [SELECT, EXCLUDE, '--json              one JSON object per node'],
    load: () => import('./ls.js'),
  },
  {
    name: 'plan',
    summary: 'show what `mlc run` would do with each node, and why, without building anything',
    usage: 'mlc plan [--target <name>] [--select <sel>] [--full-refresh]',
    options: [TARGET, SELECT, EXCLUDE, '--full-refresh      plan to rebuild every selected node', '--json'],
    load: () => import('./plan.js'),
  },
  {
    name: 'run',
    summary: 'build what changed: features, training sets, models, scores and monitors',
    usage: 'mlc run [--target <name>] [--select <sel>] [--full-refresh] [--threads N]',
    options: [
      TARGET,
      SELECT,
      EXCLUDE,
      '--full-refresh      rebuild every selected node',
      '--retrain           retrain the selected models even when nothing changed',
      '--threads N         nodes built at once (default: mlc.yml `threads`)',
      '--json              NDJSON events on stdout',
      '--quiet             only failures and the summary',
    ],
    load: () => import('./run.js'),
  },
  {
    name: 'schedule',
    summary: 'run the project\'s schedules locally (cron with time zones), or list them',
    usage: 'mlc schedule [--list] [--target <name>]',
    options: [TARGET, '--list              each job, its cron, the nodes it runs and its next run times', '--json'],
    flags: { list: { type: 'boolean' } },
    load: () => import('./schedule.js'),
  },
  {
    name: 'runs',
    summary: 'list past runs: trigger, outcome, duration, node counts',
    usage: 'mlc runs [--last N] [--target <name>]',
    options: [TARGET, '--last N            how many runs (default 20)', '--json'],
    flags: { last: { type: 'string' } },
    load: () => import('./runs.js'),
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of a project file, for editor completion',
    usage: 'mlc schema <project|feature|model|monitor>',
    options: [],
    load: () => import('./schema.js'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
