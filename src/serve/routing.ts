/**
 * A/B routing: an entity goes to the challenger when md5Unit("<model>:<key>") is below
 * the challenger share. The same rule in JS and in SQL on both targets, so a customer
 * sees the same variant in batch scores, in the warehouse and in reports.
 */

import { md5Unit, md5UnitSql } from '../ml/split.js';
import { stringSql } from '../ml/sql-text.js';
import type { Dialect } from '../targets/target.js';

export type Variant = 'champion' | 'challenger';

export function abUnit(model: string, key: unknown): number {
  return md5Unit(`${model}:${String(key)}`);
}

export function variantOf(model: string, key: unknown, challengerShare: number): Variant {
  return abUnit(model, key) < challengerShare ? 'challenger' : 'champion';
}

/** The bucket unit of `keyExpr` (cast to text, as String(key) in JS). */
export function abUnitSql(model: string, keyExpr: string, dialect: Dialect): string {
  return md5UnitSql(`${stringSql(`${model}:`, dialect)} || CAST(${keyExpr} AS VARCHAR)`, dialect);
}
