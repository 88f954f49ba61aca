/**
 * The static site: index.html, style.css, app.js and data.js, nothing fetched from the
 * network. Data is a script, not JSON, so the page also works opened from disk (file://
 * forbids fetch and module scripts). The client is TypeScript in client/, type-checked
 * with the rest; its functions are serialized into one classic script.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NODE_KINDS } from '../graph/node.js';
import { siteApp } from './client/app.js';
import { barChart, confusionMatrix, esc, lineChart, rocChart } from './client/charts.js';
import { graphView } from './client/graph-view.js';
import { columnPanel, driftHistory, modelCard, monitorHistory, nodePanel, numberOf } from './client/panel.js';
import { KIND_COLORS } from './kind-colors.js';
import { columnEdges } from './manifest.js';
import type { SiteData } from './site-data.js';

const CLIENT_FUNCTIONS = [columnEdges, esc, lineChart, barChart, rocChart, confusionMatrix, graphView, numberOf, nodePanel, modelCard, monitorHistory, driftHistory, columnPanel, siteApp];

function appScript(): string {
  return `'use strict';\n${CLIENT_FUNCTIONS.map((f) => f.toString()).join('\n\n')}\n\nsiteApp(window.MLC_DATA);\n`;
}

function indexHtml(data: SiteData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.project)} · mlc docs</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<header><h1>${esc(data.project)}</h1><input id="search" type="search" placeholder="Search nodes" autocomplete="off"><span id="status"></span></header>
<main><svg id="graph" xmlns="http://www.w3.org/2000/svg"></svg><aside id="panel"></aside></main>
<script src="data.js"></script>
<script src="app.js"></script>
</body>
</html>
`;
}

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 system-ui, sans-serif; color: #222; height: 100vh; display: flex; flex-direction: column; }
header { display: flex; gap: 16px; align-items: center; padding: 8px 14px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 16px; margin: 0; }
#search { width: 260px; padding: 4px 8px; }
#status { color: #777; }
main { flex: 1; display: flex; min-height: 0; }
#graph { flex: 1; background: #fafafa; cursor: grab; user-select: none; }
#panel { width: 560px; overflow: auto; padding: 4px 16px 24px; border-left: 1px solid #ddd; }
.node rect { stroke: #777; stroke-width: 1; }
.node text { font-size: 12px; pointer-events: none; }
#graph.far .node text { display: none; }
.node text.kind { font-size: 9px; fill: #666; text-transform: uppercase; }
.node { cursor: pointer; }
.edge { fill: none; stroke: #aab; stroke-width: 1.2; }
.has-match .node:not(.match), .has-lineage .node:not(.lineage) { opacity: 0.25; }
.node.match rect { stroke: #e07b00; stroke-width: 3; }
.node.selected rect { stroke: #111; stroke-width: 3; }
.node.lineage rect { stroke: #2f9e6e; stroke-width: 3; }
.edge.lineage { stroke: #2f9e6e; stroke-width: 2.5; }
.badge { font-size: 10px; padding: 2px 6px; border-radius: 4px; border: 1px solid #999; text-transform: uppercase; vertical-align: middle; }
.facts th, .versions th { text-align: left; padding-right: 12px; color: #555; font-weight: 600; }
.versions { border-collapse: collapse; margin: 8px 0; }
.versions td, .versions th { border-bottom: 1px solid #eee; padding: 2px 8px 2px 0; font-size: 12px; }
.confusion { border-collapse: collapse; margin: 8px 16px 8px 0; }
.confusion td, .confusion th { border: 1px solid #ccc; padding: 4px 10px; text-align: center; font-size: 12px; }
.pair { display: flex; flex-wrap: wrap; align-items: flex-start; }
pre { background: #f4f4f4; padding: 8px; overflow: auto; font-size: 11.5px; max-height: 420px; }
.muted { color: #777; }
figure.chart { margin: 10px 0; }
figcaption { font-weight: 600; font-size: 12px; }
${NODE_KINDS.map((k) => `.kind-${k} rect, .badge.kind-${k} { fill: ${KIND_COLORS[k]}; background: ${KIND_COLORS[k]}; }`).join('\n')}
`;

/** Writes the site into `dir` (created if needed); returns the files written, relative to it. */
export async function writeSite(dir: string, data: SiteData): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {
    'index.html': indexHtml(data),
    'style.css': STYLE.trimStart(),
    'app.js': appScript(),
    'data.js': `window.MLC_DATA = ${JSON.stringify(data)};\n`,
  };
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(dir, name), content)));
  return Object.keys(files);
}
