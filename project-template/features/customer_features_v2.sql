-- description: Version 2 of the customer features, adding spend and frequency rates.
-- entity: customer
-- version: 2
-- tags: [customer]

SELECT
*,
-- Add new features
total_spend / NULLIF(customer_tenure_days, 0) as daily_spend_rate,
total_transactions / NULLIF(active_months, 0) as transactions_per_month
FROM feature_store.customer_features
