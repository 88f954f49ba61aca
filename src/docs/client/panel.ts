/// <reference lib="dom" />
/** The side panel: a node's details, a model card, a monitor's history, a column's lineage. Browser code (see charts.ts). */

import { columnEdges } from '../manifest.js';
import type { SiteData, SiteNode } from '../site-data.js';
import type { ModelVersion } from '../warehouse.js';
import { barChart, confusionMatrix, esc, lineChart, rocChart } from './charts.js';

export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function nodePanel(data: SiteData, node: SiteNode): string {
  const rows: [string, string][] = [
    ['id', esc(node.id)],
    ['file', esc(`${node.file}:${node.line}`)],
    ['fingerprint', `<code>${esc(node.fingerprint)}</code>`],
  ];
  if (node.relation) rows.push(['table', `<code>${esc(node.relation)}</code>`]);
  if (node.tags) rows.push(['tags', esc(node.tags.join(', '))]);
  if (node.parents.length > 0) rows.push(['parents', node.parents.map((p) => `<a href="#node=${encodeURIComponent(p)}">${esc(p)}</a>`).join(', ')]);
  rows.push(['last build', node.build ? esc(node.build.builtAt) : `never on ${esc(data.target)}`]);
  if (node.build?.rows !== undefined) rows.push(['rows', esc(node.build.rows.toLocaleString('en-US'))]);
  const columns = (node.columns ?? [])
    .map((c) => {
      const sources = node.lineage?.find((l) => l.column === c)?.sources ?? [];
      return `<li><a href="#column=${encodeURIComponent(`${node.id}:${c}`)}" class="column">${esc(c)}</a>${sources.length > 0 ? ` <span class="muted">← ${esc(sources.join(', '))}</span>` : ''}</li>`;
    })
    .join('');
  let body = `<h2><span class="badge kind-${node.kind}">${node.kind}</span> ${esc(node.name)}</h2>`;
  if (node.description) body += `<p>${esc(node.description)}</p>`;
  body += `<table class="facts">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;
  if (node.kind === 'model') body += modelCard(data, node);
  if (node.kind === 'monitor') body += monitorHistory(data, node);
  if (columns) body += `<h3>Columns</h3><ul class="columns">${columns}</ul>`;
  if (node.tests && node.tests.length > 0) body += `<h3>Tests</h3><ul class="tests">${node.tests.map((t) => `<li><b>${esc(t.target)}</b> ${esc(t.check)}</li>`).join('')}</ul>`;
  if (node.spec !== undefined) body += `<h3>Spec</h3><pre>${esc(JSON.stringify(node.spec, null, 2))}</pre>`;
  if (node.sql) body += `<h3>SQL (${esc(data.target)})</h3><pre class="sql">${esc(node.sql)}</pre>`;
  return body;
}

export function modelCard(data: SiteData, node: SiteNode): string {
  const versions: ModelVersion[] = data.models[node.model ?? node.name] ?? [];
  if (versions.length === 0) return `<section class="model-card"><h3>Model card</h3><p class="muted">No version registered on ${esc(data.target)}${data.unreachable ? ` (${esc(data.unreachable)})` : ''}.</p></section>`;
  const champion = versions.find((v) => v.status === 'CHAMPION');
  const challenger = versions.find((v) => v.status === 'CHALLENGER');
  const shown = champion ?? versions[versions.length - 1]!;
  const headline = ['auc_roc', 'accuracy', 'f1_score', 'precision', 'recall', 'rmse', 'r2'].filter((m) => versions.some((v) => numberOf(v.metrics[m]) !== undefined));
  const table = `<table class="versions"><tr><th>version</th><th>trained</th><th>status</th><th>algorithm</th>${headline.map((m) => `<th>${m}</th>`).join('')}</tr>${versions
    .map((v) => `<tr><td>${esc(v.version)}</td><td>${esc(v.trainedAt.slice(0, 16))}</td><td>${esc(v.status)}</td><td>${esc(v.algorithm)}</td>${headline.map((m) => `<td>${numberOf(v.metrics[m])?.toFixed(4) ?? ''}</td>`).join('')}</tr>`)
    .join('')}</table>`;
  const overTime = lineChart(
    'Metrics by version',
    versions.map((v) => v.version),
    headline.slice(0, 3).map((m) => ({ name: m, values: versions.map((v) => numberOf(v.metrics[m]) ?? null) })),
  );
  const importance = barChart(`Feature importance (${shown.version})`, [...shown.importance].sort((a, b) => b.value - a.value).map((i) => ({ label: i.feature, value: i.value })));
  // Versions registered before the registry stored curves have none: show the newest that has.
  const curved = shown.metrics.roc ? shown : [...versions].reverse().find((v) => v.metrics.roc !== undefined);
  const confusion = curved?.metrics.confusion as { tp: number; fp: number; tn: number; fn: number } | undefined;
  const roc = curved?.metrics.roc as { fpr: (number | null)[]; tpr: (number | null)[] } | undefined;
  return `<section class="model-card"><h3>Model card</h3>
<p>Champion: <b>${esc(champion?.version ?? 'none')}</b> · Challenger: <b>${esc(challenger?.version ?? 'none')}</b> · ${versions.length} version(s)</p>
${table}
${curved && curved !== shown ? `<p class="muted">Curves of ${esc(curved.version)}.</p>` : ''}<div class="pair">${confusion ? confusionMatrix(confusion) : ''}${roc ? rocChart(roc.fpr, roc.tpr, numberOf(curved?.metrics.auc_roc)) : ''}</div>
${importance}${overTime}</section>`;
}

export function monitorHistory(data: SiteData, node: SiteNode): string {
  const rows = data.monitoring[node.id] ?? [];
  if (rows.length === 0) return `<section class="monitor"><h3>Monitoring</h3><p class="muted">No monitoring rows on ${esc(data.target)}.</p></section>`;
  const skip = new Set(['monitoring_id', 'total_predictions', 'correct_predictions']);
  const metrics = Object.keys(rows[0]!).filter((k) => !skip.has(k) && rows.some((r) => numberOf(r[k]) !== undefined));
  const periods = [...new Set(rows.map((r) => String(r.prediction_date ?? '')))].sort();
  const variants = [...new Set(rows.map((r) => `${String(r.model_version ?? '')} ${String(r.variant ?? '')}`.trim()))];
  const charts = metrics.map((metric) =>
    lineChart(
      metric,
      periods,
      variants.map((variant) => ({
        name: variant || metric,
        values: periods.map((p) => numberOf(rows.find((r) => String(r.prediction_date ?? '') === p && `${String(r.model_version ?? '')} ${String(r.variant ?? '')}`.trim() === variant)?.[metric]) ?? null),
      })),
    ),
  );
  return `<section class="monitor"><h3>Monitoring history</h3>${charts.join('')}</section>${driftHistory(data, node)}`;
}

/** One chart per drift method: each feature's value over time, beside the method's threshold. */
export function driftHistory(data: SiteData, node: SiteNode): string {
  const rows = data.drift[node.id] ?? [];
  if (rows.length === 0) return '';
  const dates = [...new Set(rows.map((r) => String(r.drift_date)))].sort();
  const methods = [...new Set(rows.map((r) => String(r.method)))].sort();
  const charts = methods.map((method) => {
    const ofMethod = rows.filter((r) => String(r.method) === method);
    const features = [...new Set(ofMethod.map((r) => String(r.feature)))].sort();
    const threshold = numberOf(ofMethod[0]?.threshold);
    const series = features.map((feature) => ({
      name: feature,
      values: dates.map((d) => numberOf(ofMethod.find((r) => String(r.drift_date) === d && String(r.feature) === feature)?.value) ?? null),
    }));
    if (threshold !== undefined) series.push({ name: `threshold ${threshold}`, values: dates.map(() => threshold) });
    return lineChart(`drift: ${method}`, dates, series);
  });
  return `<section class="drift"><h3>Drift history</h3>${charts.join('')}</section>`;
}

/** Every column a column depends on (upstream) or feeds (downstream), through the SQL lineage. */
export function columnPanel(data: SiteData, nodeId: string, column: string): { html: string; nodes: Set<string> } {
  const key = (n: string, c: string): string => `${n}:${c}`;
  const walk = (start: string, next: Map<string, string[]>): string[] => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      for (const k of next.get(stack.pop()!) ?? []) {
        if (!seen.has(k)) {
          seen.add(k);
          stack.push(k);
        }
      }
    }
    return [...seen];
  };
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const e of columnEdges(data)) {
    const from = key(e.from.node, e.from.column);
    const to = key(e.to.node, e.to.column);
    (up.get(to) ?? up.set(to, []).get(to)!).push(from);
    (down.get(from) ?? down.set(from, []).get(from)!).push(to);
  }
  const start = key(nodeId, column);
  const upstream = walk(start, up);
  const downstream = walk(start, down);
  const list = (keys: string[]): string =>
    keys.length === 0 ? '<p class="muted">none</p>' : `<ul>${keys.map((k) => `<li><a href="#column=${encodeURIComponent(k)}">${esc(k)}</a></li>`).join('')}</ul>`;
  const nodes = new Set([nodeId, ...[...upstream, ...downstream].map((k) => k.slice(0, k.lastIndexOf(':')))]);
  return {
    html: `<h2>Column ${esc(column)}</h2><p>of <a href="#node=${encodeURIComponent(nodeId)}">${esc(nodeId)}</a></p><h3>Upstream</h3>${list(upstream)}<h3>Downstream</h3>${list(downstream)}`,
    nodes,
  };
}
