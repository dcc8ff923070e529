/**
 * Small SVG charts drawn with our own code: vertical bars (a distribution), horizontal bars
 * (rankings, the funnel, rates) and a stacked bar (shares). Labels are SVG text nodes; every
 * chart also carries its numbers in an aria-label, so a screen reader gets them too.
 */
import { h, s } from './dom.js';

/**
 * Charts are drawn in a coordinate space about as wide as they will be on screen, so their
 * text stays readable on a phone instead of being scaled down with a wide drawing.
 */
function chartWidth() {
  return window.matchMedia('(max-width: 600px)').matches ? 360 : 600;
}

function svgRoot(width, height, label) {
  return s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': label,
    class: 'chart-svg',
    preserveAspectRatio: 'xMidYMid meet',
  });
}

function ellipsis(text, max) {
  const t = String(text ?? '—');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Vertical bars for a distribution, e.g. first-response time buckets. */
export function columnChart(items, { label, unit = '' }) {
  const WIDTH = chartWidth();
  const height = 240;
  const top = 24;
  const bottom = 44;
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = WIDTH / Math.max(1, items.length);
  const barWidth = Math.min(64, slot * 0.6);
  const plot = height - top - bottom;
  const svg = svgRoot(
    WIDTH,
    height,
    `${label}: ${items.map((i) => `${i.label} ${i.value}${unit}`).join(', ')}`,
  );
  svg.append(s('line', { x1: 0, x2: WIDTH, y1: height - bottom, y2: height - bottom, class: 'axis' }));
  items.forEach((item, n) => {
    const barHeight = (item.value / max) * plot;
    const x = n * slot + (slot - barWidth) / 2;
    const y = height - bottom - barHeight;
    svg.append(
      s('rect', {
        x,
        y,
        width: barWidth,
        height: Math.max(barHeight, item.value > 0 ? 2 : 0),
        rx: 3,
        class: `bar ${item.class ?? ''}`.trim(),
      }),
      s(
        'text',
        { x: x + barWidth / 2, y: y - 6, 'text-anchor': 'middle', class: 'value' },
        `${item.value}${unit}`,
      ),
      s(
        'text',
        { x: n * slot + slot / 2, y: height - bottom + 18, 'text-anchor': 'middle', class: 'label' },
        ellipsis(item.label, Math.max(4, Math.floor(slot / 7))),
      ),
    );
  });
  return svg;
}

/**
 * Horizontal bars, one row per item: label, bar, value text. `value` sets the bar length
 * against `max` (default: the largest value); `text` is what is written after the bar.
 */
export function barList(items, { label, max, labelShare = 0.32 }) {
  const WIDTH = chartWidth();
  const labelWidth = Math.round(WIDTH * labelShare);
  const row = 30;
  const height = Math.max(row, items.length * row) + 8;
  const top = Math.max(1e-9, max ?? Math.max(0, ...items.map((i) => i.value)));
  const barMax = WIDTH - labelWidth - 100;
  const svg = svgRoot(
    WIDTH,
    height,
    `${label}: ${items.map((i) => `${i.label} ${i.text ?? i.value}`).join(', ')}`,
  );
  items.forEach((item, n) => {
    const y = n * row + 4;
    const w = Math.max(item.value > 0 ? 2 : 0, (item.value / top) * barMax);
    svg.append(
      s(
        'text',
        {
          x: labelWidth - 8,
          y: y + row / 2,
          'text-anchor': 'end',
          'dominant-baseline': 'middle',
          class: 'label',
        },
        ellipsis(item.label, Math.floor((labelWidth - 10) / 7)),
      ),
      s('rect', {
        x: labelWidth,
        y: y + 5,
        width: w,
        height: row - 12,
        rx: 3,
        class: `bar ${item.class ?? ''}`.trim(),
      }),
      s(
        'text',
        { x: labelWidth + w + 6, y: y + row / 2, 'dominant-baseline': 'middle', class: 'value' },
        String(item.text ?? item.value),
      ),
    );
  });
  return svg;
}

/** One bar split into coloured shares, with a legend below it. */
export function stackedBar(parts, { label }) {
  const WIDTH = chartWidth();
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  const height = 44;
  const svg = svgRoot(WIDTH, height, `${label}: ${parts.map((p) => `${p.label} ${p.value}`).join(', ')}`);
  let x = 0;
  if (total === 0) svg.append(s('rect', { x: 0, y: 8, width: WIDTH, height: 28, rx: 4, class: 'bar empty' }));
  for (const p of parts) {
    const w = total === 0 ? 0 : (p.value / total) * WIDTH;
    if (w > 0) svg.append(s('rect', { x, y: 8, width: w, height: 28, class: `bar ${p.class}` }));
    x += w;
  }
  const legend = h(
    'ul',
    { class: 'legend' },
    parts.map((p) =>
      h(
        'li',
        null,
        h('span', { class: `swatch ${p.class}`, 'aria-hidden': 'true' }),
        `${p.label}: ${p.value}`,
      ),
    ),
  );
  return h('div', { class: 'stacked' }, svg, legend);
}

/** A titled chart panel; `empty` replaces the chart when there is nothing to draw. */
export function chartPanel(title, chart, { note, empty } = {}) {
  return h(
    'section',
    { class: 'panel chart', 'data-chart': title },
    h('h2', null, title),
    empty ? h('p', { class: 'muted' }, empty) : chart,
    note ? h('p', { class: 'muted small' }, note) : null,
  );
}
