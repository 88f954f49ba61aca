/** What every command gets: parsed options, output streams, and a compiled workspace. */

import path from 'node:path';
import { Workspace, type CompileOptions, type CompileResult } from '../compile/workspace.js';
import { DiagnosticError, hasErrors } from '../project/diagnostic.js';
import type { Project } from '../project/load.js';
import { formatDiagnostics } from '../ui/diagnostics.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  color: boolean;
}

export type Options = Record<string, string | boolean | undefined>;

export function targetName(options: Options, project: Project): string {
  return typeof options.target === 'string' ? options.target : project.config.target;
}

export function projectRoot(options: Options): string {
  return path.resolve(typeof options.project === 'string' ? options.project : '.');
}

/** Loads and compiles the project; user errors stop here, before any warehouse is touched. */
export async function compileWorkspace(
  options: Options,
  io: Io,
  compileOptions?: CompileOptions,
): Promise<{ workspace: Workspace; result: Required<Pick<CompileResult, 'project' | 'graph' | 'output'>> & CompileResult }> {
  const workspace = await Workspace.open(projectRoot(options));
  const result = workspace.compile(compileOptions);
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  if (hasErrors(result.diagnostics) || !result.project || !result.graph || !result.output) {
    // The caller that deferred saving gets no workspace to save with.
    workspace.saveResults();
    throw new DiagnosticError(result.diagnostics);
  }
  if (warnings.length > 0) io.stderr.write(`${formatDiagnostics(warnings, { color: io.color })}\n`);
  return { workspace, result: result as Required<Pick<CompileResult, 'project' | 'graph' | 'output'>> & CompileResult };
}
