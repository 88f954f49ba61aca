import { readFileSync } from 'node:fs';
import { UserError } from '../../project/user-error.js';
import { registryNames } from '../../registry/tables.js';
import { createPredictor, embeddedDatabase, InputError, readVersion, withReadOnlyDatabase } from '../../serve/index.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

/** `mlc predict <model> [--version N] --input file.json|-`: scores JSON rows with a registered version. */
export default async function predictCommand(options: Options, io: Io, args: string[]): Promise<number> {
  const [model] = args;
  if (!model) throw new UserError('name the model to predict with', 'mlc predict <model> --input rows.json');
  if (typeof options.input !== 'string') throw new UserError('--input is required', 'a JSON file with one object or an array of objects, or - for stdin');
  const versionNumber = typeof options.version === 'string' ? Number.parseInt(options.version.replace(/^v/, ''), 10) : undefined;
  if (versionNumber !== undefined && !(versionNumber > 0)) throw new UserError(`--version must be a version number, got '${String(options.version)}'`);
  const { result } = await compileWorkspace(options, io);
  const project = result.project;
  const text = readFileSync(options.input === '-' ? 0 : options.input, 'utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${options.input === '-' ? 'stdin' : options.input} is not valid JSON: ${(error as Error).message}`);
  }
  const file = embeddedDatabase(project, targetName(options, project));
  const table = registryNames(project.config).table;
  const registered = await withReadOnlyDatabase(file, (connection) =>
    readVersion(connection, table, model, versionNumber === undefined ? { status: 'CHAMPION' } : { versionNumber }),
  );
  if (!registered) {
    throw new UserError(
      versionNumber === undefined ? `model '${model}' has no champion in the registry` : `model '${model}' has no version ${versionNumber}`,
      'list versions with: SELECT * FROM model_versions',
    );
  }
  try {
    const { predictions, batch } = createPredictor(registered).predict(body);
    const head = { model: registered.model, version: registered.version };
    io.stdout.write(`${JSON.stringify(batch ? { ...head, predictions } : { ...head, prediction: predictions[0] }, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) throw new UserError(error.message, `the model's features: ${registered.artifact.features.map((f) => `${f.name} (${f.type})`).join(', ')}`);
    throw error;
  }
}
