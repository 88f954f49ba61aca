/** `mlc test`: runs the selected nodes' data tests against their built tables, without rebuilding. */

import { dataTests, testStatement } from '../../compile/data-tests.js';
import { selectNodes } from '../../graph/select.js';
import type { SqlNode } from '../../graph/types.js';
import { testFailure } from '../../run/statements.js';
import { translateToDuckDb } from '../../sql/translate/index.js';
import { createTarget } from '../../targets/index.js';
import { compileWorkspace, targetName, type Io, type Options } from '../context.js';

export default async function testCommand(options: Options, io: Io): Promise<number> {
  const { result } = await compileWorkspace(options, io);
  const { project, graph } = result;
  const nodes = selectNodes(graph, options.select as string | undefined, options.exclude as string | undefined)
    .map((id) => graph.nodes.get(id)!)
    .filter((n): n is SqlNode => n.kind === 'feature' || n.kind === 'dataset');
  const target = createTarget(project, targetName(options, project), io.env);
  const counts = { pass: 0, warn: 0, fail: 0 };
  try {
    const connection = await target.connect();
    try {
      const translate = (sql: string): string => (target.dialect === 'duckdb' ? translateToDuckDb(sql).sql : sql);
      for (const node of nodes) {
        for (const test of dataTests(node, graph, project.config, node.relation, translate)) {
          let outcome: 'pass' | 'warn' | 'fail';
          let message = '';
          try {
            const { rows } = await connection.query(testStatement(test));
            outcome = rows.length === 0 ? 'pass' : test.severity === 'warn' ? 'warn' : 'fail';
            if (rows.length > 0) message = testFailure(test.name, rows);
          } catch (error) {
            outcome = 'fail';
            message = `data test ${test.name} could not run: ${error instanceof Error ? error.message.split('\n')[0]! : String(error)}`;
          }
          counts[outcome]++;
          if (options.json) io.stdout.write(`${JSON.stringify({ node: node.id, test: test.name, severity: test.severity, outcome, message: message || undefined })}\n`);
          else io.stdout.write(`${outcome.padEnd(4)}  ${node.name}  ${outcome === 'pass' ? test.name : message}\n`);
        }
      }
    } finally {
      await connection.close();
    }
  } finally {
    await target.dispose();
  }
  if (!options.json) io.stdout.write(`${counts.pass} passed, ${counts.warn} warned, ${counts.fail} failed\n`);
  return counts.fail > 0 ? 1 : 0;
}
