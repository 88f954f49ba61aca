/** The `mlc` command line: parses arguments, runs a command, maps errors to exit codes. */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DiagnosticError } from '../project/diagnostic.js';
import { UserError } from '../project/user-error.js';
import { formatDiagnostics } from '../ui/diagnostics.js';
import { colorEnabled } from '../ui/mode.js';
import { COMMANDS, findCommand } from './commands/index.js';
import type { Io, Options } from './context.js';
import { commandHelp, mainHelp } from './help.js';
import { packageRoot } from './package-root.js';

/** Flags every command understands; a command adds its own in its CommandSpec. */
const COMMON: NonNullable<ParseArgsConfig['options']> = {
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
};

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
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
  const name = argv.find((a) => !a.startsWith('-'));
  const spec = name ? findCommand(name) : undefined;
  if (name && !spec) return fail(`unknown command '${name}'`, `commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON, ...spec?.flags }, allowPositionals: true, strict: true });
  } catch (error) {
    return fail((error as Error).message.split('\n')[0]!, `see \`mlc ${name ?? ''} --help\``.replace('  ', ' '));
  }
  const options = parsed.values as Options;
  const args = parsed.positionals.slice(1);
  if (options.version === true) {
    stdout.write(`${version()}\n`);
    return 0;
  }
  if (!spec) {
    stdout.write(mainHelp(version()));
    return options.help ? 0 : 1;
  }
  if (options.help) {
    stdout.write(commandHelp(spec));
    return 0;
  }
  try {
    const command = (await spec.load()).default;
    return await command(options, context, args);
  } catch (error) {
    if (error instanceof DiagnosticError) {
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
      stderr.write(`${formatDiagnostics(error.diagnostics, { color })}\n`);
      stderr.write(`${errors} error${errors === 1 ? '' : 's'}; nothing was run.\n`);
      return 1;
    }
    if (error instanceof UserError) return fail(error.message, error.hint);
    stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
