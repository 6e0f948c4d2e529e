// The date histogram: year, month or day buckets, whichever gives a readable number of bars.
// A click on a bar keeps its period; a drag across bars keeps the range; the date inputs do the
// same by hand; the undated count is a toggle.

import { api, searchParams } from './api.js';
import { $, el, plural } from './dom.js';
import { go } from './state.js';

const pad = (n) => String(n).padStart(2, '0');
const monthIndex = (ym) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthOf = (i) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
const dayMs = 86400000;
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);

// Fills the gaps between the first and last value with empty buckets.
function buckets(values, unit) {
  const counts = new Map(values.map((v) => [v.value, v.count]));
  const keys = values.map((v) => v.value).sort();
  if (!keys.length) return [];
  const out = [];
  if (unit === 'year') {
    for (let y = Number(keys[0]); y <= Number(keys[keys.length - 1]); y++) out.push(String(y));
  } else if (unit === 'month') {
    for (let i = monthIndex(keys[0]); i <= monthIndex(keys[keys.length - 1]); i++) out.push(monthOf(i));
  } else {
    for (let t = Date.parse(keys[0]); t <= Date.parse(keys[keys.length - 1]); t += dayMs) out.push(dayOf(t));
  }
  return out.map((key) => ({ key, count: counts.get(key) || 0 }));
}

// `isCurrent` says whether the search drawn is still the latest (else a day count is dropped).
export async function renderHistogram(state, result, isCurrent) {
  const facet = (name) => (result.facets || []).find((x) => x.name === name) || { values: [], more: 0 };
  const years = facet('year');
  const months = facet('month');
  const undated = years.undated || 0;
  let unit = 'month';
  let values = months.values;
  const spanMonths = values.length ? monthIndex(values[values.length - 1].value) - monthIndex(values[0].value) + 1 : 0;
  if (months.more || spanMonths > MAX_MONTH_BARS) {
    unit = 'year';
    values = years.values;
  } else if (spanMonths > 0 && spanMonths <= 2) {
    const params = searchParams(state);
    params.set('limit', '0');
    params.append('facet', 'day');
    params.set('facet_limit', '100');
    try {
      const days = await api('/api/search', params);
      if (!isCurrent()) return;
      unit = 'day';
      values = (days.facets || []).find((x) => x.name === 'day').values;
    } catch (_) {
      // Month bars are still right; keep them.
    }
  }
  drawHistogram(state, buckets(values, unit), unit);
  $('date-from').value = expandDate(state.from, 'start');
  $('date-to').value = expandDate(state.to, 'end');
  const toggle = $('undated-toggle');
  toggle.hidden = !undated && !state.undated;
  toggle.textContent = state.undated ? 'Show dated articles too' : `${plural(undated, 'undated article')}`;
  toggle.setAttribute('aria-pressed', state.undated ? 'true' : 'false');
  $('bucket-note').textContent = values.length ? `per ${unit}` : '';
}

// `2024` -> 2024-01-01 or 2024-12-31, for the date inputs.
function expandDate(value, end) {
  if (!value) return '';
  if (/^\d{4}$/.test(value)) return end === 'end' ? `${value}-12-31` : `${value}-01-01`;
  if (/^\d{4}-\d{2}$/.test(value)) {
    if (end !== 'end') return `${value}-01`;
    const [y, m] = value.split('-').map(Number);
    return dayOf(Date.UTC(y, m, 0));
  }
  return value;
}

const MAX_MONTH_BARS = 60;
let drag = null; // { start, end, moved } while the pointer is down on the histogram

function drawHistogram(state, bars, unit) {
  const box = $('histogram');
  box.replaceChildren();
  box.dataset.unit = unit;
  box.hidden = !bars.length;
  if (!bars.length) return;
  const max = Math.max(...bars.map((b) => b.count));
  const from = expandDate(state.from, 'start');
  const to = expandDate(state.to, 'end');
  const inRange = (key) => (from || to) && (!from || key >= from.slice(0, key.length)) && (!to || key <= to.slice(0, key.length));
  bars.forEach((bar, i) => {
    const label = bar.key;
    const fill = el('span', { class: 'fill' });
    fill.style.height = `${bar.count ? Math.max(4, (100 * bar.count) / max) : 0}%`;
    box.append(el('button', {
      type: 'button', class: inRange(bar.key) ? 'bar in-range' : 'bar', 'data-i': String(i), 'data-key': bar.key,
      'aria-label': `${label}: ${plural(bar.count, 'article')}`, title: `${label}: ${plural(bar.count, 'article')}`,
      onclick: () => {
        if (drag && drag.moved) return;
        go({ from: bar.key, to: bar.key, undated: false });
      },
    }, fill));
  });
  // A label under every few bars, as many as fit.
  const every = Math.ceil(bars.length / 8);
  const axis = el('div', { class: 'axis', 'aria-hidden': 'true' },
    bars.map((bar, i) => el('span', { text: i % every === 0 && i + every <= bars.length ? bar.key : '' })));
  box.append(axis);
  box.onpointerdown = (event) => {
    const i = barAt(box, event.clientX);
    if (i === null) return;
    drag = { start: i, end: i, moved: false };
    event.preventDefault();
  };
  box.onpointermove = (event) => {
    if (!drag) return;
    const i = barAt(box, event.clientX);
    if (i === null || i === drag.end) return;
    drag.end = i;
    drag.moved = drag.end !== drag.start;
    paintDrag(box);
  };
  document.onpointerup = () => {
    if (!drag) return;
    const { start, end, moved } = drag;
    if (moved) {
      const keys = [...box.querySelectorAll('.bar')].map((b) => b.dataset.key);
      go({ from: keys[Math.min(start, end)], to: keys[Math.max(start, end)], undated: false });
    }
    setTimeout(() => { drag = null; }, 0);
  };
}

// Which bar is under the pointer's x, from the bars' own boxes.
function barAt(box, x) {
  for (const bar of box.querySelectorAll('.bar')) {
    const r = bar.getBoundingClientRect();
    if (x >= r.left && x < r.right) return Number(bar.dataset.i);
  }
  return null;
}

function paintDrag(box) {
  const lo = Math.min(drag.start, drag.end);
  const hi = Math.max(drag.start, drag.end);
  for (const bar of box.querySelectorAll('.bar')) {
    const i = Number(bar.dataset.i);
    bar.classList.toggle('dragged', i >= lo && i <= hi);
  }
}
