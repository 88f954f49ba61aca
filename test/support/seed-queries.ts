/** The seed document's read queries, verbatim (shared by the embedded and Snowflake parity tests). */

export const MODEL_PERFORMANCE = `SELECT
model_name,
training_accuracy,
validation_accuracy,
test_accuracy,
f1_score,
auc_roc
FROM classification_model_output;`;

export const LATEST_VERSION = `SELECT * FROM model_versions
WHERE version_rank = 1
AND model_name = 'customer_classification';`;

export const REALTIME = `SELECT
customer_id,
predict_customer_value(
total_spend,
total_transactions,
customer_tenure_days,
days_since_last_order
) as value_score
FROM feature_store.customer_features;`;

export const ACCURACY_TREND = `SELECT
prediction_date,
accuracy,
LAG(accuracy) OVER (ORDER BY prediction_date) as prev_accuracy,
accuracy - LAG(accuracy) OVER (ORDER BY prediction_date) as accuracy_change
FROM model_monitoring
WHERE model_name = 'customer_classification'
ORDER BY prediction_date DESC
LIMIT 30;`;
