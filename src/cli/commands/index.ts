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
      '--watch             keep watching and re-run what each save changes (as `mlc dev`)',
      '--wait <seconds>    wait this long for another run holding the embedded database (default 10)',
    ],
    flags: { watch: { type: 'boolean', short: 'w' }, wait: { type: 'string' } },
    load: () => import('./run.js'),
  },
  {
    name: 'test',
    summary: 'run the data tests of the selected features and datasets against their built tables',
    usage: 'mlc test [--target <name>] [--select <sel>] [--json]',
    options: [TARGET, SELECT, EXCLUDE, '--json              one JSON object per test'],
    load: () => import('./test.js'),
  },
  {
    name: 'dev',
    summary: 'watch mode: run, then rebuild what each saved .sql/.yml or data file changes, until Ctrl-C',
    usage: 'mlc dev [--target <name>] [--select <sel>] [--threads N] [--json]',
    options: [TARGET, SELECT, EXCLUDE, '--threads N         nodes built at once (default: mlc.yml `threads`)', '--json              NDJSON events on stdout, every run'],
    load: () => import('./dev.js'),
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
    name: 'models',
    summary: 'list, show, promote, roll back or archive the registered model versions',
    usage: 'mlc models [list [model] | show <model> [version] | promote <model> <version> | rollback <model> | archive <model> <version>]',
    options: [TARGET, '--json              machine-readable output'],
    load: () => import('./models.js'),
  },
  {
    name: 'graph',
    summary: 'print the DAG (or a selection) as Mermaid, DOT or JSON, optionally with column lineage',
    usage: 'mlc graph [--format mermaid|dot|json] [--columns] [--select <sel>] [--exclude <sel>]',
    options: [SELECT, EXCLUDE, '--format <f>        mermaid (default), dot or json', '--columns           add column-level lineage edges from the SQL'],
    flags: { format: { type: 'string' }, columns: { type: 'boolean' } },
    load: () => import('./graph.js'),
  },
  {
    name: 'docs',
    summary: 'build a static, offline docs site (graph, lineage, model cards), or serve it on 127.0.0.1',
    usage: 'mlc docs build [--out dir] | mlc docs serve [--port N] [--out dir]',
    options: [TARGET, '--out <dir>         where the site goes (default .mlc/docs)', '--port N            serve on this port (default 8580; 0 = any free port)'],
    flags: { out: { type: 'string' }, port: { type: 'string' } },
    load: () => import('./docs.js'),
  },
  {
    name: 'monitor',
    summary: 'run the monitors and summarize performance trends, drift, data quality and alerts',
    usage: 'mlc monitor [name] [--fail-on-alert] [--target <name>]',
    options: [TARGET, '--fail-on-alert     exit 1 when an error-level threshold is breached'],
    flags: { 'fail-on-alert': { type: 'boolean' } },
    load: () => import('./monitor.js'),
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of a project file, for editor completion',
    usage: 'mlc schema <project|feature|model|monitor>',
    options: [],
    load: () => import('./schema.js'),
  },
  {
    name: 'predict',
    summary: 'score JSON rows with a registered model version (embedded target)',
    usage: 'mlc predict <model> [--version N] --input file.json|-',
    options: ['--input <file|->     one JSON object or an array of objects; - reads stdin', '--version N         a registered version (default: the champion)'],
    flags: { input: { type: 'string' }, version: { type: 'string' } },
    load: () => import('./predict.js'),
  },
  {
    name: 'serve',
    summary: 'serve every champion over HTTP: POST /v1/models/{name}/predict, GET /v1/models, GET /healthz',
    usage: 'mlc serve [--port N] [--host H] [--workers N]',
    options: ['--port N            default 8080', '--host H            default 127.0.0.1', '--workers N         processes sharing the port (default 1)'],
    flags: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' } },
    load: () => import('./serve.js'),
  },
  {
    name: 'ab',
    summary: 'compare champion and challenger on actuals, with significance tests',
    usage: 'mlc ab report <model> [--json]',
    options: ['--json              the report as one JSON object'],
    load: () => import('./ab.js'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
