import { describe, expect, it } from 'vitest';
import type { Relation } from '../../src/graph/node.js';
import { analyzeQuery } from '../../src/sql/index.js';

function key(relation: Relation): string {
  return [relation.database, relation.schema, relation.name].filter((p) => p !== undefined).join('.');
}

interface Shape {
  name: string;
  sql: string;
  tables: string[];
  columns: string[];
  columnsOf?: Record<string, string[]>;
}

const SHAPES: Shape[] = [
  {
    name: 'seed customer_features',
    sql: `SELECT
customer_id,
-- Transaction features
COUNT(*) as total_transactions,
SUM(amount) as total_spend,
AVG(amount) as avg_transaction_amount,
MAX(amount) as max_transaction_amount,
DATEDIFF('day', MIN(order_date), CURRENT_DATE()) as customer_tenure_days,
DATEDIFF('day', MAX(order_date), CURRENT_DATE()) as days_since_last_order,
COUNT(DISTINCT DATE_TRUNC('month', order_date)) as active_months,
COUNT(DISTINCT product_category) as unique_categories_purchased
FROM orders
GROUP BY customer_id;`,
    tables: ['orders'],
    columns: [
      'customer_id', 'total_transactions', 'total_spend', 'avg_transaction_amount', 'max_transaction_amount',
      'customer_tenure_days', 'days_since_last_order', 'active_months', 'unique_categories_purchased',
    ],
  },
  {
    name: 'seed customer_features_v2 expands * through columnsOf',
    sql: `SELECT
*,
total_spend / NULLIF(customer_tenure_days, 0) as daily_spend_rate,
total_transactions / NULLIF(active_months, 0) as transactions_per_month
FROM feature_store.customer_features;`,
    tables: ['feature_store.customer_features'],
    columns: ['customer_id', 'total_spend', 'customer_tenure_days', 'total_transactions', 'active_months', 'daily_spend_rate', 'transactions_per_month'],
    columnsOf: { 'feature_store.customer_features': ['customer_id', 'total_spend', 'customer_tenure_days', 'total_transactions', 'active_months'] },
  },
  {
    name: 'seed training_data with CASE',
    sql: `SELECT customer_id, total_spend, total_transactions, customer_tenure_days, days_since_last_order,
CASE WHEN total_spend > 1000 THEN 1 ELSE 0 END as high_value_customer
FROM feature_store.customer_features;`,
    tables: ['feature_store.customer_features'],
    columns: ['customer_id', 'total_spend', 'total_transactions', 'customer_tenure_days', 'days_since_last_order', 'high_value_customer'],
  },
  {
    name: 'seed model_versions view: JSON paths, casts, window',
    sql: `SELECT model_name, model_version, training_date,
performance_metrics:accuracy::FLOAT as accuracy,
performance_metrics:f1_score::FLOAT as f1_score,
status,
ROW_NUMBER() OVER (PARTITION BY model_name ORDER BY training_date DESC) as version_rank
FROM model_registry`,
    tables: ['model_registry'],
    columns: ['model_name', 'model_version', 'training_date', 'accuracy', 'f1_score', 'status', 'version_rank'],
  },
  {
    name: 'seed predictions: scalar subquery in the select list',
    sql: `SELECT customer_id,
(SELECT model_binary FROM model_registry WHERE model_name = 'customer_classification' AND status = 'ACTIVE'
 ORDER BY training_date DESC LIMIT 1) as model,
total_spend, total_transactions, customer_tenure_days, days_since_last_order
FROM feature_store.customer_features`,
    tables: ['model_registry', 'feature_store.customer_features'],
    columns: ['customer_id', 'model', 'total_spend', 'total_transactions', 'customer_tenure_days', 'days_since_last_order'],
  },
  {
    name: 'seed monitoring: join with aliases',
    sql: `SELECT 'customer_classification' AS model_name, CURRENT_DATE() AS d, COUNT(*) AS n,
SUM(CASE WHEN predicted = actual THEN 1 ELSE 0 END) AS correct,
AVG(confidence) AS avg_confidence
FROM predictions p
JOIN actual_results a ON p.customer_id = a.customer_id
WHERE p.prediction_date = CURRENT_DATE()`,
    tables: ['predictions', 'actual_results'],
    columns: ['model_name', 'd', 'n', 'correct', 'avg_confidence'],
  },
  {
    name: 'seed drift: LAG window with ORDER BY and LIMIT',
    sql: `SELECT prediction_date, accuracy,
LAG(accuracy) OVER (ORDER BY prediction_date) as prev_accuracy,
accuracy - LAG(accuracy) OVER (ORDER BY prediction_date) as accuracy_change
FROM model_monitoring WHERE model_name = 'customer_classification'
ORDER BY prediction_date DESC LIMIT 30;`,
    tables: ['model_monitoring'],
    columns: ['prediction_date', 'accuracy', 'prev_accuracy', 'accuracy_change'],
  },
  {
    name: 'seed drift CTEs joined with a comma',
    sql: `WITH current_stats AS (
SELECT AVG(total_spend) as mean_spend, STDDEV(total_spend) as std_spend
FROM feature_store.customer_features
WHERE updated_at >= DATEADD('day', -7, CURRENT_DATE())
),
historical_stats AS (
SELECT AVG(total_spend) as mean_spend, STDDEV(total_spend) as std_spend
FROM feature_store.customer_features
WHERE updated_at < DATEADD('day', -7, CURRENT_DATE())
)
SELECT ABS(current_stats.mean_spend - historical_stats.mean_spend) / historical_stats.std_spend > 2 AS drifted
FROM current_stats, historical_stats`,
    tables: ['feature_store.customer_features'],
    columns: ['drifted'],
  },
  {
    name: 'CTE chain with shadowing of a real table name',
    sql: `WITH orders AS (SELECT * FROM raw.orders WHERE status <> 'test'),
daily AS (SELECT order_date, SUM(amount) AS revenue FROM orders GROUP BY 1)
SELECT order_date, revenue FROM daily`,
    tables: ['raw.orders'],
    columns: ['order_date', 'revenue'],
  },
  {
    name: 'a CTE name shadows only inside its WITH',
    sql: `SELECT a.id, b.id AS other_id
FROM (WITH events AS (SELECT id FROM staging.events) SELECT id FROM events) a
JOIN events b ON a.id = b.id`,
    tables: ['staging.events', 'events'],
    columns: ['id', 'other_id'],
  },
  {
    name: 'a schema-qualified name is never a CTE',
    sql: `WITH customers AS (SELECT * FROM crm.customers) SELECT c.customer_id FROM customers c JOIN crm.customers x USING (customer_id)`,
    tables: ['crm.customers'],
    columns: ['customer_id'],
  },
  {
    name: 'nested CTEs inside a CTE',
    sql: `WITH outer_cte AS (
  WITH inner_cte AS (SELECT user_id, ts FROM app.sessions)
  SELECT user_id, MAX(ts) AS last_seen FROM inner_cte GROUP BY user_id
)
SELECT user_id, last_seen FROM outer_cte`,
    tables: ['app.sessions'],
    columns: ['user_id', 'last_seen'],
  },
  {
    name: 'recursive CTE',
    sql: `WITH RECURSIVE org (employee_id, manager_id, depth) AS (
  SELECT employee_id, manager_id, 0 FROM hr.employees WHERE manager_id IS NULL
  UNION ALL
  SELECT e.employee_id, e.manager_id, org.depth + 1 FROM hr.employees e JOIN org ON e.manager_id = org.employee_id
)
SELECT employee_id, depth FROM org`,
    tables: ['hr.employees'],
    columns: ['employee_id', 'depth'],
  },
  {
    name: 'CTE column list renames the output',
    sql: `WITH t (a, b) AS (SELECT x, y FROM src) SELECT * FROM t`,
    tables: ['src'],
    columns: ['a', 'b'],
  },
  {
    name: 'a CTE that is not referenced still reads its table',
    sql: `WITH unused AS (SELECT 1 AS one FROM audit.log) SELECT id FROM main_table`,
    tables: ['audit.log', 'main_table'],
    columns: ['id'],
  },
  {
    name: 'nested subqueries in FROM',
    sql: `SELECT region, total FROM (SELECT region, SUM(amount) AS total FROM (SELECT region, amount FROM sales.orders WHERE amount > 0) o GROUP BY region) r`,
    tables: ['sales.orders'],
    columns: ['region', 'total'],
  },
  {
    name: 'correlated EXISTS subquery in WHERE',
    sql: `SELECT c.customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id)`,
    tables: ['customers', 'orders'],
    columns: ['customer_id'],
  },
  {
    name: 'IN subquery and NOT IN subquery',
    sql: `SELECT id FROM users WHERE id IN (SELECT user_id FROM premium) AND id NOT IN (SELECT user_id FROM banned)`,
    tables: ['users', 'premium', 'banned'],
    columns: ['id'],
  },
  {
    name: 'correlated scalar subquery in the select list',
    sql: `SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) AS order_count FROM customers c`,
    tables: ['orders', 'customers'],
    columns: ['id', 'order_count'],
  },
  {
    name: 'QUALIFY with ROW_NUMBER',
    sql: `SELECT customer_id, order_id, order_date FROM orders
QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC) = 1`,
    tables: ['orders'],
    columns: ['customer_id', 'order_id', 'order_date'],
  },
  {
    name: 'QUALIFY with a subquery',
    sql: `SELECT id, score FROM scores QUALIFY score > (SELECT AVG(score) FROM benchmarks)`,
    tables: ['scores', 'benchmarks'],
    columns: ['id', 'score'],
  },
  {
    name: 'LATERAL FLATTEN with JSON paths',
    sql: `SELECT o.order_id, f.value:sku::string AS sku, f.value:qty::int AS qty, f.index AS line_no
FROM raw.orders o, LATERAL FLATTEN(input => o.payload:items) f`,
    tables: ['raw.orders'],
    columns: ['order_id', 'sku', 'qty', 'line_no'],
  },
  {
    name: 'TABLE(FLATTEN(...)) and * over the flatten output',
    sql: `SELECT t.id, f.* FROM events t, TABLE(FLATTEN(input => t.tags, outer => true)) f`,
    tables: ['events'],
    columns: ['id', 'seq', 'key', 'path', 'index', 'value', 'this'],
  },
  {
    name: 'TABLE(GENERATOR(...)) is not a table',
    sql: `SELECT SEQ4() AS n, UNIFORM(1, 10, RANDOM()) AS r FROM TABLE(GENERATOR(ROWCOUNT => 100))`,
    tables: [],
    columns: ['n', 'r'],
  },
  {
    name: 'VALUES list in FROM with column aliases',
    sql: `SELECT v.code, v.label FROM (VALUES (1, 'low'), (2, 'high')) AS v (code, label)`,
    tables: [],
    columns: ['code', 'label'],
  },
  {
    name: 'bare VALUES in FROM gets column1, column2',
    sql: `SELECT * FROM VALUES (1, 'a'), (2, 'b')`,
    tables: [],
    columns: ['column1', 'column2'],
  },
  {
    name: 'quoted identifiers with mixed case',
    sql: `SELECT "Customer Id", "TOTAL_SPEND", "camelCase" AS "Alias Name" FROM "Analytics"."Customer Features"`,
    tables: ['"Analytics"."Customer Features"'],
    columns: ['"Customer Id"', 'total_spend', '"Alias Name"'],
  },
  {
    name: 'upper-case quoted names equal unquoted names',
    sql: `SELECT "ORDER_ID", Amount FROM "SALES"."ORDERS"`,
    tables: ['sales.orders'],
    columns: ['order_id', 'amount'],
  },
  {
    name: 'comments containing table names',
    sql: `-- reads FROM secret_table
SELECT /* FROM other_table JOIN x */ id // FROM third_table
FROM real_table -- JOIN fake_table`,
    tables: ['real_table'],
    columns: ['id'],
  },
  {
    name: 'strings containing FROM x',
    sql: `SELECT 'SELECT * FROM fake' AS q, id, 'it''s FROM x' AS s FROM real_table WHERE note <> 'JOIN y ON 1=1'`,
    tables: ['real_table'],
    columns: ['q', 'id', 's'],
  },
  {
    name: '$$ bodies are strings',
    sql: `SELECT $$ SELECT * FROM not_a_table $$ AS body, id FROM t`,
    tables: ['t'],
    columns: ['body', 'id'],
  },
  {
    name: 'UNION ALL',
    sql: `SELECT id, amount FROM store_sales UNION ALL SELECT id, amount FROM web_sales`,
    tables: ['store_sales', 'web_sales'],
    columns: ['id', 'amount'],
  },
  {
    name: 'UNION, INTERSECT, EXCEPT, MINUS',
    sql: `SELECT id FROM a UNION SELECT id FROM b INTERSECT SELECT id FROM c EXCEPT SELECT id FROM d MINUS SELECT id FROM e`,
    tables: ['a', 'b', 'c', 'd', 'e'],
    columns: ['id'],
  },
  {
    name: 'parenthesized set operation branches with ORDER BY',
    sql: `(SELECT id, 'x' AS src FROM a) UNION ALL (SELECT id, 'y' FROM b) ORDER BY id`,
    tables: ['a', 'b'],
    columns: ['id', 'src'],
  },
  {
    name: 'parenthesized whole query',
    sql: `((SELECT id FROM a))`,
    tables: ['a'],
    columns: ['id'],
  },
  {
    name: 'INNER, LEFT OUTER, RIGHT, FULL OUTER joins',
    sql: `SELECT a.id, b.x, c.y, d.z FROM a INNER JOIN b ON a.id = b.id LEFT OUTER JOIN c ON a.id = c.id
RIGHT JOIN d ON a.id = d.id FULL OUTER JOIN e ON e.id = a.id`,
    tables: ['a', 'b', 'c', 'd', 'e'],
    columns: ['id', 'x', 'y', 'z'],
  },
  {
    name: 'NATURAL JOIN and CROSS JOIN',
    sql: `SELECT * FROM dim_date NATURAL JOIN fact_sales CROSS JOIN dim_store`,
    tables: ['dim_date', 'fact_sales', 'dim_store'],
    columns: ['d', 'f', 's'],
    columnsOf: { dim_date: ['d'], fact_sales: ['f'], dim_store: ['s'] },
  },
  {
    name: 'ASOF JOIN with MATCH_CONDITION',
    sql: `SELECT t.ts, t.symbol, q.bid FROM trades t ASOF JOIN quotes q MATCH_CONDITION (t.ts >= q.ts) ON t.symbol = q.symbol`,
    tables: ['trades', 'quotes'],
    columns: ['ts', 'symbol', 'bid'],
  },
  {
    name: 'JOIN LATERAL subquery',
    sql: `SELECT c.id, l.last_order FROM customers c JOIN LATERAL (SELECT MAX(order_date) AS last_order FROM orders o WHERE o.customer_id = c.id) l`,
    tables: ['customers', 'orders'],
    columns: ['id', 'last_order'],
  },
  {
    name: 'JOIN USING and a left function in ON',
    sql: `SELECT a.k, b.v FROM a JOIN b USING (k) LEFT JOIN c ON LEFT(c.code, 2) = a.prefix`,
    tables: ['a', 'b', 'c'],
    columns: ['k', 'v'],
  },
  {
    name: 'parenthesized joins',
    sql: `SELECT a.id FROM (a JOIN b ON a.id = b.id) JOIN c ON c.id = a.id`,
    tables: ['a', 'b', 'c'],
    columns: ['id'],
  },
  {
    name: 'PIVOT with listed values',
    sql: `SELECT * FROM monthly_sales PIVOT (SUM(amount) FOR month IN ('JAN', 'FEB', 'MAR')) AS p`,
    tables: ['monthly_sales'],
    columns: ['empid', `"'JAN'"`, `"'FEB'"`, `"'MAR'"`],
    columnsOf: { monthly_sales: ['empid', 'amount', 'month'] },
  },
  {
    name: 'PIVOT with a column alias list',
    sql: `SELECT * FROM monthly_sales PIVOT (SUM(amount) FOR month IN ('JAN', 'FEB')) AS p (emp, jan, feb) ORDER BY emp`,
    tables: ['monthly_sales'],
    columns: ['emp', 'jan', 'feb'],
    columnsOf: { monthly_sales: ['empid', 'amount', 'month'] },
  },
  {
    name: 'PIVOT with ANY leaves * unexpanded',
    sql: `SELECT empid FROM monthly_sales PIVOT (SUM(amount) FOR month IN (ANY ORDER BY month))`,
    tables: ['monthly_sales'],
    columns: ['empid'],
  },
  {
    name: 'UNPIVOT',
    sql: `SELECT * FROM quarterly UNPIVOT (sales FOR quarter IN (q1, q2, q3, q4))`,
    tables: ['quarterly'],
    columns: ['store', 'quarter', 'sales'],
    columnsOf: { quarterly: ['store', 'q1', 'q2', 'q3', 'q4'] },
  },
  {
    name: 'window functions with frames',
    sql: `SELECT user_id, SUM(amount) OVER (PARTITION BY user_id ORDER BY ts ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS spend_7,
FIRST_VALUE(amount) IGNORE NULLS OVER (PARTITION BY user_id ORDER BY ts NULLS LAST) AS first_amount
FROM payments`,
    tables: ['payments'],
    columns: ['user_id', 'spend_7', 'first_amount'],
  },
  {
    name: ':: casts and : JSON paths are not aliases or columns',
    sql: `SELECT v:a.b[0]::string AS first_b, v:"Mixed Key"::number(10, 2) AS mk, v:c.d, raw:x[1].y::varchar FROM events`,
    tables: ['events'],
    columns: ['first_b', 'mk'],
  },
  {
    name: 'implicit aliases without AS',
    sql: `SELECT COUNT(*) n, id customer, amount::float amt, v:a b, CASE WHEN x THEN 1 END flag FROM t`,
    tables: ['t'],
    columns: ['n', 'customer', 'amt', 'b', 'flag'],
  },
  {
    name: 'IFF and CASE',
    sql: `SELECT IFF(amount > 100, 'big', 'small') AS size, CASE status WHEN 'A' THEN 1 WHEN 'B' THEN 2 ELSE 0 END AS code FROM orders`,
    tables: ['orders'],
    columns: ['size', 'code'],
  },
  {
    name: 'SELECT * EXCLUDE',
    sql: `SELECT * EXCLUDE (ssn, dob) FROM people`,
    tables: ['people'],
    columns: ['id', 'name'],
    columnsOf: { people: ['id', 'ssn', 'name', 'dob'] },
  },
  {
    name: 'SELECT * EXCLUDE a single column and RENAME',
    sql: `SELECT * EXCLUDE ssn RENAME (name AS full_name) FROM people`,
    tables: ['people'],
    columns: ['id', 'full_name', 'dob'],
    columnsOf: { people: ['id', 'ssn', 'name', 'dob'] },
  },
  {
    name: 'SELECT * REPLACE and ILIKE',
    sql: `SELECT * ILIKE '%_amt' REPLACE (ROUND(tax_amt, 2) AS tax_amt) FROM invoices`,
    tables: ['invoices'],
    columns: ['net_amt', 'tax_amt'],
    columnsOf: { invoices: ['id', 'net_amt', 'tax_amt', 'note'] },
  },
  {
    name: 't.* EXCLUDE with a join',
    sql: `SELECT o.* EXCLUDE (internal), c.segment FROM orders o JOIN customers c ON o.customer_id = c.id`,
    tables: ['orders', 'customers'],
    columns: ['id', 'customer_id', 'segment'],
    columnsOf: { orders: ['id', 'customer_id', 'internal'], customers: ['id', 'segment'] },
  },
  {
    name: 'three-part names',
    sql: `SELECT p.id FROM prod_db.sales.orders p JOIN prod_db..regions r ON p.region_id = r.id`,
    tables: ['prod_db.sales.orders', 'prod_db.public.regions'],
    columns: ['id'],
  },
  {
    name: 'SAMPLE and TABLESAMPLE',
    sql: `SELECT id FROM big_table SAMPLE (10) s JOIN other TABLESAMPLE BERNOULLI (5) SEED (42) o ON s.id = o.id`,
    tables: ['big_table', 'other'],
    columns: ['id'],
  },
  {
    name: 'AT and BEFORE time travel',
    sql: `SELECT a.id FROM orders AT(OFFSET => -3600) a JOIN orders_hist BEFORE(STATEMENT => '8e5d0ca9-005e-44e6-b858-a8f5b37c5726') b ON a.id = b.id`,
    tables: ['orders', 'orders_hist'],
    columns: ['id'],
  },
  {
    name: 'DISTINCT and TOP',
    sql: `SELECT DISTINCT TOP 10 region FROM stores`,
    tables: ['stores'],
    columns: ['region'],
  },
  {
    name: 'GROUP BY ROLLUP and HAVING with a subquery',
    sql: `SELECT region, product, SUM(amount) AS total FROM sales GROUP BY ROLLUP (region, product)
HAVING SUM(amount) > (SELECT AVG(amount) FROM targets)`,
    tables: ['sales', 'targets'],
    columns: ['region', 'product', 'total'],
  },
  {
    name: 'date parts as bare words',
    sql: `SELECT DATEADD(day, -7, order_date) AS week_ago, DATE_TRUNC(month, order_date) AS m, EXTRACT(year FROM order_date) AS y,
DATEDIFF(hour, created_at, updated_at) AS hours FROM orders`,
    tables: ['orders'],
    columns: ['week_ago', 'm', 'y', 'hours'],
  },
  {
    name: 'IS DISTINCT FROM and LISTAGG WITHIN GROUP',
    sql: `SELECT a IS DISTINCT FROM b AS changed, LISTAGG(tag, ',') WITHIN GROUP (ORDER BY tag) AS tags FROM t GROUP BY 1`,
    tables: ['t'],
    columns: ['changed', 'tags'],
  },
  {
    name: 'lambdas and named arguments',
    sql: `SELECT FILTER(scores, s -> s > 50) AS passing, TRANSFORM(scores, x -> x * 2) AS doubled FROM exams`,
    tables: ['exams'],
    columns: ['passing', 'doubled'],
  },
  {
    name: 'CAST and TRY_CAST with AS inside',
    sql: `SELECT CAST(amount AS NUMBER(12, 2)) AS amount, TRY_CAST(code AS INTEGER) AS code_num FROM raw`,
    tables: ['raw'],
    columns: ['amount', 'code_num'],
  },
  {
    name: 'typed literals and intervals',
    sql: `SELECT id FROM events WHERE ts >= DATE '2024-01-01' AND ts < TIMESTAMP '2024-02-01 00:00:00' + INTERVAL '1 day'`,
    tables: ['events'],
    columns: ['id'],
  },
  {
    name: 'object and array constants',
    sql: `SELECT {'a': amount, 'b': 2} AS obj, [1, 2, amount] AS arr, OBJECT_CONSTRUCT('k', v) AS o2 FROM t`,
    tables: ['t'],
    columns: ['obj', 'arr', 'o2'],
  },
  {
    name: 'a trailing semicolon and trailing comments',
    sql: `SELECT id FROM t; -- done\n/* end */`,
    tables: ['t'],
    columns: ['id'],
  },
  {
    name: 'the same table twice is listed once',
    sql: `SELECT a.id FROM orders a JOIN orders b ON a.parent_id = b.id`,
    tables: ['orders'],
    columns: ['id'],
  },
  {
    name: 'set operation inside a subquery in FROM',
    sql: `SELECT COUNT(*) AS n FROM (SELECT id FROM a UNION ALL SELECT id FROM b) u`,
    tables: ['a', 'b'],
    columns: ['n'],
  },
  {
    name: 'CTE referenced from a WHERE subquery',
    sql: `WITH vip AS (SELECT id FROM customers WHERE tier = 'gold') SELECT order_id FROM orders WHERE customer_id IN (SELECT id FROM vip)`,
    tables: ['customers', 'orders'],
    columns: ['order_id'],
  },
  {
    name: 'later select items reuse earlier aliases',
    sql: `SELECT amount * 0.2 AS tax, amount + tax AS gross FROM invoices`,
    tables: ['invoices'],
    columns: ['tax', 'gross'],
  },
  {
    name: 'WINDOW clause',
    sql: `SELECT id, SUM(x) OVER w AS running FROM t WINDOW w AS (PARTITION BY g ORDER BY ts)`,
    tables: ['t'],
    columns: ['id', 'running'],
  },
  {
    name: 'LIMIT OFFSET and FETCH',
    sql: `SELECT id FROM t ORDER BY id LIMIT 10 OFFSET 20`,
    tables: ['t'],
    columns: ['id'],
  },
  {
    name: 'bind variables and session variables',
    sql: `SELECT id FROM t WHERE region = :region AND day = $run_date AND v = ?`,
    tables: ['t'],
    columns: ['id'],
  },
  {
    name: 'SPLIT_TO_TABLE table function',
    sql: `SELECT t.id, s.value AS tag FROM items t, LATERAL SPLIT_TO_TABLE(t.tags, ',') s`,
    tables: ['items'],
    columns: ['id', 'tag'],
  },
  {
    name: 'CONNECT BY hierarchy',
    sql: `SELECT employee_id, manager_id FROM employees START WITH manager_id IS NULL CONNECT BY PRIOR employee_id = manager_id`,
    tables: ['employees'],
    columns: ['employee_id', 'manager_id'],
  },
  {
    name: 'JOIN USING shows the join column once under *',
    sql: `SELECT * FROM orders JOIN customers USING (customer_id)`,
    tables: ['orders', 'customers'],
    columns: ['order_id', 'customer_id', 'amount', 'segment'],
    columnsOf: { orders: ['order_id', 'customer_id', 'amount'], customers: ['customer_id', 'segment'] },
  },
  {
    name: 'NATURAL JOIN shows shared columns once under *, t.* keeps them',
    sql: `SELECT *, c.* FROM orders NATURAL LEFT JOIN customers c`,
    tables: ['orders', 'customers'],
    columns: ['order_id', 'customer_id', 'amount', 'segment', 'customer_id', 'segment'],
    columnsOf: { orders: ['order_id', 'customer_id', 'amount'], customers: ['customer_id', 'segment'] },
  },
  {
    name: 'JOIN a parenthesized subquery',
    sql: `SELECT s.id, t.total FROM spend s JOIN (SELECT id, SUM(x) AS total FROM facts GROUP BY id) t ON s.id = t.id`,
    tables: ['spend', 'facts'],
    columns: ['id', 'total'],
  },
  {
    name: 'a stage is not a table',
    sql: `SELECT t.$1 AS raw_line, METADATA$FILENAME AS file FROM @raw.landing/orders/2024/ (FILE_FORMAT => 'csv') t`,
    tables: [],
    columns: ['raw_line', 'file'],
  },
  {
    name: 'top-level VALUES',
    sql: `VALUES (1, 'a'), (2, 'b')`,
    tables: [],
    columns: ['column1', 'column2'],
  },
];

describe('analyzeQuery on real-world Snowflake query shapes', () => {
  it('covers at least 60 shapes', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(60);
  });

  for (const shape of SHAPES) {
    it(shape.name, () => {
      const known = shape.columnsOf;
      const analysis = analyzeQuery(shape.sql, known ? { columnsOf: (r) => known[key(r)] } : {});
      expect(analysis.errors).toEqual([]);
      expect(analysis.tables.map((t) => key(t.relation))).toEqual(shape.tables);
      expect(analysis.columns).toEqual(shape.columns);
    });
  }
});
