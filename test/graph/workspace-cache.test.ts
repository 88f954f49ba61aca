import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESULT_CACHE_FILE } from '../../src/compile/result-cache.js';
import { Workspace } from '../../src/compile/workspace.js';
import { copyExample } from '../support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function compiledFiles(dir: string): Promise<Map<string, string>> {
  const result = (await Workspace.open(dir)).compile();
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.output!.files;
}

describe('the compile result cache in .mlc/', () => {
  it('gives byte-identical output to a compile without it', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const cold = await compiledFiles(dir);
    expect(existsSync(path.join(dir, RESULT_CACHE_FILE))).toBe(true);
    const warm = await compiledFiles(dir);
    expect([...warm.keys()]).toEqual([...cold.keys()]);
    for (const [file, content] of cold) expect(warm.get(file), file).toBe(content);
  });

  it('recompiles a file whose text changed, and survives a damaged cache', async () => {
    const dir = copyExample();
    dirs.push(dir);
    await compiledFiles(dir);
    appendFileSync(path.join(dir, RESULT_CACHE_FILE), '{"k": "cut short');
    const feature = path.join(dir, 'features/customer_features.sql');
    writeFileSync(feature, readFileSync(feature, 'utf8').replace('COUNT(*) as total_transactions', 'COUNT(*) + 0 as total_transactions'));
    const files = await compiledFiles(dir);
    expect(files.get('compiled/embedded/feature/customer_features.sql')).toContain('COUNT(*) + 0 as total_transactions');
    expect(files.get('compiled/snowflake/feature/customer_features.sql')).toContain('COUNT(*) + 0 as total_transactions');
  });

  it("expands a cached SELECT * with the upstream columns of this compile, not the ones it was cached with", async () => {
    const dir = copyExample();
    dirs.push(dir);
    const columnsOfV2 = async (): Promise<string[] | undefined> => {
      const result = (await Workspace.open(dir)).compile();
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return result.graph!.nodes.get('feature.customer_features_v2')!.columns;
    };
    const before = await columnsOfV2();
    expect(before).toContain('daily_spend_rate');
    expect(before).toContain('unique_categories_purchased');
    expect(await columnsOfV2()).toEqual(before);
    const upstream = path.join(dir, 'features/customer_features.sql');
    writeFileSync(upstream, readFileSync(upstream, 'utf8').replace('MAX(amount) as max_transaction_amount,', 'MAX(amount) as max_transaction_amount,\nMIN(amount) as min_transaction_amount,'));
    const after = await columnsOfV2();
    expect(after).toContain('min_transaction_amount');
    expect(after).toHaveLength(before!.length + 1);
  });

  it('reports the same diagnostics from cached analyses', async () => {
    const dir = copyExample();
    dirs.push(dir);
    writeFileSync(path.join(dir, 'features/unnamed.sql'), 'SELECT customer_id,\n  SUM(amount)\nFROM orders\nGROUP BY customer_id\n');
    const first = (await Workspace.open(dir)).compile().diagnostics;
    const second = (await Workspace.open(dir)).compile().diagnostics;
    expect(first.some((d) => d.file === 'features/unnamed.sql' && d.line === 2 && d.col === 3)).toBe(true);
    expect(second).toEqual(first);
  });
});
