/** Help text for every command. */

export const COMMANDS: Record<string, { summary: string; usage: string; options: string[] }> = {
  init: {
    summary: 'create a new project from the template',
    usage: 'mlc init [dir]',
    options: [],
  },
  compile: {
    summary: 'check the project and write compiled/ (SQL per target and manifest.json)',
    usage: 'mlc compile [--check]',
    options: ['--check            exit 1 and name the stale files when compiled/ is not current; write nothing'],
  },
  ls: {
    summary: 'list the selected nodes in topological order',
    usage: 'mlc ls [--select <sel>] [--exclude <sel>]',
    options: ['--select, -s <sel>  nodes: name, +name, name+, tag:x, kind:model (space = union)', '--exclude <sel>     nodes to leave out'],
  },
  plan: {
    summary: 'show what `mlc run` would do with each node, and why, without writing anything',
    usage: 'mlc plan [--target <name>] [--select <sel>] [--full-refresh]',
    options: ['--target, -t <name> target from mlc.yml (default: its `target`)', '--select, -s <sel>', '--exclude <sel>', '--full-refresh'],
  },
  run: {
    summary: 'build what changed: features, training sets, models, scores and monitors',
    usage: 'mlc run [--target <name>] [--select <sel>] [--full-refresh] [--threads N]',
    options: [
      '--target, -t <name> target from mlc.yml (default: its `target`)',
      '--select, -s <sel>  only these nodes',
      '--exclude <sel>     leave these nodes out',
      '--full-refresh      rebuild every selected node',
      '--retrain           retrain the selected models even when nothing changed',
      '--threads N         nodes built at once (default: mlc.yml `threads`)',
      '--json              NDJSON events on stdout',
      '--quiet             only failures and the summary',
    ],
  },
  schema: {
    summary: 'print the JSON Schema of a project file, for editor completion',
    usage: 'mlc schema <project|feature|model|monitor>',
    options: [],
  },
};

export function commandHelp(name: string): string {
  const command = COMMANDS[name]!;
  const options = command.options.length > 0 ? `\n\nOptions:\n${command.options.map((o) => `  ${o}`).join('\n')}` : '';
  return `${command.usage}\n\n${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.${options}\n  --project, -p <dir> the project folder (default: the current folder)\n  --help, -h         this help\n`;
}

export function mainHelp(version: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `mlc ${version}: machine learning in the warehouse, compiled like dbt.\n\nUsage: mlc <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`mlc <command> --help\` for a command's options.\nExit codes: 0 ok, 1 user error or failed node, 2 internal error.\n`;
}
