// Small DOM helpers: every piece of text goes in through textContent, never innerHTML.

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
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
export function markedSnippet(snippet) {
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

export const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many || one + 's'}`;

export function dateLine(item) {
  if (!item.date) return 'undated';
  const from = item.date_source && item.date_source !== 'metadata' ? ` (from ${item.date_source})` : '';
  return item.date + from;
}

export const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}
