-- kind: dataset
-- description: The training set of the customer classification model.
-- entity: customer

SELECT
customer_id,
total_spend,
total_transactions,
customer_tenure_days,
days_since_last_order,
-- Target variable
CASE
WHEN total_spend > 1000 THEN 1
ELSE 0
END as high_value_customer
FROM feature_store.customer_features
