import { selectNodes } from '../../graph/select.js';
import { compileWorkspace, type Io, type Options } from '../context.js';

export default async function lsCommand(options: Options, io: Io): Promise<number> {
  const { result } = await compileWorkspace(options, io);
  const graph = result.graph;
  const ids = selectNodes(graph, options.select as string | undefined, options.exclude as string | undefined);
  if (options.json) {
    for (const id of ids) {
      const node = graph.nodes.get(id)!;
      io.stdout.write(`${JSON.stringify({ id, kind: node.kind, name: node.name, file: node.file, layer: graph.layers.get(id) })}\n`);
    }
    return 0;
  }
  const width = Math.max(0, ...ids.map((id) => graph.nodes.get(id)!.kind.length));
  for (const id of ids) {
    const node = graph.nodes.get(id)!;
    io.stdout.write(`${node.kind.padEnd(width)}  ${node.name}  (${node.file})\n`);
  }
  return 0;
}
