import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';

/** One entry of Snowflake's `rowtype`, the result's column metadata. */
export interface RowType {
  name: string;
  type: string;
  nullable: boolean;
  scale: number | null;
  precision: number | null;
  length: number | null;
  byteLength: number | null;
  database: string;
  schema: string;
  table: string;
  collation: null;
}

const INTEGER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
]);

const STRUCTURED_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.UNION,
]);

/** Snowflake resolves unquoted names to upper case; DuckDB keeps the spelling of the query. */
export function snowflakeColumnName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name.toUpperCase() : name;
}

/** A column of the given Snowflake type, with the metadata fields the driver reads. */
export function column(name: string, type: string, extra: Partial<RowType> = {}): RowType {
  return {
    name,
    type,
    nullable: true,
    scale: null,
    precision: null,
    length: null,
    byteLength: null,
    database: '',
    schema: '',
    table: '',
    collation: null,
    ...extra,
  };
}

export function rowType(duckdbName: string, type: DuckDBType): RowType {
  const name = snowflakeColumnName(duckdbName);
  const id = type.typeId;
  if (INTEGER_TYPES.has(id)) return column(name, 'fixed', { precision: 38, scale: 0 });
  if (id === DuckDBTypeId.DECIMAL) {
    const match = /\((\d+),\s*(\d+)\)/.exec(type.toString());
    return column(name, 'fixed', { precision: Number(match?.[1] ?? 38), scale: Number(match?.[2] ?? 0) });
  }
  if (id === DuckDBTypeId.FLOAT || id === DuckDBTypeId.DOUBLE) return column(name, 'real');
  if (id === DuckDBTypeId.BOOLEAN) return column(name, 'boolean');
  if (id === DuckDBTypeId.DATE) return column(name, 'date');
  if (id === DuckDBTypeId.TIME) return column(name, 'time', { scale: 6 });
  if (id === DuckDBTypeId.TIMESTAMP_TZ) return column(name, 'timestamp_ltz', { scale: 6 });
  if (id === DuckDBTypeId.TIMESTAMP) return column(name, 'timestamp_ntz', { scale: 6 });
  if (id === DuckDBTypeId.BLOB) return column(name, 'binary', { length: 8388608, byteLength: 8388608 });
  // Semi-structured values travel as VARIANT JSON text; Snowflake's typed 'object'/'array' need field metadata.
  if (STRUCTURED_TYPES.has(id)) return column(name, 'variant');
  return column(name, 'text', { length: 16777216, byteLength: 16777216 });
}

/** Decimal text of `micros / 10^6`, exact, as Snowflake sends epoch seconds with a fraction. */
function microsText(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  return `${negative ? '-' : ''}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}

function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** Encodes one DuckDB value as the string Snowflake's JSON rowset carries. */
export function encodeValue(value: DuckDBValue, type: RowType, js: unknown): string | null {
  if (value === null) return null;
  switch (type.type) {
    case 'boolean':
      return value === true ? '1' : '0';
    case 'date':
      return String((value as { days: number }).days);
    case 'time':
    case 'timestamp_ntz':
    case 'timestamp_ltz': {
      const micros = (value as { micros: bigint }).micros;
      return microsText(type.type === 'time' ? micros % 86_400_000_000n : micros);
    }
    case 'binary':
      return Buffer.from((value as { bytes: Uint8Array }).bytes).toString('hex').toUpperCase();
    case 'variant':
      return JSON.stringify(toJson(js));
    case 'real':
      return Number.isNaN(value) ? 'NaN' : String(value);
    default:
      return String(value);
  }
}
