export { DuckDbConnection, DuckDbTarget } from './target.js';
export type { DuckDbTargetOptions } from './target.js';
export { columnKey } from './values.js';
