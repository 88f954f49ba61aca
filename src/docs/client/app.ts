/// <reference lib="dom" />
/** The docs site's entry point: wires the graph, the search box and the panel to the URL hash. Browser code (see charts.ts). */

import type { SiteData } from '../site-data.js';
import { esc } from './charts.js';
import { graphView } from './graph-view.js';
import { columnPanel, nodePanel } from './panel.js';

export function siteApp(data: SiteData): void {
  const panel = document.getElementById('panel')!;
  const search = document.getElementById('search') as HTMLInputElement;
  const status = document.getElementById('status')!;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const view = graphView(data, document.getElementById('graph') as unknown as SVGSVGElement, (id) => {
    location.hash = `node=${encodeURIComponent(id)}`;
  });
  status.textContent = `${data.nodes.length} nodes · ${data.edges.length} edges · ${data.unreachable ? `warehouse not read: ${data.unreachable}` : `state from ${data.target}`}`;

  const route = (): void => {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith('node=')) {
      const node = byId.get(hash.slice(5));
      if (!node) return;
      panel.innerHTML = nodePanel(data, node);
      view.mark('selected', new Set([node.id]));
      view.mark('lineage', new Set());
      view.focus(node.id);
    } else if (hash.startsWith('column=')) {
      const value = hash.slice(7);
      const split = value.lastIndexOf(':');
      const shown = columnPanel(data, value.slice(0, split), value.slice(split + 1));
      panel.innerHTML = shown.html;
      view.mark('lineage', shown.nodes);
    } else {
      panel.innerHTML = `<h2>${esc(data.project)}</h2><p>Click a node for its SQL, columns and last build; a model for its card. Search by name above.</p>`;
    }
  };
  window.addEventListener('hashchange', route);
  route();

  search.addEventListener('input', () => {
    const query = search.value.trim().toLowerCase();
    const matches = new Set(query ? data.nodes.filter((n) => n.name.toLowerCase().includes(query) || n.id.includes(query)).map((n) => n.id) : []);
    view.mark('match', matches);
    const first = matches.values().next();
    if (!first.done) view.focus(first.value);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const query = search.value.trim().toLowerCase();
    const hit = data.nodes.find((n) => n.name.toLowerCase().includes(query));
    if (hit) location.hash = `node=${encodeURIComponent(hit.id)}`;
  });
}
