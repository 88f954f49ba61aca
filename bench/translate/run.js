// Translation speed on a 30-line feature query. Run `npm run build` first.
import { translateToDuckDb } from '../../dist/sql/translate/index.js';

const TARGET_PER_SECOND = 1000; // "thousands of statements per second"

const QUERY = `-- customer features
SELECT
    c.customer_id,
    COUNT(DISTINCT o.order_id)                                   AS total_transactions,
    ZEROIFNULL(SUM(o.amount))                                    AS total_spend,
    DIV0(SUM(o.amount), COUNT(o.order_id))                       AS avg_order_value,
    DATEDIFF(day, MIN(o.order_ts), CURRENT_DATE())               AS customer_tenure_days,
    DATEDIFF('day', MAX(o.order_ts), CURRENT_DATE())             AS days_since_last_order,
    COUNT_IF(o.order_ts >= DATEADD(day, -30, CURRENT_DATE()))    AS orders_30d,
    IFF(SUM(o.amount) > 1000, 1, 0)                              AS high_value_customer,
    NVL(MAX(o.payload:channel::string), 'unknown')               AS last_channel,
    LISTAGG(DISTINCT o.category, ',') WITHIN GROUP (ORDER BY o.category) AS categories,
    MEDIAN(o.amount)                                             AS median_amount,
    STDDEV(o.amount)                                             AS stddev_amount,
    DATE_TRUNC('month', MIN(o.order_ts))::DATE                   AS first_month,
    TO_CHAR(MAX(o.order_ts), 'YYYY-MM-DD')                       AS last_order_day,
    SPLIT_PART(MAX(c.email), '@', -1)                            AS email_domain,
    REGEXP_LIKE(MAX(c.phone), '[0-9]{10}')                       AS valid_phone,
    OBJECT_CONSTRUCT('tier', MAX(c.tier), 'region', MAX(c.region)) AS attrs
FROM raw.customers c
LEFT JOIN raw.orders o
    ON o.customer_id = c.customer_id
   AND o.order_ts >= DATEADD(year, -2, CURRENT_DATE())
WHERE c.status ILIKE 'active%'
  AND TRY_TO_NUMBER(c.customer_code) IS NOT NULL
GROUP BY c.customer_id
QUALIFY ROW_NUMBER() OVER (PARTITION BY c.customer_id ORDER BY MAX(o.order_ts) DESC) = 1
ORDER BY total_spend DESC NULLS LAST`;

const lines = QUERY.split('\n').length;
const N = 2000;
for (let i = 0; i < 500; i++) translateToDuckDb(QUERY);
const rates = [];
for (let run = 0; run < 7; run++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) translateToDuckDb(QUERY);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rates.push(N / seconds);
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)];
console.log(`translate ${lines}-line feature query: median ${Math.round(median)} statements/s (${(1000 / median).toFixed(3)} ms each) over 7 runs of ${N}`);
console.log(`ratio vs target ${TARGET_PER_SECOND}/s: ${(median / TARGET_PER_SECOND).toFixed(1)}x`);
