// The JSON API: one fetch helper whose errors carry the server's message, and the search
// parameters of a page state.

import { FACETS } from './state.js';

export class ApiError extends Error {}

export async function api(path, params) {
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
export function searchParams(state) {
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
