// The page of `morgue serve`: plain JavaScript modules over the JSON API, no framework, no build
// step. This one wires them together and renders the page from the URL (state.js holds the
// state; results.js, facets.js, histogram.js, reader.js, research.js the views; keyboard.js the
// keys; dom.js and api.js the helpers). Article text only ever reaches the page through
// textContent and DOM nodes, never innerHTML.

import { $ } from './dom.js';
import { onKey, toggleHelp } from './keyboard.js';
import { moveMatch, renderReader } from './reader.js';
import { fillNames, renderRelated, renderTrends } from './research.js';
import { renderSearch, session } from './results.js';
import { closeArticle, go, onStateChange, readState, show, stateToQuery } from './state.js';

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
  if (key !== render.lastKey || !session.last) {
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
  onStateChange(render);
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
