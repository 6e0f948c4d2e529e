// The article view: the whole stored text, every match of the query marked (n/p move between
// them), and the article's entities marked.

import { api } from './api.js';
import { $, dateLine, el, escapeRegex } from './dom.js';
import { entityChips, focusSelected, session } from './results.js';
import { readState } from './state.js';

let readerMatches = [];
let readerAt = -1;
export async function renderReader(state) {
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
  const hit = session.last && session.last.hits.get(state.article);
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

export function moveMatch(step) {
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
