/** A Snowflake error as the wire carries it: HTTP 200, `success:false`, a code and an SQLSTATE. */
export interface SnowflakeWireError {
  code: string;
  sqlState: string;
  message: string;
}

export function wireError(code: string, sqlState: string, message: string): SnowflakeWireError {
  return { code, sqlState, message };
}

/** Maps a DuckDB error onto the Snowflake code a real account would return for the same mistake. */
export function fromDuckDbError(error: unknown): SnowflakeWireError {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n')[0] ?? text;
  const missingTable = /^Catalog Error: (?:Table|View|Table Function|Schema) with name (\S+) does not exist/.exec(firstLine);
  if (missingTable) {
    return wireError('002003', '42S02', `SQL compilation error:\nObject '${missingTable[1]!.toUpperCase()}' does not exist or not authorized.`);
  }
  if (firstLine.startsWith('Catalog Error') && /already exists/.test(firstLine)) {
    return wireError('002002', '42710', `SQL compilation error:\n${firstLine.replace(/^Catalog Error: /, '')}`);
  }
  if (firstLine.startsWith('Catalog Error')) return wireError('002003', '02000', `SQL compilation error:\n${firstLine.replace(/^Catalog Error: /, '')}`);
  const missingColumn = /^Binder Error: Referenced column "?([^"\s]+)"? not found/.exec(firstLine);
  if (missingColumn) {
    return wireError('000904', '42000', `SQL compilation error: error line 0 at position 0\ninvalid identifier '${missingColumn[1]!.toUpperCase()}'`);
  }
  if (firstLine.startsWith('Parser Error')) {
    return wireError('001003', '42000', `SQL compilation error:\n${firstLine.replace(/^Parser Error: /, '')}`);
  }
  if (firstLine.startsWith('Binder Error')) return wireError('002140', '42601', `SQL compilation error:\n${firstLine.replace(/^Binder Error: /, '')}`);
  if (/division by zero/i.test(firstLine)) return wireError('100051', '22012', 'Division by zero');
  if (firstLine.startsWith('Conversion Error')) return wireError('100038', '22018', firstLine.replace(/^Conversion Error: /, ''));
  if (firstLine.startsWith('Constraint Error')) return wireError('100072', '22000', firstLine.replace(/^Constraint Error: /, ''));
  return wireError('000603', 'XX000', firstLine);
}
