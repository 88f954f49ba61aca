/**
 * Reads a project folder into memory. Loading never touches a warehouse; every problem
 * becomes a located diagnostic, and all of a load's problems are reported together.
 */

import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { parseFeatureFile, type FeatureFile } from './feature-file.js';
import { identifierProblem } from './identifiers.js';
import { modelSchema, monitorSchema, projectSchema, type ModelSpec, type MonitorSpec, type ProjectConfig } from './schema.js';
import { parseYaml } from './yaml.js';

export type Locate = (path: (string | number)[]) => { line: number; col: number };

export interface SpecFile<T> {
  file: string;
  name: string;
  spec: T;
  locate: Locate;
}

export interface Project {
  /** Absolute path of the project folder. */
  root: string;
  config: ProjectConfig;
  locateConfig: Locate;
  features: FeatureFile[];
  models: SpecFile<ModelSpec>[];
  monitors: SpecFile<MonitorSpec>[];
  /**
   * Lower-cased names of files that failed to load, per group: their errors are already
   * reported, so references to them are not reported again as unknown.
   */
  broken: { tables: Set<string>; models: Set<string> };
}

export const PROJECT_FILE = 'mlc.yml';

/** One file of a project, parsed on its own (the unit of incremental reloading). */
export type ParsedFile =
  | { kind: 'config'; file: string; config?: ProjectConfig; locate: Locate; diagnostics: Diagnostic[] }
  | { kind: 'feature'; file: string; feature?: FeatureFile; diagnostics: Diagnostic[] }
  | { kind: 'model'; file: string; model?: SpecFile<ModelSpec>; diagnostics: Diagnostic[] }
  | { kind: 'monitor'; file: string; monitor?: SpecFile<MonitorSpec>; diagnostics: Diagnostic[] };

/** Which kind of project file a relative path is, if any. */
export function fileKind(file: string): ParsedFile['kind'] | undefined {
  if (file === PROJECT_FILE) return 'config';
  // Prefix and suffix tests, not a split and a pattern: this runs for every file, twice.
  if (file.startsWith('features/')) return file.endsWith('.sql') ? 'feature' : undefined;
  const yaml = file.endsWith('.yml') || file.endsWith('.yaml');
  if (file.startsWith('models/')) return yaml ? 'model' : undefined;
  if (file.startsWith('monitors/')) return yaml ? 'monitor' : undefined;
  return undefined;
}

function stem(file: string): string {
  return path.posix.basename(file).replace(/\.(sql|ya?ml)$/, '');
}

function nameDiagnostic(file: string, name: string): Diagnostic[] {
  const problem = identifierProblem(name);
  if (!problem) return [];
  return [
    {
      file,
      line: 1,
      col: 1,
      severity: 'error',
      code: 'invalid-name',
      message: `invalid node name: ${problem}`,
      hint: 'the file name is the table name: rename the file to a valid identifier (e.g. customer_orders.sql)',
    },
  ];
}

export function parseFile(file: string, text: string): ParsedFile {
  const kind = fileKind(file);
  const name = stem(file);
  switch (kind) {
    case 'config': {
      const parsed = parseYaml(text, projectSchema, file);
      return { kind, file, config: parsed.value, locate: parsed.locate, diagnostics: parsed.diagnostics };
    }
    case 'feature': {
      const named = nameDiagnostic(file, name);
      if (named.length > 0) return { kind, file, diagnostics: named };
      const parsed = parseFeatureFile(file, name, text);
      return { kind, file, feature: parsed.feature, diagnostics: parsed.diagnostics };
    }
    case 'model':
    case 'monitor': {
      const named = nameDiagnostic(file, name);
      if (named.length > 0) return { kind, file, diagnostics: named };
      if (kind === 'model') {
        const parsed = parseYaml(text, modelSchema, file);
        const model = parsed.value && { file, name, spec: parsed.value, locate: parsed.locate };
        return { kind, file, model, diagnostics: parsed.diagnostics };
      }
      const parsed = parseYaml(text, monitorSchema, file);
      const monitor = parsed.value && { file, name, spec: parsed.value, locate: parsed.locate };
      return { kind, file, monitor, diagnostics: parsed.diagnostics };
    }
    default:
      throw new Error(`not a project file: ${file}`);
  }
}

/** Every project file below the root, as sorted relative paths with forward slashes. */
export async function listProjectFiles(root: string): Promise<string[]> {
  const files: string[] = existsSync(path.join(root, PROJECT_FILE)) ? [PROJECT_FILE] : [];
  for (const dir of ['features', 'models', 'monitors']) {
    const absolute = path.join(root, dir);
    if (!existsSync(absolute)) continue;
    const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      // Most files sit directly in the folder: their relative path needs no path arithmetic.
      const relative =
        entry.parentPath === absolute
          ? `${dir}/${entry.name}`
          : path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (fileKind(relative)) files.push(relative);
    }
  }
  return files.sort();
}

/**
 * Synchronous reading: for thousands of small files it is several times faster than
 * fs/promises. In the working folder (the usual case) the path is opened as given: the
 * kernel then walks only its own parts.
 */
export function readProjectFile(root: string, file: string): ParsedFile {
  return parseFile(file, readText(root === process.cwd() ? file : path.join(root, file)));
}

/** One buffer for every read: project files are small, and each is read once. */
const readBuffer = Buffer.allocUnsafe(1 << 16);

/**
 * A file's text in three system calls (open, one read, close) where readFileSync makes
 * four, reading until it sees the end: a project holds thousands of files.
 */
function readText(absolute: string): string {
  const fd = openSync(absolute, 'r');
  try {
    const size = readSync(fd, readBuffer, 0, readBuffer.length, 0);
    if (size < readBuffer.length) return readBuffer.toString('utf8', 0, size);
  } finally {
    closeSync(fd);
  }
  return readFileSync(absolute, 'utf8');
}

/** Assembles parsed files into a project, checking what spans files (missing config, duplicate names). */
export function assemble(root: string, files: Iterable<ParsedFile>): { project?: Project; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let config: ParsedFile & { kind: 'config' } | undefined;
  const features: FeatureFile[] = [];
  const models: SpecFile<ModelSpec>[] = [];
  const monitors: SpecFile<MonitorSpec>[] = [];
  const seen = new Map<string, string>();
  const broken = { tables: new Set<string>(), models: new Set<string>() };
  const sorted = [...files];
  // Loaded files come sorted already: checking is one pass, sorting many comparator calls.
  if (sorted.some((f, k) => k > 0 && sorted[k - 1]!.file > f.file)) sorted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const parsed of sorted) {
    if (parsed.diagnostics.length > 0) diagnostics.push(...parsed.diagnostics);
    const claim = (group: string, name: string): boolean => {
      const key = `${group}:${name.toLowerCase()}`;
      const other = seen.get(key);
      if (other) {
        diagnostics.push({
          file: parsed.file,
          line: 1,
          col: 1,
          severity: 'error',
          code: 'duplicate-name',
          message: `duplicate name '${name}': ${other} already defines it`,
          hint: 'names are case-insensitive and unique per kind: rename one of the files',
        });
        return false;
      }
      seen.set(key, parsed.file);
      return true;
    };
    if (parsed.kind === 'feature' && !parsed.feature) broken.tables.add(stem(parsed.file).toLowerCase());
    if (parsed.kind === 'model' && !parsed.model) broken.models.add(stem(parsed.file).toLowerCase());
    if (parsed.kind === 'config') config = parsed;
    else if (parsed.kind === 'feature' && parsed.feature && claim('table', parsed.feature.name)) features.push(parsed.feature);
    else if (parsed.kind === 'model' && parsed.model && claim('model', parsed.model.name)) models.push(parsed.model);
    else if (parsed.kind === 'monitor' && parsed.monitor && claim('monitor', parsed.monitor.name)) monitors.push(parsed.monitor);
  }
  if (!config) {
    diagnostics.unshift({
      file: PROJECT_FILE,
      line: 1,
      col: 1,
      severity: 'error',
      code: 'missing-project-file',
      message: `no ${PROJECT_FILE} in ${root}`,
      hint: 'run mlc in a project folder, pass --project <dir>, or create one with `mlc init <dir>`',
    });
    return { diagnostics };
  }
  if (!config.config) return { diagnostics };
  return {
    project: { root, config: config.config, locateConfig: config.locate, features, models, monitors, broken },
    diagnostics,
  };
}

export async function loadProject(root: string): Promise<{ project?: Project; diagnostics: Diagnostic[] }> {
  const files = await listProjectFiles(root);
  const parsed = files.map((file) => readProjectFile(root, file));
  return assemble(root, parsed);
}
