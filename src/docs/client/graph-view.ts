/// <reference lib="dom" />
/** The interactive graph: SVG nodes and edges, pan by dragging, zoom with the wheel, search. Browser code (see charts.ts). */

import type { SiteData } from '../site-data.js';
import { esc } from './charts.js';

export interface GraphView {
  /** Centres the view on a node. */
  focus(id: string): void;
  /** Marks nodes with a class, clearing it from every other node. */
  mark(className: string, ids: ReadonlySet<string>): void;
}

export function graphView(data: SiteData, svg: SVGSVGElement, onSelect: (id: string) => void): GraphView {
  const { width: w, height: h } = data.size.node;
  const at = new Map(data.nodes.map((n) => [n.id, n]));
  // Measured before the graph is drawn, so the zoom that hides labels applies to the first layout.
  const box = svg.getBoundingClientRect();
  const view = { k: 1, x: 0, y: 0 };
  const edges = data.edges
    .map(([from, to]) => {
      const a = at.get(from);
      const b = at.get(to);
      if (!a || !b) return '';
      const x1 = a.x + w;
      const y1 = a.y + h / 2;
      const x2 = b.x;
      const y2 = b.y + h / 2;
      const mid = (x1 + x2) / 2;
      return `<path class="edge" data-from="${esc(from)}" data-to="${esc(to)}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}"/>`;
    })
    .join('');
  const nodes = data.nodes
    .map((n) => `<g class="node kind-${n.kind}" data-id="${esc(n.id)}" transform="translate(${n.x},${n.y})"><rect width="${w}" height="${h}" rx="6"/><text x="10" y="15" class="kind">${n.kind}</text><text x="10" y="29">${esc(n.name.length > 24 ? `${n.name.slice(0, 23)}…` : n.name)}</text></g>`)
    .join('');
  svg.innerHTML = `<g class="viewport">${edges}${nodes}</g>`;
  const viewport = svg.querySelector('g.viewport') as SVGGElement;
  const elements = new Map<string, Element>();
  svg.querySelectorAll('g.node').forEach((el) => elements.set(el.getAttribute('data-id') ?? '', el));

  const apply = (): void => {
    viewport.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
    // Labels too small to read are not laid out, which keeps the first layout of thousands of nodes cheap.
    svg.classList.toggle('far', view.k < 0.35);
  };
  view.k = Math.min(1, box.width / (data.size.width + 40), box.height / (data.size.height + 40));
  view.k = Math.max(view.k, 0.02);
  view.x = 20;
  view.y = Math.max(20, (box.height - data.size.height * view.k) / 2);
  apply();

  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const k = Math.min(4, Math.max(0.02, view.k * Math.exp(-event.deltaY * 0.0015)));
    view.x = px - ((px - view.x) * k) / view.k;
    view.y = py - ((py - view.y) * k) / view.k;
    view.k = k;
    apply();
  });
  let drag: { x: number; y: number; moved: boolean } | undefined;
  svg.addEventListener('mousedown', (event) => {
    drag = { x: event.clientX, y: event.clientY, moved: false };
  });
  window.addEventListener('mousemove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    view.x += dx;
    view.y += dy;
    drag.x = event.clientX;
    drag.y = event.clientY;
    apply();
  });
  window.addEventListener('mouseup', () => {
    // A drag that ends on a node is a pan, not a click.
    setTimeout(() => (drag = undefined), 0);
  });
  svg.addEventListener('click', (event) => {
    if (drag?.moved) return;
    const node = (event.target as Element).closest('g.node');
    const id = node?.getAttribute('data-id');
    if (id) onSelect(id);
  });

  return {
    focus(id) {
      const n = at.get(id);
      if (!n) return;
      const rect = svg.getBoundingClientRect();
      const left = view.x + n.x * view.k;
      const top = view.y + n.y * view.k;
      // A node already in view stays where it is, so clicking does not move the graph.
      if (left >= 0 && top >= 0 && left + w * view.k <= rect.width && top + h * view.k <= rect.height) return;
      view.k = Math.max(view.k, 0.8);
      view.x = rect.width / 2 - (n.x + w / 2) * view.k;
      view.y = rect.height / 2 - (n.y + h / 2) * view.k;
      apply();
    },
    mark(className, ids) {
      for (const [id, el] of elements) el.classList.toggle(className, ids.has(id));
      svg.classList.toggle(`has-${className}`, ids.size > 0);
      svg.querySelectorAll('path.edge').forEach((el) => {
        el.classList.toggle(className, ids.has(el.getAttribute('data-from') ?? '') && ids.has(el.getAttribute('data-to') ?? ''));
      });
    },
  };
}
