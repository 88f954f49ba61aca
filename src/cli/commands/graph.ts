import { GRAPH_FORMATS, graphText, manifestOf, type GraphFormat } from '../../docs/index.js';
import { selectNodes } from '../../graph/select.js';
import { UserError } from '../../project/user-error.js';
import { compileWorkspace, type Io, type Options } from '../context.js';

export default async function graphCommand(options: Options, io: Io): Promise<number> {
  const format = typeof options.format === 'string' ? options.format : 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new UserError(`unknown graph format '${format}'`, `formats: ${GRAPH_FORMATS.join(', ')}`);
  const { result } = await compileWorkspace(options, io);
  const selected = new Set(selectNodes(result.graph, options.select as string | undefined, options.exclude as string | undefined));
  io.stdout.write(graphText(manifestOf(result.output, result.graph), { format: format as GraphFormat, selected, columns: Boolean(options.columns) }));
  return 0;
}
