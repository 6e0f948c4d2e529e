//! When the main-text extractor finds no article: the densest block of paragraphs, then the
//! page's whole visible text. Both read a freshly parsed document, because extraction has
//! rewritten the first one.

use crate::formats::{collapse_ws, normalize_body};
use dom_smoothie::Readability;
use std::collections::HashMap;

/// The element whose `<p>` children hold the most text outside links, as paragraphs: the
/// story of a page that has no `<article>` markup Readability can score, e.g. a table layout.
pub(super) fn densest_block(html: &str) -> Option<String> {
    let rd = Readability::new(html, None, None).ok()?;
    rd.doc
        .select("script, style, noscript, template, nav, footer")
        .remove();
    let mut weight: HashMap<_, usize> = HashMap::new();
    let mut paragraphs: HashMap<_, Vec<String>> = HashMap::new();
    for p in rd.doc.select("p, pre, blockquote").nodes() {
        let Some(parent) = p.parent() else { continue };
        let text = collapse_ws(&p.text());
        let link_chars: usize = p
            .descendants_it()
            .filter(|n| n.node_name().is_some_and(|name| &*name == "a"))
            .map(|a| collapse_ws(&a.text()).len())
            .sum();
        *weight.entry(parent.id).or_default() += text.len().saturating_sub(link_chars);
        paragraphs.entry(parent.id).or_default().push(text);
    }
    let (best, _) = weight
        .into_iter()
        .filter(|&(_, w)| w > 0)
        .max_by_key(|&(id, w)| (w, std::cmp::Reverse(id)))?;
    let text = paragraphs.remove(&best)?.join("\n\n");
    Some(normalize_body(&text))
}

/// Everything a reader could see: the body's text without scripts, styles and hidden
/// elements, blocks as paragraphs.
pub(super) fn visible_text(html: &str) -> Option<String> {
    let rd = Readability::new(html, None, None).ok()?;
    rd.doc
        .select(
            "head, script, style, noscript, template, svg, iframe, [hidden], [aria-hidden=true]",
        )
        .remove();
    let text = normalize_body(&rd.doc.select("body").formatted_text());
    (!text.is_empty()).then_some(text)
}
