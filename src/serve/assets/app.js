// The page of `morgue serve`: plain JavaScript over the JSON API, no framework, no build step.
//
// The whole state lives in the URL's query string (readState / writeUrl): every change pushes a
// history entry, and `popstate` re-renders from the URL, so a link can be shared and the back
// button restores the previous search. Article text only ever reaches the page through
// textContent and DOM nodes, never innerHTML.
'use strict';

const PAGE_SIZE = 20;
const FACET_LIMIT = 100;
// Facets shown in the sidebar, in order, with the API parameter that keeps a value; those
// marked excludable can also leave one out (`not_<param>`; languages can only be kept).
const FACETS = [
  { name: 'person', param: 'person', excludable: true, label: 'People' },
  { name: 'org', param: 'org', excludable: true, label: 'Organisations' },
  { name: 'place', param: 'place', excludable: true, label: 'Places' },
  { name: 'event', param: 'event', excludable: true, label: 'Events' },
  { name: 'source', param: 'source', excludable: true, label: 'Sources' },
  { name: 'language', param: 'lang', label: 'Languages' },
];
const LONG_LIST = 8;

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// State <-> URL

function readState() {
  const p = new URLSearchParams(location.search);
  const state = {
    view: ['trends', 'related'].includes(p.get('view')) ? p.get('view') : 'search',
    q: p.get('q') || '',
    sort: p.get('sort') || 'relevance',
    from: p.get('from') || '',
    to: p.get('to') || '',
    undated: p.get('undated') === '1',
    offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0),
    article: p.get('article') || '',
    include: {},
    exclude: {},
    trendQueries: p.getAll('tq'),
    interval: p.get('interval') || 'month',
    share: p.get('share') === '1',
    kind: p.get('kind') || 'person',
    name: p.get('name') || '',
  };
  for (const f of FACETS) {
    state.include[f.param] = p.getAll(f.param);
    state.exclude[f.param] = p.getAll('not_' + f.param);
  }
  return state;
}

function stateToQuery(state) {
  const p = new URLSearchParams();
  if (state.view !== 'search') p.set('view', state.view);
  if (state.view === 'trends') {
    state.trendQueries.forEach((q) => p.append('tq', q));
    if (state.interval !== 'month') p.set('interval', state.interval);
    if (state.share) p.set('share', '1');
    return p.toString();
  }
  if (state.view === 'related') {
    p.set('kind', state.kind);
    if (state.name) p.set('name', state.name);
    return p.toString();
  }
  if (state.q) p.set('q', state.q);
  for (const f of FACETS) {
    state.include[f.param].forEach((v) => p.append(f.param, v));
    state.exclude[f.param].forEach((v) => p.append('not_' + f.param, v));
  }
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.undated) p.set('undated', '1');
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.offset) p.set('offset', String(state.offset));
  if (state.article) p.set('article', state.article);
  return p.toString();
}

const urlOf = (state) => '?' + stateToQuery(state);

// Pushes a state as a new history entry and renders it.
function show(state) {
  history.pushState(null, '', urlOf(state));
  render();
}

// Changes what is searched: back to the first page, any open article closed.
function go(change) {
  show({ ...readState(), offset: 0, article: '', ...change });
}

// Filters change through this: `edit` mutates the state's include/exclude lists.
function goFilters(edit) {
  const next = readState();
  edit(next);
  show({ ...next, offset: 0, article: '' });
}

// ---------------------------------------------------------------------------------------------
// The API

class ApiError extends Error {}

async function api(path, params) {
  const url = params && params.toString() ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.error;
    const message = detail && (detail.message || detail);
    throw new ApiError(message || `${response.status} ${response.statusText}`);
  }
  return body;
}

// The search parameters of the API for a state (the CLI's flags, one parameter each): a
// value kept is `person=...`, a value left out `not_person=...`.
function searchParams(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const f of FACETS) {
    state.include[f.param].forEach((v) => p.append(f.param, v));
    if (f.excludable) state.exclude[f.param].forEach((v) => p.append('not_' + f.param, v));
  }
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.undated) p.set('undated', 'true');
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers: every piece of text goes in through textContent.

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A snippet with its highlights as <mark>: the API gives byte offsets into the UTF-8 text.
function markedSnippet(snippet) {
  const bytes = new TextEncoder().encode(snippet.text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  const out = [];
  let at = 0;
  for (const [start, end] of snippet.highlights || []) {
    if (start < at || end > bytes.length) continue;
    out.push(decode(at, start), el('mark', { text: decode(start, end) }));
    at = end;
  }
  out.push(decode(at, bytes.length));
  return el('span', { class: 'snippet-text' }, snippet.starts_mid ? '… ' : '', out, snippet.ends_mid ? ' …' : '');
}

const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many || one + 's'}`;

function dateLine(item) {
  if (!item.date) return 'undated';
  const from = item.date_source && item.date_source !== 'metadata' ? ` (from ${item.date_source})` : '';
  return item.date + from;
}

// ---------------------------------------------------------------------------------------------
// Rendering the search view

let lastSearch = null; // the last search's response, its hits by id, and the request counter
let requestSeq = 0;
let selected = -1;

async function renderSearch(state) {
  $('q').value = state.q;
  $('sort').value = state.sort;
  const seq = ++requestSeq;
  const params = searchParams(state);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String(state.offset));
  for (const name of ['year', 'month', ...FACETS.map((f) => f.name)]) params.append('facet', name);
  params.set('facet_limit', String(FACET_LIMIT));
  $('count').textContent = 'Searching…';
  let result;
  try {
    result = await api('/api/search', params);
  } catch (error) {
    if (seq !== requestSeq) return;
    showError(error);
    return;
  }
  if (seq !== requestSeq) return;
  lastSearch = { result, hits: new Map(result.hits.map((h) => [h.id, h])) };
  renderCount(state, result);
  renderActiveFilters(state);
  renderResults(state, result);
  renderPager(state, result);
  renderFacets(state, result);
  await renderHistogram(state, result, seq);
}

function showError(error) {
  $('count').textContent = error instanceof ApiError ? `The search failed: ${error.message}` : `Could not reach morgue: ${error.message}`;
  $('count').classList.add('error');
  for (const id of ['results', 'pager', 'facets', 'histogram']) $(id).replaceChildren();
}

function renderCount(state, result) {
  $('count').classList.remove('error');
  let text = result.total === 0 ? 'No articles match.' : `${plural(result.total, 'article')} ${result.total === 1 ? 'matches' : 'match'}`;
  if (result.total > 0 && result.full_matches !== undefined && result.full_matches < result.total) {
    text += ` (${result.full_matches.toLocaleString('en')} with every word)`;
  }
  if (result.total > PAGE_SIZE) {
    text += `; showing ${state.offset + 1}–${state.offset + result.hits.length}`;
  }
  if (result.copies_folded) text += `; ${plural(result.copies_folded, 'copy', 'copies')} of the same stories folded`;
  $('count').textContent = text;
}

function renderResults(state, result) {
  const list = $('results');
  list.replaceChildren(...result.hits.map((hit) => resultItem(state, hit)));
  selected = -1;
}

function resultItem(state, hit) {
  const open = (event) => {
    event.preventDefault();
    openArticle(hit.id);
  };
  const title = el('a', { class: 'title', href: urlOf({ ...state, article: hit.id }), onclick: open }, hit.title || '(untitled)');
  const meta = el('p', { class: 'meta' },
    el('span', { class: 'date', text: dateLine(hit) }),
    hit.source ? el('span', { class: 'source', text: hit.source }) : null,
    hit.matched_words ? el('span', { class: 'partial', text: `matches ${hit.matched_words.length} of the words` }) : null);
  const snippets = (hit.snippets || []).filter((s) => s.field !== 'title').slice(0, 2)
    .map((s) => el('p', { class: 'snippet' }, markedSnippet(s)));
  const titleSnippet = (hit.snippets || []).find((s) => s.field === 'title' && s.highlights.length);
  if (titleSnippet) title.replaceChildren(markedSnippet(titleSnippet));
  const copies = hit.copies && hit.copies.length
    ? el('p', {
      class: 'copies muted',
      text: 'Same story: ' + hit.copies.map((c) => [c.source, c.date].filter(Boolean).join(' ')).join('; '),
    })
    : null;
  return el('li', { class: 'hit', 'data-id': hit.id },
    el('h3', {}, title), meta, snippets, entityChips(hit.entities, 4), copies);
}

// Entity chips: a click keeps only the articles that mention the entity too.
function entityChips(entities, perKind) {
  const chips = [];
  for (const kind of ['person', 'org', 'place', 'event']) {
    for (const name of (entities && entities[kind] || []).slice(0, perKind)) {
      chips.push(el('button', {
        type: 'button', class: `chip kind-${kind}`, title: `Only articles mentioning ${name} (${kind})`,
        'data-kind': kind, 'data-value': name,
        onclick: () => addFilter(kind, name, 'include'),
      }, name));
    }
  }
  return chips.length ? el('div', { class: 'chips' }, chips) : null;
}

function addFilter(param, value, how) {
  goFilters((s) => {
    const mine = s[how][param];
    const other = s[how === 'include' ? 'exclude' : 'include'][param];
    if (!mine.includes(value)) mine.push(value);
    const i = other.indexOf(value);
    if (i >= 0) other.splice(i, 1);
  });
}

function removeFilter(param, value, how) {
  goFilters((s) => {
    s[how][param] = s[how][param].filter((v) => v !== value);
  });
}

function renderActiveFilters(state) {
  const pills = [];
  const pill = (label, onRemove) => pills.push(el('button',
    { type: 'button', class: 'pill', title: 'Remove this filter', onclick: onRemove },
    label, el('span', { 'aria-hidden': 'true', text: ' ×' })));
  for (const f of FACETS) {
    state.include[f.param].forEach((v) => pill(`${f.name}: ${v}`, () => removeFilter(f.param, v, 'include')));
    state.exclude[f.param].forEach((v) => pill(`not ${f.name}: ${v}`, () => removeFilter(f.param, v, 'exclude')));
  }
  if (state.from || state.to) pill(`dates: ${state.from || '…'} to ${state.to || '…'}`, () => go({ from: '', to: '' }));
  if (state.undated) pill('undated only', () => go({ undated: false }));
  $('active-filters').replaceChildren(...pills);
}

function renderPager(state, result) {
  const pager = $('pager');
  pager.replaceChildren();
  const link = (offset, text) => el('a', { href: urlOf({ ...state, offset, article: '' }), onclick: () => window.scrollTo(0, 0) }, text);
  if (state.offset > 0) pager.append(link(Math.max(0, state.offset - PAGE_SIZE), '← Previous'));
  if (state.offset + PAGE_SIZE < result.total) pager.append(link(state.offset + PAGE_SIZE, 'Next →'));
}

// ---------------------------------------------------------------------------------------------
// The facet sidebar: counts for the current query; a checkbox keeps a value, the ⊘ button
// leaves it out; values already chosen stay listed even when the current results lack them.

function renderFacets(state, result) {
  const groups = [];
  for (const f of FACETS) {
    const facet = (result.facets || []).find((x) => x.name === f.name) || { values: [], more: 0 };
    const included = state.include[f.param];
    const excluded = state.exclude[f.param];
    const counts = new Map(facet.values.map((v) => [v.value, v.count]));
    const shown = [...included, ...excluded];
    const rest = facet.values.map((v) => v.value).filter((v) => !shown.includes(v));
    if (!shown.length && (!rest.length || (f.name === 'language' && rest.length < 2))) continue;
    const list = el('ul', { class: 'facet-values' });
    for (const value of [...shown, ...rest]) {
      list.append(facetRow(f, value, counts.get(value), included.includes(value), excluded.includes(value)));
    }
    const group = el('fieldset', { class: 'facet', 'data-facet': f.name }, el('legend', { text: f.label }));
    if (shown.length + rest.length > LONG_LIST) {
      group.append(el('input', {
        type: 'search', class: 'facet-filter', placeholder: `Filter ${f.label.toLowerCase()}`,
        'aria-label': `Filter the list of ${f.label.toLowerCase()}`,
        oninput: (event) => filterList(list, event.target.value),
      }));
    }
    group.append(list);
    if (facet.more) group.append(el('p', { class: 'muted more', text: `and ${facet.more.toLocaleString('en')} more` }));
    groups.push(group);
  }
  $('facets').replaceChildren(...groups);
}

function facetRow(f, value, count, isIncluded, isExcluded) {
  const checkbox = el('input', {
    type: 'checkbox', checked: isIncluded, disabled: isExcluded,
    onchange: (event) => (event.target.checked ? addFilter(f.param, value, 'include') : removeFilter(f.param, value, 'include')),
  });
  const label = el('label', {}, checkbox, el('span', { class: 'value', text: value }),
    count === undefined ? null : el('span', { class: 'n', text: count.toLocaleString('en') }));
  const exclude = f.excludable && el('button', {
    type: 'button', class: 'exclude', 'aria-pressed': isExcluded ? 'true' : 'false',
    'aria-label': isExcluded ? `Stop leaving out ${value}` : `Leave out ${value}`,
    title: isExcluded ? 'Stop leaving it out' : 'Leave out articles mentioning it',
    onclick: () => (isExcluded ? removeFilter(f.param, value, 'exclude') : addFilter(f.param, value, 'exclude')),
  }, '⊘');
  return el('li', { class: isExcluded ? 'excluded' : isIncluded ? 'included' : '', 'data-value': value }, label, exclude);
}

function filterList(list, text) {
  const needle = text.trim().toLowerCase();
  for (const item of list.children) item.hidden = needle !== '' && !item.dataset.value.toLowerCase().includes(needle);
}

// ---------------------------------------------------------------------------------------------
// The date histogram: year, month or day buckets, whichever gives a readable number of bars.
// A click on a bar keeps its period; a drag across bars keeps the range; the date inputs do the
// same by hand; the undated count is a toggle.

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

async function renderHistogram(state, result, seq) {
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
      if (seq !== requestSeq) return;
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

// ---------------------------------------------------------------------------------------------
// The article view: the whole stored text, every match of the query marked (n/p move between
// them), and the article's entities marked.

let readerMatches = [];
let readerAt = -1;

function openArticle(id) {
  show({ ...readState(), article: id });
}

function closeArticle() {
  show({ ...readState(), article: '' });
}

async function renderReader(state) {
  const reader = $('reader');
  if (!state.article) {
    if (!reader.hidden) {
      reader.hidden = true;
      document.body.classList.remove('reading');
      focusSelected();
    }
    return;
  }
  if (reader.dataset.id === state.article && reader.dataset.q === state.q && !reader.hidden) return;
  reader.dataset.id = state.article;
  reader.dataset.q = state.q;
  reader.hidden = false;
  document.body.classList.add('reading');
  $('reader-title').textContent = 'Loading…';
  $('reader-meta').textContent = '';
  $('reader-entities').replaceChildren();
  $('reader-text').replaceChildren();
  let article;
  try {
    article = await api('/api/article', new URLSearchParams({ id: state.article }));
  } catch (error) {
    $('reader-title').textContent = `Could not open the article: ${error.message}`;
    return;
  }
  if (readState().article !== state.article) return;
  const hit = lastSearch && lastSearch.hits.get(state.article);
  const terms = matchTerms(state.q, hit);
  $('reader-title').replaceChildren(...markText(article.title || '(untitled)', terms, null));
  $('reader-meta').replaceChildren(
    el('span', { class: 'date', text: dateLine(article) }),
    article.source ? el('span', { class: 'source', text: article.source }) : null,
    article.authors && article.authors.length ? el('span', { text: article.authors.join(', ') }) : null,
    article.url ? el('a', { href: article.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : null,
    el('span', { class: 'path muted', text: article.path ? article.path + (article.record ? `:${article.record}` : '') : state.article }));
  $('reader-entities').replaceChildren(entityChips(article.entities, 50) || '');
  const body = article.body !== undefined ? article.body : article.text || '';
  const paragraphs = body.split(/\n\s*\n/).filter((p) => p.trim());
  $('reader-text').replaceChildren(...paragraphs.map((p) => el('p', {}, markText(p, terms, article.entities))));
  readerMatches = [...$('reader-text').querySelectorAll('mark')];
  readerAt = -1;
  if (readerMatches.length) moveMatch(1);
  else $('match-pos').textContent = state.q ? 'No match in the text' : '';
  $('reader-title').focus();
}

function moveMatch(step) {
  if (!readerMatches.length) return;
  if (readerAt >= 0) readerMatches[readerAt].classList.remove('current');
  readerAt = (readerAt + step + readerMatches.length) % readerMatches.length;
  const mark = readerMatches[readerAt];
  mark.classList.add('current');
  mark.scrollIntoView({ block: 'center' });
  $('match-pos').textContent = `Match ${readerAt + 1} of ${readerMatches.length}`;
}

// The word forms to mark: those the search itself highlighted in this hit's snippets, and the
// query's own words with their common endings (the index stems; this is the page's
// approximation of it). Operators, excluded words and metadata fields are left out.
function matchTerms(q, hit) {
  const terms = new Set();
  for (const s of (hit && hit.snippets) || []) {
    const bytes = new TextEncoder().encode(s.text);
    for (const [a, b] of s.highlights || []) terms.add(new TextDecoder().decode(bytes.subarray(a, b)).toLowerCase());
  }
  const words = [];
  const re = /(-|NOT\s+)?(?:(\w+):)?("([^"]*)"|[^\s()"]+)/gu;
  for (const m of q.matchAll(re)) {
    if (m[1] || (m[2] && !['title', 'body'].includes(m[2]))) continue;
    const text = m[4] !== undefined ? m[4] : m[3];
    if (/^(AND|OR|NOT)$/.test(text)) continue;
    for (const w of text.split(/\s+/)) {
      const word = w.replace(/^=/, '').replace(/~\d*$/, '').toLowerCase();
      if (word) words.push(word);
    }
  }
  const patterns = [...terms].filter((t) => t).map((t) => escapeRegex(t));
  for (const word of words) {
    if (word.endsWith('*')) patterns.push(escapeRegex(word.slice(0, -1)) + '[\\p{L}\\p{N}]*');
    else patterns.push(escapeRegex(word) + "(?:s|es|ed|d|ing|'s)?");
  }
  return patterns;
}

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One paragraph as text nodes, <mark> for matches and <span class="entity"> for entity names.
function markText(text, patterns, entities) {
  const ranges = [];
  const add = (re, make) => {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end > start && !ranges.some((r) => start < r.end && end > r.start)) ranges.push({ start, end, make });
    }
  };
  const bounded = (source) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'giu');
  if (patterns.length) add(bounded(patterns.join('|')), (s) => el('mark', { text: s }));
  for (const kind of ['person', 'org', 'place', 'event']) {
    for (const name of (entities && entities[kind]) || []) {
      const names = [name];
      const last = name.split(' ').pop();
      if (kind === 'person' && last !== name && last.length > 2) names.push(last);
      const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
      add(re, (s) => el('span', { class: `entity kind-${kind}`, title: `${kind}: ${name}`, text: s }));
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const r of ranges) {
    out.push(text.slice(at, r.start), r.make(text.slice(r.start, r.end)));
    at = r.end;
  }
  out.push(text.slice(at));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Research views: attention over time for several queries, and entities mentioned together.

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

async function renderTrends(state) {
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

async function renderRelated(state) {
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
async function fillNames(kind) {
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

// ---------------------------------------------------------------------------------------------
// Keyboard: / search, j/k move, Enter open, n/p matches, Esc close, ? help.

function hits() {
  return [...$('results').querySelectorAll('.hit')];
}

function select(index) {
  const items = hits();
  if (!items.length) return;
  selected = Math.max(0, Math.min(items.length - 1, index));
  items.forEach((item, i) => item.classList.toggle('selected', i === selected));
  const link = items[selected].querySelector('a.title');
  link.focus({ preventScroll: true });
  items[selected].scrollIntoView({ block: 'nearest' });
}

function focusSelected() {
  const items = hits();
  if (selected >= 0 && items[selected]) items[selected].querySelector('a.title').focus({ preventScroll: true });
}

function toggleHelp(open) {
  const help = $('help');
  help.hidden = open === undefined ? !help.hidden : !open;
  if (!help.hidden) $('help-close').focus();
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target.closest('input, textarea, select');
  if (event.key === 'Escape') {
    if (!$('help').hidden) toggleHelp(false);
    else if (typing) event.target.blur();
    else if (!$('reader').hidden) closeArticle();
    else return;
    event.preventDefault();
    return;
  }
  if (typing) return;
  const reading = !$('reader').hidden;
  switch (event.key) {
    case '/':
      $('q').focus();
      $('q').select();
      break;
    case '?':
      toggleHelp();
      break;
    case 'j':
      select(selected + 1);
      break;
    case 'k':
      select(selected < 0 ? 0 : selected - 1);
      break;
    case 'n':
      if (!reading) return;
      moveMatch(1);
      break;
    case 'p':
      if (!reading) return;
      moveMatch(-1);
      break;
    case 'Enter': {
      // A focused link or button does its own thing on Enter.
      if (event.target.closest('a, button') || selected < 0) return;
      const hit = hits()[selected];
      if (hit) openArticle(hit.dataset.id);
      break;
    }
    default:
      return;
  }
  event.preventDefault();
}

// ---------------------------------------------------------------------------------------------
// Wiring

async function render() {
  const state = readState();
  for (const view of ['search', 'trends', 'related']) {
    $(`${view}-view`).hidden = state.view !== view;
    const tab = $(`tab-${view}`);
    if (state.view === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  document.title = state.q ? `${state.q} · morgue` : 'morgue';
  $('q').value = state.q;
  if (state.view !== 'search') {
    $('reader').hidden = true;
    document.body.classList.remove('reading');
    return state.view === 'trends' ? renderTrends(state) : renderRelated(state);
  }
  const key = stateToQuery({ ...state, article: '' });
  if (key !== render.lastKey || !lastSearch) {
    render.lastKey = key;
    await renderSearch(state);
  }
  await renderReader(state);
}

// Anything the Content-Security-Policy blocks is a bug of this page: keep a list (the browser
// tests read it) besides the browser's own console message.
const blocked = [];
document.addEventListener('securitypolicyviolation', (e) => blocked.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
window.morgueBlocked = blocked;

function init() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    go({ q: $('q').value.trim() });
    $('q').blur();
  });
  $('sort').addEventListener('change', () => go({ sort: $('sort').value }));
  $('syntax-toggle').addEventListener('click', () => {
    const open = $('syntax').hidden;
    $('syntax').hidden = !open;
    $('syntax-toggle').setAttribute('aria-expanded', String(open));
  });
  $('help-toggle').addEventListener('click', () => toggleHelp());
  $('help-close').addEventListener('click', () => toggleHelp(false));
  $('reader-close').addEventListener('click', closeArticle);
  $('match-next').addEventListener('click', () => moveMatch(1));
  $('match-prev').addEventListener('click', () => moveMatch(-1));
  $('date-from').addEventListener('change', (e) => go({ from: e.target.value, undated: false }));
  $('date-to').addEventListener('change', (e) => go({ to: e.target.value, undated: false }));
  $('undated-toggle').addEventListener('click', () => go({ undated: !readState().undated, from: '', to: '' }));
  $('trends-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const queries = $('trend-queries').value.split('\n').map((q) => q.trim()).filter(Boolean);
    show({ ...readState(), view: 'trends', trendQueries: queries, interval: $('trend-interval').value, share: $('trend-share').checked });
  });
  $('related-form').addEventListener('submit', (event) => {
    event.preventDefault();
    show({ ...readState(), view: 'related', kind: $('related-kind').value, name: $('related-name').value.trim() });
  });
  $('related-kind').addEventListener('change', (e) => fillNames(e.target.value));
  // Links within the page change the state without reloading it.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="?"]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    render();
  });
  document.addEventListener('keydown', onKey);
  window.addEventListener('popstate', render);
  render();
}

init();
