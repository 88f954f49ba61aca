export { GRAPH_FORMATS, graphText, type GraphFormat, type GraphTextOptions } from './graph-text.js';
export { columnEdges, manifestOf, type ColumnEdge, type Manifest, type ManifestNode } from './manifest.js';
export { layeredLayout, type LayoutInput, type Point } from './layout.js';
export { monitorSources, siteData, type SiteData, type SiteInput, type SiteNode } from './site-data.js';
export { writeSite } from './site-files.js';
export { serveSite, type SiteServer } from './serve.js';
export { readWarehouse, type ModelVersion, type MonitorSource, type NodeBuild, type WarehouseFacts } from './warehouse.js';
