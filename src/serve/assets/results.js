// The search view's results: the count, the hits with their snippets and entity chips, the
// active filters, the pager, the export links, and which hit the keyboard selected. The facet
// sidebar and the histogram render from the same answer (facets.js, histogram.js).

import { ApiError, api, searchParams } from './api.js';
import { $, dateLine, el, markedSnippet, plural } from './dom.js';
import { renderFacets } from './facets.js';
import { renderHistogram } from './histogram.js';
import { FACETS, addFilter, go, openArticle, removeFilter, urlOf } from './state.js';

export const PAGE_SIZE = 20;
const FACET_LIMIT = 100;

// The last search's answer with its hits by id, the number of the latest request (answers of
// older ones are dropped), and the hit the keyboard selected.
export const session = { last: null, seq: 0, selected: -1 };

export async function renderSearch(state) {
  $('q').value = state.q;
  $('sort').value = state.sort;
  const seq = ++session.seq;
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
    if (seq !== session.seq) return;
    showError(error);
    return;
  }
  if (seq !== session.seq) return;
  session.last = { result, hits: new Map(result.hits.map((h) => [h.id, h])) };
  renderCount(state, result);
  renderActiveFilters(state);
  renderResults(state, result);
  renderPager(state, result);
  renderFacets(state, result);
  renderExport(state, result);
  await renderHistogram(state, result, () => seq === session.seq);
}

function showError(error) {
  $('count').textContent = error instanceof ApiError ? `The search failed: ${error.message}` : `Could not reach morgue: ${error.message}`;
  $('count').classList.add('error');
  $('export').hidden = true;
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
  session.selected = -1;
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
export function entityChips(entities, perKind) {
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

// "Export NDJSON / CSV": every article of the current search with its text, as `morgue
// export` writes it (the same filters; all the query's words, as "with every word" counts).
function renderExport(state, result) {
  const matching = result.full_matches === undefined ? result.total : result.full_matches;
  for (const format of ['ndjson', 'csv']) {
    const params = searchParams(state);
    params.set('format', format);
    $(`export-${format}`).href = `/api/export?${params}`;
  }
  $('export-count').textContent = plural(matching, 'article');
  $('export').hidden = matching === 0;
}

function renderPager(state, result) {
  const pager = $('pager');
  pager.replaceChildren();
  const link = (offset, text) => el('a', { href: urlOf({ ...state, offset, article: '' }), onclick: () => window.scrollTo(0, 0) }, text);
  if (state.offset > 0) pager.append(link(Math.max(0, state.offset - PAGE_SIZE), '← Previous'));
  if (state.offset + PAGE_SIZE < result.total) pager.append(link(state.offset + PAGE_SIZE, 'Next →'));
}

export function hits() {
  return [...$('results').querySelectorAll('.hit')];
}

export function select(index) {
  const items = hits();
  if (!items.length) return;
  session.selected = Math.max(0, Math.min(items.length - 1, index));
  items.forEach((item, i) => item.classList.toggle('selected', i === session.selected));
  const link = items[session.selected].querySelector('a.title');
  link.focus({ preventScroll: true });
  items[session.selected].scrollIntoView({ block: 'nearest' });
}

export function focusSelected() {
  const items = hits();
  if (session.selected >= 0 && items[session.selected]) items[session.selected].querySelector('a.title').focus({ preventScroll: true });
}
