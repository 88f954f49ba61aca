/** Help text for every command. */

import { COMMANDS, type CommandSpec } from './commands/index.js';

export function commandHelp(command: CommandSpec): string {
  const options = command.options.length > 0 ? `\n\nOptions:\n${command.options.map((o) => `  ${o}`).join('\n')}` : '\n\nOptions:';
  return `${command.usage}\n\n${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.${options}\n  --project, -p <dir> the project folder (default: the current folder)\n  --help, -h         this help\n`;
}

export function mainHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `mlc ${version}: machine learning in the warehouse, compiled like dbt.\n\nUsage: mlc <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`mlc <command> --help\` for a command's options.\nExit codes: 0 ok, 1 user error or failed node, 2 internal error.\n`;
}
