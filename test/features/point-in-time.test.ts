import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mlc } from '../support/cli.js';
import { query, SNOWFLAKE_TARGET, writeProject } from './project.js';

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const START = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

interface FeatureRow {
  customer: number;
  at: number;
  spend: number;
  visits: number;
}

const CUSTOMERS = 400;
const SPINE_ROWS = 12_000;
const next = random(7);
const history: FeatureRow[] = [];
for (let customer = 1; customer <= CUSTOMERS; customer++) {
  // Feature values change on a few distinct hours of January for each customer.
  const hours = new Set<number>();
  while (hours.size < 6) hours.add(Math.floor(next() * 31 * 24));
  for (const hour of hours) history.push({ customer, at: START + hour * HOUR, spend: Math.round(next() * 100_000) / 100, visits: Math.floor(next() * 50) });
}
const spine: { customer: number; at: number; label: number }[] = [];
for (let i = 0; i < SPINE_ROWS; i++) {
  const customer = 1 + Math.floor(next() * CUSTOMERS);
  const own = history.filter((h) => h.customer === customer);
  // Some events fall exactly on a feature change, some before any value exists, most in between.
  const at = i % 10 === 0 ? own[Math.floor(next() * own.length)]!.at : START + Math.floor((next() * 40 - 5) * 24) * HOUR + Math.floor(next() * 60) * 60_000;
  spine.push({ customer, at, label: next() < 0.3 ? 1 : 0 });
}

/** For each event, the latest feature row at or before it: the brute-force answer. */
function asOf(customer: number, at: number): FeatureRow | undefined {
  let best: FeatureRow | undefined;
  for (const h of history) if (h.customer === customer && h.at <= at && (!best || h.at > best.at)) best = h;
  return best;
}

describe('point-in-time training sets', () => {
  const dir = writeProject({
    'mlc.yml': `name: pit
targets:
  embedded:
    type: duckdb
${SNOWFLAKE_TARGET}entities:
  customer:
    join_keys: [customer_id]
sources:
  feature_history:
    file: data/feature_history.csv
    columns: [customer_id, as_of, spend, visits]
  events:
    file: data/events.csv
    columns: [customer_id, event_time, label]
`,
    'data/feature_history.csv': `customer_id,as_of,spend,visits\n${history.map((h) => `${h.customer},${stamp(h.at)},${h.spend},${h.visits}`).join('\n')}\n`,
    'data/events.csv': `customer_id,event_time,label\n${spine.map((s) => `${s.customer},${stamp(s.at)},${s.label}`).join('\n')}\n`,
    'features/customer_daily.sql': `-- entity: customer
-- timestamp: as_of

SELECT customer_id, as_of, spend, visits FROM feature_history
`,
    'features/training_events.sql': `-- kind: dataset
-- entity: customer
-- timestamp: event_time
-- features:
--   - { from: customer_daily, columns: [spend, visits] }

SELECT customer_id, event_time, label FROM events
`,
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every joined value is the latest one at or before the event, row by row against brute force', async () => {
    const run = mlc(['run'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = await query(dir, 'SELECT customer_id, CAST(event_time AS VARCHAR) AS event_time, label, spend, visits FROM training_events');
    expect(rows).toHaveLength(SPINE_ROWS);
    const expected = new Map<string, number>();
    for (const s of spine) {
      const key = `${s.customer}|${stamp(s.at)}|${s.label}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    let matched = 0;
    let missing = 0;
    for (const row of rows) {
      const at = Date.parse(`${String(row.event_time).replace(' ', 'T')}Z`);
      const want = asOf(Number(row.customer_id), at);
      expect({ spend: row.spend, visits: row.visits === null ? null : Number(row.visits) }, `${String(row.customer_id)} at ${String(row.event_time)}`).toEqual(
        want ? { spend: want.spend, visits: want.visits } : { spend: null, visits: null },
      );
      const key = `${String(row.customer_id)}|${String(row.event_time)}|${String(row.label)}`;
      expected.set(key, (expected.get(key) ?? 0) - 1);
      if (want) matched++;
      else missing++;
    }
    // Every spine row comes out exactly once, and both cases (a value, none yet) occur.
    expect([...expected.values()].every((n) => n === 0)).toBe(true);
    expect(matched).toBeGreaterThan(SPINE_ROWS / 2);
    expect(missing).toBeGreaterThan(0);
  });

  test('the Snowflake form is an ASOF JOIN with MATCH_CONDITION on the entity key', () => {
    expect(mlc(['compile'], dir).status).toBe(0);
    const sql = readFileSync(path.join(dir, 'compiled/snowflake/dataset/training_events.sql'), 'utf8');
    expect(sql).toContain('ASOF JOIN feature_store.customer_daily f1 MATCH_CONDITION(spine.event_time >= f1.as_of) ON spine.customer_id = f1.customer_id');
    expect(readFileSync(path.join(dir, 'compiled/embedded/dataset/training_events.sql'), 'utf8')).toContain('ASOF LEFT JOIN');
  });

  test('joining a feature without a timestamp column is a compile error naming it', () => {
    const broken = writeProject({
      'mlc.yml': 'name: pit\nentities:\n  customer:\n    join_keys: [customer_id]\nsources:\n  events:\n    columns: [customer_id, event_time, label]\n',
      'features/static.sql': '-- entity: customer\n\nSELECT customer_id, COUNT(*) AS n FROM events GROUP BY customer_id\n',
      'features/spine.sql': '-- kind: dataset\n-- entity: customer\n-- timestamp: event_time\n-- features:\n--   - { from: static, columns: [n] }\n\nSELECT * FROM events\n',
    });
    const compile = mlc(['compile'], broken);
    rmSync(broken, { recursive: true, force: true });
    expect(compile.status).toBe(1);
    expect(compile.stderr).toContain('features/spine.sql:5:1: error: static has no timestamp column, so it cannot be joined as of an event time');
  });
});
