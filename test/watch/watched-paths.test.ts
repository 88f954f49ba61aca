import { describe, expect, it } from 'vitest';
import { isWatchedFile, isWatchedPath } from '../../src/watch/watched-paths.js';

const DATA = new Set(['data/orders.csv', 'raw/2024/actuals.parquet']);

describe('what a watch session listens to', () => {
  it('descends into the project folders and the folders of data files only', () => {
    for (const path of ['', 'features', 'features/sub/a.sql', 'models', 'monitors', 'mlc.yml', 'data', 'raw', 'raw/2024', 'raw/2024/actuals.parquet']) {
      expect(isWatchedPath(path, DATA), path).toBe(true);
    }
    // The database, compiled output and dependencies change on every run: watching them would loop.
    for (const path of ['.mlc', '.mlc/warehouse.duckdb', 'compiled', 'node_modules', 'data/generate.js', 'raw/2023', 'README.md']) {
      expect(isWatchedPath(path, DATA), path).toBe(false);
    }
  });

  it('reacts to project files and data files, not to editor leftovers beside them', () => {
    expect(isWatchedFile('features/a.sql', DATA)).toBe(true);
    expect(isWatchedFile('models/m.yaml', DATA)).toBe(true);
    expect(isWatchedFile('data/orders.csv', DATA)).toBe(true);
    expect(isWatchedFile('features/.a.sql.swp', DATA)).toBe(false);
    expect(isWatchedFile('features/a.sql~', DATA)).toBe(false);
    expect(isWatchedFile('data/other.csv', DATA)).toBe(false);
  });
});
