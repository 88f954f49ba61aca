/** A monitor's `on_alert`: `retrain <model>` (closes the loop) or `notify <integration>` (Snowflake notifications). */

export type OnAlert = { action: 'retrain'; model: string } | { action: 'notify'; integration: string };

export const ON_ALERT_PATTERN = /^(retrain|notify)\s+([A-Za-z_][A-Za-z0-9_]*)$/;

export function parseOnAlert(text: string | undefined): OnAlert | undefined {
  const match = text === undefined ? null : ON_ALERT_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return match[1] === 'retrain' ? { action: 'retrain', model: match[2]! } : { action: 'notify', integration: match[2]! };
}
