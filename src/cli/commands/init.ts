import { existsSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Io, Options } from '../context.js';
import { UserError } from '../../project/user-error.js';
import { packageRoot } from '../package-root.js';

const TEMPLATE = path.join(packageRoot(), 'project-template');

export default async function initCommand(_options: Options, io: Io, args: string[]): Promise<number> {
  const dir = path.resolve(args[0] ?? '.');
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    throw new UserError(`${dir} is not empty`, 'choose a new folder: mlc init <dir>');
  }
  await cp(TEMPLATE, dir, { recursive: true });
  const shown = path.relative(process.cwd(), dir) || '.';
  io.stdout.write(`created a project in ${shown}\n\n  cd ${shown}\n  mlc run\n`);
  return 0;
}
