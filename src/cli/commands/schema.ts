import { z } from 'zod';
import { featureConfigSchema, modelSchema, monitorSchema, projectSchema } from '../../project/schema.js';
import type { Io, Options } from '../context.js';
import { UserError } from '../../project/user-error.js';

const SCHEMAS = { project: projectSchema, feature: featureConfigSchema, model: modelSchema, monitor: monitorSchema };

export default async function schemaCommand(_options: Options, io: Io, args: string[]): Promise<number> {
  const name = args[0] as keyof typeof SCHEMAS | undefined;
  if (!name || !(name in SCHEMAS)) throw new UserError(`mlc schema needs one of: ${Object.keys(SCHEMAS).join(', ')}`, 'e.g. mlc schema model > model.schema.json');
  io.stdout.write(`${JSON.stringify(z.toJSONSchema(SCHEMAS[name], { io: 'input' }), null, 2)}\n`);
  return 0;
}
