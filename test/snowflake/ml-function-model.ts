/** The seed's ML Functions model as a second model beside the example's, for the ML Functions tests. */
export const ML_FUNCTION_MODEL = `description: The seed's ML Functions model; Snowflake trains it with SNOWFLAKE.ML.CLASSIFICATION.
training_data: training_data
entity: customer_id
target: high_value_customer
features: [total_spend, total_transactions, customer_tenure_days, days_since_last_order]
task: binary
algorithm: snowflake_ml_classification
training_parameters: { MAX_ITERATIONS: 100, TEST_SPLIT: 0.2, VALIDATION_SPLIT: 0.1 }
promote: { metric: auc_roc, min: 0.7 }
serving:
  batch: { table: customer_scores_mlf, input: customer_features, threshold: 0.5, labels: [STANDARD, HIGH_VALUE] }
  realtime: { function: predict_customer_value_mlf }
`;
