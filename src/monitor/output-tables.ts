/**
 * The tables a monitor writes besides `model_monitoring`. Several monitors share them:
 * each row carries its monitor's name, and a monitor replaces only its own rows.
 */

export interface OutputTables {
  /** Qualified names, as written in SQL. */
  drift: string;
  quality: string;
  alerts: string;
}

const COLUMNS: Readonly<Record<keyof OutputTables, string>> = {
  drift: [
    'monitor VARCHAR',
    'model_name VARCHAR',
    'drift_date DATE',
    'window_days INTEGER',
    'reference VARCHAR',
    'feature VARCHAR',
    'method VARCHAR',
    'value DOUBLE',
    'threshold DOUBLE',
    'drifted BOOLEAN',
  ].join(', '),
  quality: [
    'monitor VARCHAR',
    'model_name VARCHAR',
    'quality_date DATE',
    'feature VARCHAR',
    'metric VARCHAR',
    'value DOUBLE',
    'threshold DOUBLE',
    'breached BOOLEAN',
  ].join(', '),
  alerts: [
    'alert_date DATE',
    'monitor VARCHAR',
    'model_name VARCHAR',
    'kind VARCHAR',
    'subject VARCHAR',
    'metric VARCHAR',
    'value DOUBLE',
    'threshold DOUBLE',
    'severity VARCHAR',
    'message VARCHAR',
  ].join(', '),
};

/** The column list of each table, in insert order. */
export function outputColumns(table: keyof OutputTables): string {
  return COLUMNS[table]
    .split(', ')
    .map((c) => c.split(' ')[0]!)
    .join(', ');
}

export function createOutputTables(tables: OutputTables): string[] {
  return (Object.keys(COLUMNS) as (keyof OutputTables)[]).map((t) => `CREATE TABLE IF NOT EXISTS ${tables[t]} (${COLUMNS[t]})`);
}

/** The score column of scored rows; prediction drift rows name it as their feature. */
export const SCORE_COLUMN = 'prediction_score';
