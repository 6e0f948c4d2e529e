// The facet sidebar: counts for the current query; a checkbox keeps a value, the ⊘ button
// leaves it out; values already chosen stay listed even when the current results lack them.

import { $, el } from './dom.js';
import { FACETS, addFilter, removeFilter } from './state.js';

const LONG_LIST = 8;

export function renderFacets(state, result) {
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
