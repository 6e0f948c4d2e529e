// Research views: attention over time for several queries, and entities mentioned together.

import { api } from './api.js';
import { $, el, plural, svg } from './dom.js';
import { FACETS, readState, urlOf } from './state.js';

export async function renderTrends(state) {
  $('trend-queries').value = state.trendQueries.join('\n');
  $('trend-interval').value = state.interval;
  $('trend-share').checked = state.share;
  $('trends-chart').replaceChildren();
  $('trends-table').replaceChildren();
  const queries = state.trendQueries.filter((q) => q.trim());
  if (!queries.length) {
    $('trends-status').textContent = 'Type one or more queries, one per line.';
    return;
  }
  $('trends-status').textContent = 'Counting…';
  let series;
  try {
    series = await timeline(queries, state.interval, state.share);
  } catch (error) {
    $('trends-status').textContent = `Could not count: ${error.message}`;
    return;
  }
  const share = state.share ? ', as a share of all articles' : '';
  $('trends-status').textContent = `${plural(queries.length, 'query', 'queries')} per ${state.interval}${share}`;
  drawLines(series, state.share);
  $('trends-table').append(trendTable(series, state.share));
}

// The API's timeline as { periods, lines: [{ label, values }] }: counts, or shares of all
// articles of each period when asked.
async function timeline(queries, interval, share) {
  const params = new URLSearchParams();
  queries.forEach((q) => params.append('q', q));
  params.set('interval', interval);
  if (share) params.set('share', 'true');
  const data = await api('/api/timeline', params);
  return {
    periods: data.periods,
    lines: data.series.map((s) => ({ label: s.query || '(everything)', values: share ? s.share : s.counts, undated: s.undated })),
  };
}

function drawLines(series, share) {
  const width = 760;
  const height = 260;
  const left = 48;
  const bottom = 24;
  const max = Math.max(...series.lines.flatMap((l) => l.values), share ? 0.0001 : 1);
  const n = series.periods.length;
  const x = (i) => left + (n <= 1 ? 0 : (i * (width - left - 8)) / (n - 1));
  const y = (v) => 8 + (height - bottom - 8) * (1 - v / max);
  const format = (v) => (share ? `${(100 * v).toFixed(v * 100 < 10 ? 1 : 0)}%` : Math.round(v).toLocaleString('en'));
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'lines', role: 'img',
    'aria-label': 'Attention over time; the table below has the figures',
  });
  for (const v of [0, max / 2, max]) {
    chart.append(svg('line', { x1: left, x2: width, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: left - 4, y: y(v) + 4, class: 'tick', 'text-anchor': 'end', text: format(v) }));
  }
  if (n) {
    chart.append(svg('text', { x: left, y: height - 6, class: 'tick', text: series.periods[0] }),
      svg('text', { x: width, y: height - 6, class: 'tick', 'text-anchor': 'end', text: series.periods[n - 1] }));
  }
  series.lines.forEach((line, k) => {
    const points = line.values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
    chart.append(svg('polyline', { points, class: `series series-${k % 6}` }));
    line.values.forEach((v, i) => chart.append(svg('circle', { cx: x(i), cy: y(v), r: 2.5, class: `series-${k % 6}` },
      svg('title', { text: `${line.label}, ${series.periods[i]}: ${format(v)}` }))));
  });
  const legend = el('ul', { class: 'legend' }, series.lines.map((line, k) =>
    el('li', { class: `series-${k % 6}` }, el('span', { class: 'swatch' }), line.label)));
  $('trends-chart').replaceChildren(chart, legend);
}

function trendTable(series, share) {
  const head = el('tr', {}, el('th', { text: 'period' }), series.lines.map((l) => el('th', { text: l.label })));
  const rows = series.periods.map((p, i) => el('tr', {}, el('th', { text: p }),
    series.lines.map((l) => el('td', { text: share ? `${(100 * l.values[i]).toFixed(1)}%` : String(l.values[i]) }))));
  return el('table', { class: 'figures' }, el('caption', { text: 'The figures' }), el('thead', {}, head), el('tbody', {}, rows));
}

export async function renderRelated(state) {
  $('related-kind').value = state.kind;
  $('related-name').value = state.name;
  $('related-list').replaceChildren();
  fillNames(state.kind);
  if (!state.name) {
    $('related-status').textContent = 'Pick an entity.';
    return;
  }
  $('related-status').textContent = 'Counting…';
  let data;
  try {
    data = await api('/api/cooccurring', new URLSearchParams({ type: state.kind, name: state.name, top: '15' }));
  } catch (error) {
    $('related-status').textContent = `Could not count: ${error.message}`;
    return;
  }
  const mention = plural(data.articles, 'article mentions', 'articles mention');
  $('related-status').textContent = `${mention} ${data.name}. Most often mentioned with it:`;
  const groups = data.cooccurring.map((facet) => {
    const values = facet.values.filter((v) => !(facet.name === data.kind && v.value === data.name));
    if (!values.length) return null;
    const max = Math.max(...values.map((v) => v.count));
    return el('section', { class: `group kind-${facet.name}` }, el('h3', { text: FACETS.find((f) => f.name === facet.name).label }),
      el('ol', {}, values.map((v) => {
        const bar = el('span', { class: 'bar-fill' });
        bar.style.width = `${(100 * v.count) / max}%`;
        const both = {
          ...readState(), view: 'search', q: '', from: '', to: '', undated: false, offset: 0, article: '',
          include: searchFor(data.kind, data.name, facet.name, v.value),
        };
        return el('li', {}, el('a', { href: urlOf(both), title: `Articles mentioning both ${data.name} and ${v.value}` }, v.value),
          el('span', { class: 'bar' }, bar), el('span', { class: 'n', text: String(v.count) }));
      })));
  });
  $('related-list').replaceChildren(...groups.filter(Boolean));
}

// Include filters for "articles mentioning both".
function searchFor(kind, name, otherKind, other) {
  const include = Object.fromEntries(FACETS.map((f) => [f.param, []]));
  include[kind].push(name);
  include[otherKind].push(other);
  return include;
}

const knownNames = {};
export async function fillNames(kind) {
  if (!knownNames[kind]) {
    try {
      const list = await api('/api/entities', new URLSearchParams({ type: kind, top: '500' }));
      knownNames[kind] = list.map((e) => e.name);
    } catch (_) {
      knownNames[kind] = [];
    }
  }
  $('related-names').replaceChildren(...knownNames[kind].map((name) => el('option', { value: name })));
}
