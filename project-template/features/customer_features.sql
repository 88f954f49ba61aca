-- description: Transaction, temporal and behavioral features per customer.
-- entity: customer
-- tags: [customer]

SELECT
customer_id,
-- Transaction features
COUNT(*) as total_transactions,
SUM(amount) as total_spend,
AVG(amount) as avg_transaction_amount,
MAX(amount) as max_transaction_amount,
-- Temporal features
DATEDIFF('day', MIN(order_date), CURRENT_DATE()) as customer_tenure_days,
DATEDIFF('day', MAX(order_date), CURRENT_DATE()) as days_since_last_order,
-- Behavioral features
COUNT(DISTINCT DATE_TRUNC('month', order_date)) as active_months,
COUNT(DISTINCT product_category) as unique_categories_purchased
FROM orders
GROUP BY customer_id
