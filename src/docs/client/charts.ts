/// <reference lib="dom" />
/**
 * Hand-written SVG charts for the docs site. Browser code: each function is serialized
 * into the site's script (see ../site-files.ts), so it may only use its arguments, the
 * DOM and the other client functions.
 */

export function esc(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface Series {
  name: string;
  values: (number | null)[];
}

/** One line per series over shared x labels (versions, dates); y spans the data. */
export function lineChart(title: string, labels: string[], series: Series[]): string {
  const palette = ['#3b6fb6', '#d9822b', '#2f9e6e', '#a4508b', '#c23b3b', '#6b7a8f'];
  const w = 420;
  const h = 200;
  const pad = { l: 44, r: 12, t: 24, b: 36 };
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  if (all.length === 0) return '';
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const x = (i: number): number => pad.l + (labels.length > 1 ? (i * (w - pad.l - pad.r)) / (labels.length - 1) : (w - pad.l - pad.r) / 2);
  const y = (v: number): number => h - pad.b - ((v - lo) * (h - pad.t - pad.b)) / (hi - lo);
  const lines = series.map((s, k) => {
    const color = palette[k % palette.length];
    const points = s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : [x(i), y(v)] as const)).filter((p) => p !== null);
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ');
    const dots = points.map((p) => `<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="3" fill="${color}"/>`).join('');
    return `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>${dots}<text x="${pad.l + 6 + k * 110}" y="14" fill="${color}" font-size="11">${esc(s.name)}</text>`;
  });
  const step = Math.max(1, Math.ceil(labels.length / 6));
  const ticks = labels.map((l, i) => (i % step === 0 ? `<text x="${x(i).toFixed(1)}" y="${h - pad.b + 16}" font-size="10" text-anchor="middle">${esc(l)}</text>` : '')).join('');
  const axis = `<line x1="${pad.l}" y1="${h - pad.b}" x2="${w - pad.r}" y2="${h - pad.b}" stroke="#999"/><line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${h - pad.b}" stroke="#999"/>`;
  const yTicks = [lo, (lo + hi) / 2, hi].map((v) => `<text x="${pad.l - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="10" text-anchor="end">${v.toFixed(3)}</text>`).join('');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${axis}${yTicks}${ticks}${lines.join('')}</svg></figure>`;
}

export function barChart(title: string, items: { label: string; value: number }[]): string {
  if (items.length === 0) return '';
  const w = 420;
  const row = 20;
  const label = 170;
  const h = items.length * row + 8;
  const max = Math.max(...items.map((i) => Math.abs(i.value)), 1e-12);
  const bars = items
    .map((item, i) => {
      const width = (Math.abs(item.value) / max) * (w - label - 60);
      return `<text x="${label - 6}" y="${i * row + 14}" font-size="11" text-anchor="end">${esc(item.label)}</text><rect x="${label}" y="${i * row + 4}" width="${width.toFixed(1)}" height="${row - 6}" fill="#3b6fb6"/><text x="${(label + width + 4).toFixed(1)}" y="${i * row + 14}" font-size="10">${item.value.toFixed(3)}</text>`;
    })
    .join('');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${bars}</svg></figure>`;
}

export function rocChart(fpr: (number | null)[], tpr: (number | null)[], auc: number | undefined): string {
  const size = 240;
  const pad = 32;
  const scale = size - 2 * pad;
  const points = fpr.map((f, i) => [f, tpr[i] ?? null] as const).filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(pad + p[0] * scale).toFixed(1)},${(size - pad - p[1] * scale).toFixed(1)}`).join(' ');
  const caption = `ROC curve${auc === undefined ? '' : ` (AUC ${auc.toFixed(3)})`}`;
  return `<figure class="chart roc"><figcaption>${esc(caption)}</figcaption><svg viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">
<rect x="${pad}" y="${pad}" width="${scale}" height="${scale}" fill="none" stroke="#999"/>
<line x1="${pad}" y1="${size - pad}" x2="${size - pad}" y2="${pad}" stroke="#bbb" stroke-dasharray="4 3"/>
<path class="roc-curve" d="${path}" fill="none" stroke="#c23b3b" stroke-width="2"/>
<text x="${size / 2}" y="${size - 8}" font-size="10" text-anchor="middle">false positive rate</text>
<text x="10" y="${size / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 10 ${size / 2})">true positive rate</text></svg></figure>`;
}

export function confusionMatrix(c: { tp: number; fp: number; tn: number; fn: number }): string {
  return `<table class="confusion"><caption>Confusion matrix</caption>
<tr><th></th><th>predicted negative</th><th>predicted positive</th></tr>
<tr><th>actual negative</th><td>${c.tn}</td><td>${c.fp}</td></tr>
<tr><th>actual positive</th><td>${c.fn}</td><td>${c.tp}</td></tr></table>`;
}
