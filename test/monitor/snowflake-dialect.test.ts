import { describe, expect, it } from 'vitest';
import { driftSql, monitorStatements, performanceSql, predictionDriftSql, qualitySql } from '../../src/monitor/index.js';
import type { DriftMethod, DriftReference } from '../../src/monitor/index.js';
import { significant, tokenize } from '../../src/sql/tokenize.js';

/*
 * Every function the Snowflake SQL calls, each checked against Snowflake's function
 * reference (docs.snowflake.com/en/sql-reference/functions-all). A new function in the
 * generated SQL fails this test until it is checked and added.
 */
const SNOWFLAKE_FUNCTIONS = new Set([
  'ABS', 'AVG', 'CAST', 'COALESCE', 'COUNT', 'DATE_TRUNC', 'FLOOR', 'GREATEST', 'HASH', 'LAG', 'LEAD', 'LEAST', 'LN',
  'MAX', 'MIN', 'MOD', 'NULLIF', 'ROUND', 'ROW_NUMBER', 'SQRT', 'SUM',
]);

/** Words that may precede a parenthesis without being a function call. */
const KEYWORDS = new Set(['AS', 'SELECT', 'IN', 'FROM', 'OVER', 'AND', 'OR', 'NOT', 'ON', 'JOIN', 'THEN', 'ELSE', 'WHEN', 'WHERE', 'EXISTS']);

function functionsCalled(sql: string): Set<string> {
  const tokens = significant(tokenize(sql));
  const called = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind === 'word' && tokens[i + 1]?.text === '(' && !KEYWORDS.has(t.text.toUpperCase())) called.add(t.text.toUpperCase());
  });
  return called;
}

const sample = { from: 'analytics.customer_features' };
const current = { from: 'analytics.customer_features_today', where: "region <> 'it''s'", period: { column: 'updated_at' } };

const queries: Record<string, string> = {
  ...Object.fromEntries(
    (['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift', 'chi_square'] as DriftMethod[]).map((m) => [
      `drift ${m}`,
      driftSql({ dialect: 'snowflake', reference: sample, current, numeric: ['total_spend'], categorical: ['region'], methods: [m] }),
    ]),
  ),
  quality: qualitySql({ dialect: 'snowflake', reference: sample, current, numeric: ['total_spend'], categorical: ['region'] }),
  'prediction drift': predictionDriftSql({ dialect: 'snowflake', reference: sample, current, score: 'p_high_value' }),
  classification: performanceSql({
    dialect: 'snowflake',
    modelName: 'customer_classification',
    task: 'classification',
    scores: { from: 'customer_scores', key: 'customer_id', score: 'p_high_value', at: 'scored_at', version: 'model_version', variant: 'ab_group' },
    actuals: { from: 'actual_results', key: 'customer_id', label: 'actual', at: 'outcome_date' },
    positive: 'HIGH_VALUE',
  }),
  regression: performanceSql({
    dialect: 'snowflake',
    modelName: 'spend',
    task: 'regression',
    scores: { from: 'spend_scores', key: 'customer_id', score: 'predicted', at: 'scored_at' },
    actuals: { from: 'spend_actuals', key: 'customer_id', label: 'observed' },
  }),
};

/** A monitor's inserts, without their `INSERT INTO table (columns)` heads (a table name before a parenthesis is no call). */
function monitorQueries(reference: DriftReference, share?: number): string {
  const statements = monitorStatements({
    dialect: 'snowflake',
    monitor: "it's",
    modelName: 'customer_classification',
    performanceTable: 'model_monitoring',
    tables: { drift: 'feature_drift', quality: 'data_quality', alerts: 'alerts' },
    scored: { from: 'customer_scores', at: 'scored_at' },
    grain: 'day',
    drift: {
      numeric: ['total_spend'],
      categorical: ['region'],
      methods: ['psi', 'ks', 'mean_shift', 'chi_square'],
      thresholds: { psi: 0.3 },
      reference,
      windowDays: 7,
      predictions: true,
      sample: share,
      key: 'customer_id',
      severity: 'error',
    },
    quality: { numeric: ['total_spend'], categorical: ['region'], thresholds: {}, reference: sample, severity: 'warning' },
    performanceAlerts: [
      { metric: 'accuracy', bound: 'drop', threshold: 0.05 },
      { metric: 'auc_roc', bound: 'min', threshold: 0.7 },
    ],
    performanceSeverity: 'error',
  });
  return statements
    .filter((sql) => sql.startsWith('INSERT'))
    .map((sql) => sql.slice(sql.indexOf('\n') + 1))
    .join(';\n');
}

queries['monitor, training reference'] = monitorQueries({ kind: 'training', features: sample, scores: { from: 'training_scores' } });
queries['monitor, rolling reference'] = monitorQueries({ kind: 'rolling' });
queries['monitor, fixed reference'] = monitorQueries({ kind: 'fixed', start: '2025-01-01', end: '2025-01-31' });
queries['monitor, sampled drift'] = monitorQueries({ kind: 'training', features: sample, scores: { from: 'training_scores' } }, 0.02);

describe('Snowflake dialect', () => {
  it.each(Object.entries(queries))('%s uses only functions Snowflake has', (_, sql) => {
    const unknown = [...functionsCalled(sql)].filter((f) => !SNOWFLAKE_FUNCTIONS.has(f));
    expect(unknown).toEqual([]);
  });

  it.each(Object.entries(queries))('%s has no DuckDB-only syntax', (_, sql) => {
    expect(sql).not.toMatch(/MATERIALIZED|::|\bFILTER\s*\(|\/\/|\bWINDOW\s+\w+\s+AS\b/i);
  });

  it('computes each requested method and no other', () => {
    for (const m of ['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift', 'chi_square'] as const) {
      const sql = queries[`drift ${m}`]!;
      expect(sql).toContain(`'${m}' AS method`);
      const others = ['psi', 'ks', 'jensen_shannon', 'wasserstein', 'mean_shift', 'chi_square'].filter((o) => o !== m);
      for (const o of others) expect(sql).not.toContain(`'${o}' AS method`);
    }
  });

  it('escapes backslashes in string literals, which Snowflake reads as escapes', () => {
    const sql = driftSql({ dialect: 'snowflake', reference: sample, current, numeric: ['"a\\b"'], methods: ['ks'] });
    expect(sql).toContain("'\"a\\\\b\"' AS feature");
    const duck = driftSql({ dialect: 'duckdb', reference: sample, current, numeric: ['"a\\b"'], methods: ['ks'] });
    expect(duck).toContain("'\"a\\b\"' AS feature");
  });
});
