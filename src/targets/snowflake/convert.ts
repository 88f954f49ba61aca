/**
 * Snowflake results → target rows. Keys take the canonical identifier spelling (CUSTOMER_ID
 * → customer_id; "Mixed Case" keeps its quotes). Values:
 *   NUMBER scale 0 → number when safe, bigint beyond 2^53; NUMBER scale > 0, FLOAT → number;
 *   DATE → 'YYYY-MM-DD'; TIME → 'HH:MM:SS' (the driver drops fractions in array row mode); TIMESTAMP_* → Date (the instant, UTC);
 *   BOOLEAN → boolean; VARIANT/OBJECT/ARRAY → parsed JSON; BINARY → Buffer; NULL → null.
 */

import type { Column as SdkColumn } from 'snowflake-sdk';
import { identifierName } from '../../sql/tokenize.js';
import type { Column, Row } from '../target.js';

export function canonicalColumnName(name: string): string {
  return identifierName({ kind: 'quoted', text: `"${name.replace(/"/g, '""')}"` });
}

type Converter = (value: unknown) => unknown;

function integer(value: unknown): unknown {
  const text = String(value);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

function decimal(value: unknown): unknown {
  return Number(value);
}

function date(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

function timestamp(value: unknown): unknown {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

/** Snowflake TIME arrives as the driver's SfTime; its seconds and nanoseconds give the wall-clock text. */
function time(value: unknown): unknown {
  const t = value as { getMidnightSeconds?: () => number; getNanoSeconds?: () => number };
  // In array row mode the driver hands TIME over already formatted ('1970-01-01T07:08:09Z').
  if (typeof t.getMidnightSeconds !== 'function') return /T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(String(value))?.[1] ?? String(value);
  const seconds = t.getMidnightSeconds();
  const nanos = t.getNanoSeconds?.() ?? 0;
  const hh = String(Math.floor(seconds / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  const fraction = nanos > 0 ? `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}` : '';
  return `${hh}:${mm}:${ss}${fraction}`;
}

function identity(value: unknown): unknown {
  return value;
}

function converterFor(column: SdkColumn): Converter {
  switch (column.getType()) {
    case 'fixed':
      return column.getScale() === 0 ? integer : decimal;
    case 'real':
      return decimal;
    case 'date':
      return date;
    case 'time':
      return time;
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
      return timestamp;
    default:
      return identity;
  }
}

export interface RowConverter {
  columns: Column[];
  convert(raw: readonly unknown[]): Row;
}

/** Builds the converter for one result; the driver hands rows as arrays (rowMode 'array'). */
export function rowConverter(sdkColumns: readonly SdkColumn[]): RowConverter {
  const columns = sdkColumns.map((c) => ({ name: canonicalColumnName(c.getName()), type: c.getType() }));
  const converters = sdkColumns.map(converterFor);
  return {
    columns,
    convert(raw) {
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) {
        const value = raw[i];
        row[columns[i]!.name] = value === null || value === undefined ? null : converters[i]!(value);
      }
      return row;
    },
  };
}
