import { describe, expect, it } from 'vitest';
import type { Relation } from '../../src/graph/node.js';
import { analyzeQuery, type ColumnSource, type QueryAnalysis } from '../../src/sql/index.js';

const CUSTOMER_FEATURES = `SELECT
customer_id,
COUNT(*) as total_transactions,
SUM(amount) as total_spend,
AVG(amount) as avg_transaction_amount,
MAX(amount) as max_transaction_amount,
DATEDIFF('day', MIN(order_date), CURRENT_DATE()) as customer_tenure_days,
DATEDIFF('day', MAX(order_date), CURRENT_DATE()) as days_since_last_order,
COUNT(DISTINCT DATE_TRUNC('month', order_date)) as active_months,
COUNT(DISTINCT product_category) as unique_categories_purchased
FROM orders
GROUP BY customer_id;`;

const CUSTOMER_FEATURES_V2 = `SELECT
*,
total_spend / NULLIF(customer_tenure_days, 0) as daily_spend_rate,
total_transactions / NULLIF(active_months, 0) as transactions_per_month
FROM feature_store.customer_features;`;

const TRAINING_DATA = `SELECT
customer_id,
total_spend,
total_transactions,
customer_tenure_days,
days_since_last_order,
CASE
WHEN total_spend > 1000 THEN 1
ELSE 0
END as high_value_customer
FROM feature_store.customer_features;`;

function sourcesOf(analysis: QueryAnalysis, column: string): string[] {
  const entry = analysis.lineage.find((l) => l.column === column);
  if (!entry) throw new Error(`no lineage for ${column}`);
  return entry.sources.map(format);
}

function format(source: ColumnSource): string {
  const r = source.relation;
  return [r.database, r.schema, r.name, source.column].filter((p) => p !== undefined).join('.');
}

/** A tiny project: node name -> (relation it materializes, its analysis), chained as the caller would. */
function analyzeProject(): Map<string, QueryAnalysis> {
  const byRelation = new Map<string, QueryAnalysis>();
  const columnsOf = (r: Relation): string[] | undefined => byRelation.get(`${r.schema ?? ''}.${r.name}`)?.columns;
  const features = analyzeQuery(CUSTOMER_FEATURES, { columnsOf });
  byRelation.set('feature_store.customer_features', features);
  const v2 = analyzeQuery(CUSTOMER_FEATURES_V2, { columnsOf });
  const training = analyzeQuery(TRAINING_DATA, { columnsOf });
  return new Map([
    ['customer_features', features],
    ['customer_features_v2', v2],
    ['training_data', training],
  ]);
}

describe('lineage of the seed chain', () => {
  const project = analyzeProject();
  const features = project.get('customer_features')!;
  const v2 = project.get('customer_features_v2')!;
  const training = project.get('training_data')!;

  it('customer_features derives aggregates from the orders columns they read', () => {
    expect(sourcesOf(features, 'customer_id')).toEqual(['orders.customer_id']);
    expect(sourcesOf(features, 'total_spend')).toEqual(['orders.amount']);
    expect(sourcesOf(features, 'customer_tenure_days')).toEqual(['orders.order_date']);
    expect(sourcesOf(features, 'unique_categories_purchased')).toEqual(['orders.product_category']);
    expect(sourcesOf(features, 'total_transactions')).toEqual([]);
  });

  it('customer_features_v2 passes * through and derives the new features', () => {
    expect(v2.columnsComplete).toBe(true);
    expect(v2.columns).toEqual([...features.columns, 'daily_spend_rate', 'transactions_per_month']);
    expect(sourcesOf(v2, 'total_spend')).toEqual(['feature_store.customer_features.total_spend']);
    expect(sourcesOf(v2, 'daily_spend_rate')).toEqual([
      'feature_store.customer_features.total_spend',
      'feature_store.customer_features.customer_tenure_days',
    ]);
    expect(sourcesOf(v2, 'transactions_per_month')).toEqual([
      'feature_store.customer_features.total_transactions',
      'feature_store.customer_features.active_months',
    ]);
  });

  it('training_data.high_value_customer comes from customer_features.total_spend, which is SUM(orders.amount)', () => {
    expect(sourcesOf(training, 'high_value_customer')).toEqual(['feature_store.customer_features.total_spend']);
    const upstream = sourcesOf(training, 'high_value_customer').map((s) => s.split('.').pop()!);
    expect(upstream.flatMap((column) => sourcesOf(features, column))).toEqual(['orders.amount']);
  });

  it('without known upstream columns, * cannot be expanded and the analysis says so', () => {
    const alone = analyzeQuery(CUSTOMER_FEATURES_V2);
    expect(alone.columnsComplete).toBe(false);
    expect(alone.columns).toEqual(['daily_spend_rate', 'transactions_per_month']);
  });
});

describe('lineage through query structure', () => {
  it('follows aliases, CTEs and subqueries one query deep', () => {
    const analysis = analyzeQuery(`
      WITH spend AS (SELECT o.customer_id AS cid, o.amount * 1.2 AS gross FROM sales.orders o)
      SELECT s.cid, t.total FROM spend s
      JOIN (SELECT cid, SUM(gross) AS total FROM spend GROUP BY cid) t ON s.cid = t.cid`);
    expect(analysis.columns).toEqual(['cid', 'total']);
    expect(sourcesOf(analysis, 'cid')).toEqual(['sales.orders.customer_id']);
    expect(sourcesOf(analysis, 'total')).toEqual(['sales.orders.amount']);
  });

  it('resolves an unqualified column to the relation whose known columns contain it', () => {
    const columns: Record<string, string[]> = { orders: ['order_id', 'customer_id', 'amount'], customers: ['customer_id', 'segment'] };
    const analysis = analyzeQuery(
      `SELECT order_id, segment, amount FROM orders JOIN customers USING (customer_id)`,
      { columnsOf: (r) => columns[r.name] },
    );
    expect(sourcesOf(analysis, 'segment')).toEqual(['customers.segment']);
    expect(sourcesOf(analysis, 'amount')).toEqual(['orders.amount']);
  });

  it('merges the sources of every set-operation branch', () => {
    const analysis = analyzeQuery(`SELECT id, store_amount AS amount FROM store UNION ALL SELECT id, web_amount FROM web`);
    expect(sourcesOf(analysis, 'amount')).toEqual(['store.store_amount', 'web.web_amount']);
  });

  it('follows scalar subqueries, correlated references and earlier aliases', () => {
    const analysis = analyzeQuery(`
      SELECT c.id,
             (SELECT MAX(o.amount) FROM orders o WHERE o.customer_id = c.id) AS biggest,
             biggest * 2 AS doubled
      FROM customers c`);
    expect(sourcesOf(analysis, 'biggest')).toEqual(['orders.amount']);
    expect(sourcesOf(analysis, 'doubled')).toEqual(['orders.amount']);
  });

  it('derives FLATTEN output from its input and recursive CTEs from every branch', () => {
    const flat = analyzeQuery(`SELECT f.value:sku::string AS sku FROM raw.orders o, LATERAL FLATTEN(input => o.payload:items) f`);
    expect(sourcesOf(flat, 'sku')).toEqual(['raw.orders.payload']);
    const recursive = analyzeQuery(`
      WITH RECURSIVE chain AS (
        SELECT id, parent_id FROM nodes WHERE parent_id IS NULL
        UNION ALL SELECT n.id, c.id FROM nodes n JOIN chain c ON n.parent_id = c.id)
      SELECT parent_id FROM chain`);
    expect(sourcesOf(recursive, 'parent_id')).toEqual(['nodes.parent_id', 'nodes.id']);
  });

  it('reads a recursive CTE by its column aliases in its later branches', () => {
    const renamed = analyzeQuery(`
      WITH RECURSIVE chain (node, parent) AS (
        SELECT id, parent_id FROM nodes WHERE parent_id IS NULL
        UNION ALL SELECT n.id, c.node FROM nodes n JOIN chain c ON n.parent_id = c.node)
      SELECT parent FROM chain`);
    expect(sourcesOf(renamed, 'parent')).toEqual(['nodes.parent_id', 'nodes.id']);
  });

  it('PIVOT value columns derive from the aggregated column, UNPIVOT value from the unpivoted ones', () => {
    const columnsOf = (r: Relation): string[] | undefined =>
      r.name === 'monthly' ? ['emp', 'amount', 'month'] : r.name === 'wide' ? ['store', 'q1', 'q2'] : undefined;
    const pivot = analyzeQuery(`SELECT * FROM monthly PIVOT (SUM(amount) FOR month IN ('JAN', 'FEB'))`, { columnsOf });
    expect(sourcesOf(pivot, `"'JAN'"`)).toEqual(['monthly.amount']);
    expect(sourcesOf(pivot, 'emp')).toEqual(['monthly.emp']);
    const unpivot = analyzeQuery(`SELECT * FROM wide UNPIVOT (sales FOR quarter IN (q1, q2))`, { columnsOf });
    expect(sourcesOf(unpivot, 'sales')).toEqual(['wide.q1', 'wide.q2']);
    expect(sourcesOf(unpivot, 'quarter')).toEqual([]);
  });

  it('REPLACE takes the sources of the replacing expression; RENAME keeps the original source', () => {
    const analysis = analyzeQuery(`SELECT * REPLACE (UPPER(first_name) AS name) RENAME (id AS person_id) FROM people`, {
      columnsOf: () => ['id', 'name', 'first_name'],
    });
    expect(analysis.columns).toEqual(['person_id', 'name', 'first_name']);
    expect(sourcesOf(analysis, 'name')).toEqual(['people.first_name']);
    expect(sourcesOf(analysis, 'person_id')).toEqual(['people.id']);
  });
});
