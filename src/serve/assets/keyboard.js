// Keyboard: / search, j/k move, Enter open, n/p matches, Esc close, ? help.

import { $ } from './dom.js';
import { moveMatch } from './reader.js';
import { hits, select, session } from './results.js';
import { closeArticle, openArticle } from './state.js';

export function toggleHelp(open) {
  const help = $('help');
  help.hidden = open === undefined ? !help.hidden : !open;
  if (!help.hidden) $('help-close').focus();
}

export function onKey(event) {
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
      select(session.selected + 1);
      break;
    case 'k':
      select(session.selected < 0 ? 0 : session.selected - 1);
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
      if (event.target.closest('a, button') || session.selected < 0) return;
      const hit = hits()[session.selected];
      if (hit) openArticle(hit.dataset.id);
      break;
    }
    default:
      return;
  }
  event.preventDefault();
}
