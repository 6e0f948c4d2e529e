// The page's state, all of it in the URL's query string: readState / stateToQuery, and the
// changes that push a new history entry (show, go, goFilters, the filters, the article). The
// page renders whatever the URL says (app.js registers how, with onStateChange), so a link can
// be shared and the back button restores the previous state.

// Facets shown in the sidebar, in order, with the API parameter that keeps a value; those
// marked excludable can also leave one out (`not_<param>`; languages can only be kept).
export const FACETS = [
  { name: 'person', param: 'person', excludable: true, label: 'People' },
  { name: 'org', param: 'org', excludable: true, label: 'Organisations' },
  { name: 'place', param: 'place', excludable: true, label: 'Places' },
  { name: 'event', param: 'event', excludable: true, label: 'Events' },
  { name: 'source', param: 'source', excludable: true, label: 'Sources' },
  { name: 'language', param: 'lang', label: 'Languages' },
];

let changed = () => {};
// What to do after the URL changed (app.js: render the page from it).
export function onStateChange(render) {
  changed = render;
}

export function readState() {
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

export function stateToQuery(state) {
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

export const urlOf = (state) => '?' + stateToQuery(state);

// Pushes a state as a new history entry and renders it.
export function show(state) {
  history.pushState(null, '', urlOf(state));
  changed();
}

// Changes what is searched: back to the first page, any open article closed.
export function go(change) {
  show({ ...readState(), offset: 0, article: '', ...change });
}

// Filters change through this: `edit` mutates the state's include/exclude lists.
export function goFilters(edit) {
  const next = readState();
  edit(next);
  show({ ...next, offset: 0, article: '' });
}

export function openArticle(id) {
  show({ ...readState(), article: id });
}

export function closeArticle() {
  show({ ...readState(), article: '' });
}

export function addFilter(param, value, how) {
  goFilters((s) => {
    const mine = s[how][param];
    const other = s[how === 'include' ? 'exclude' : 'include'][param];
    if (!mine.includes(value)) mine.push(value);
    const i = other.indexOf(value);
    if (i >= 0) other.splice(i, 1);
  });
}

export function removeFilter(param, value, how) {
  goFilters((s) => {
    s[how][param] = s[how][param].filter((v) => v !== value);
  });
}
