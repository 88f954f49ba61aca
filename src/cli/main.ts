/** The `mlc` command line: parses arguments, runs a command, maps errors to exit codes. */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SelectionError } from '../graph/select.js';
import { DiagnosticError } from '../project/diagnostic.js';
import { DatabaseLockedError } from '../targets/duckdb/index.js';
import { UnknownTargetError } from '../targets/index.js';
import { SnowflakeConfigError, SnowflakeConnectionError, SnowflakeLoginError } from '../targets/snowflake/index.js';
import { colorEnabled, formatDiagnostics } from '../ui/index.js';
import { compileCommand } from './commands/compile.js';
import { initCommand } from './commands/init.js';
import { lsCommand } from './commands/ls.js';
import { planCommand } from './commands/plan.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import type { Io, Options } from './context.js';
import { COMMANDS, commandHelp, mainHelp } from './help.js';
import { UsageError } from './usage-error.js';

type Command = (options: Options, io: Io, args: string[]) => Promise<number>;

const HANDLERS: Record<string, Command> = {
  init: initCommand,
  compile: compileCommand,
  ls: lsCommand,
  plan: planCommand,
  run: runCommand,
  schema: schemaCommand,
};

const OPTIONS = {
  project: { type: 'string', short: 'p' },
  target: { type: 'string', short: 't' },
  select: { type: 'string', short: 's' },
  exclude: { type: 'string' },
  threads: { type: 'string' },
  'full-refresh': { type: 'boolean' },
  retrain: { type: 'boolean' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io?: Partial<Io>): Promise<number> {
  const stdout = io?.stdout ?? process.stdout;
  const stderr = io?.stderr ?? process.stderr;
  const env = io?.env ?? process.env;
  const color = io?.color ?? colorEnabled({ isTTY: Boolean((stderr as { isTTY?: boolean }).isTTY), env });
  const context: Io = { stdout, stderr, env, color };
  const fail = (message: string, hint?: string): number => {
    stderr.write(`error: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`);
    return 1;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return fail((error as Error).message.split('\n')[0]!, 'see `mlc --help`');
  }
  const [command, ...args] = parsed.positionals;
  const options = parsed.values as Options;
  if (options.version) {
    stdout.write(`${version()}\n`);
    return 0;
  }
  if (!command) {
    stdout.write(mainHelp(version()));
    return options.help ? 0 : 1;
  }
  const handler = HANDLERS[command];
  if (!handler || !COMMANDS[command]) return fail(`unknown command '${command}'`, `commands: ${Object.keys(HANDLERS).join(', ')}`);
  if (options.help) {
    stdout.write(commandHelp(command));
    return 0;
  }
  try {
    return await handler(options, context, args);
  } catch (error) {
    if (error instanceof DiagnosticError) {
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
      stderr.write(`${formatDiagnostics(error.diagnostics, { color })}\n`);
      stderr.write(`${errors} error${errors === 1 ? '' : 's'}; nothing was run.\n`);
      return 1;
    }
    if (error instanceof SelectionError || error instanceof UsageError) return fail(error.message, error.hint);
    if (error instanceof UnknownTargetError) return fail(error.message, `targets in mlc.yml: ${error.known.join(', ')}`);
    if (error instanceof DatabaseLockedError) return fail(error.message, 'wait for the other run to finish, then run again');
    if (error instanceof SnowflakeConfigError || error instanceof SnowflakeLoginError || error instanceof SnowflakeConnectionError) {
      return fail(error.message);
    }
    stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
