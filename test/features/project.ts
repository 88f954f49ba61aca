import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes a project into a fresh temporary folder: relative path → content. */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlc-features-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

export { query } from '../support/warehouse.js';

export const SNOWFLAKE_TARGET = `  snowflake:
    type: snowflake
    connection: default
    database: ML
    schema: PUBLIC
    warehouse: ML_WH
`;
