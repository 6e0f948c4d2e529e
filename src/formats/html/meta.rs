//! What a page says about itself: `<meta>` pairs and JSON-LD objects, read once from the
//! untouched document.

use crate::formats::{collapse_ws, names_of, scalar_text};
use dom_smoothie::Readability;
use serde_json::{Map, Value};

/// `<meta>` (name|property|itemprop|http-equiv → content) pairs, keys lowercased.
pub(super) struct Metas(Vec<(String, String)>);

impl Metas {
    pub(super) fn read(rd: &Readability) -> Metas {
        let mut pairs = Vec::new();
        for n in rd.doc.select("meta[content]").nodes() {
            let content = n
                .attr("content")
                .map(|c| collapse_ws(&c))
                .unwrap_or_default();
            if content.is_empty() {
                continue;
            }
            for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = n.attr(key_attr) {
                    pairs.push((k.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
        Metas(pairs)
    }

    /// Values for `keys`, in the order of `keys` (the trust order), then document order.
    pub(super) fn all(&self, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .flat_map(|k| self.0.iter().filter(move |(key, _)| key == k))
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub(super) fn first(&self, keys: &[&str]) -> Option<String> {
        self.all(keys).into_iter().next()
    }
}

/// What we use from `<script type="application/ld+json">` blocks. Article-typed objects
/// (NewsArticle, BlogPosting, ...) come first, so their values win over a WebPage's.
#[derive(Default)]
pub(super) struct JsonLd {
    pub headline: Option<String>,
    pub published: Vec<String>,
    pub modified: Vec<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub article_body: Option<String>,
}

impl JsonLd {
    pub(super) fn read(rd: &Readability) -> JsonLd {
        let mut objects = Vec::new();
        for n in rd.doc.select("script[type]").nodes() {
            let is_ld = n
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if !is_ld {
                continue;
            }
            let text = n.text();
            let text = text
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>");
            if let Ok(v) = serde_json::from_str::<Value>(text) {
                collect_objects(v, &mut objects);
            }
        }
        objects.sort_by_key(|o| !is_article_type(o));
        let mut ld = JsonLd::default();
        for o in &objects {
            let text = |key: &str| o.get(key).and_then(scalar_text);
            ld.published.extend(text("datePublished"));
            ld.modified.extend(text("dateModified"));
            if is_article_type(o) {
                ld.headline = ld.headline.take().or_else(|| text("headline"));
                ld.article_body = ld.article_body.take().or_else(|| text("articleBody"));
            }
            if ld.authors.is_empty() {
                ld.authors = o.get("author").map(names_of).unwrap_or_default();
            }
            if ld.publisher.is_none() {
                ld.publisher = text("publisher");
            }
        }
        ld
    }
}

/// Top-level objects, array items, `@graph` members (nested graphs too) and the `mainEntity`
/// of a page object (`{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", ...}}`).
/// Other nested objects (a `citation`, an `isPartOf`) describe other works: not collected.
fn collect_objects(v: Value, out: &mut Vec<Map<String, Value>>) {
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| collect_objects(i, out)),
        Value::Object(mut o) => {
            if let Some(graph) = o.remove("@graph") {
                collect_objects(graph, out);
            }
            if let Some(main) = o.remove("mainEntity") {
                collect_objects(main, out);
            }
            out.push(o);
        }
        _ => {}
    }
}

fn is_article_type(o: &Map<String, Value>) -> bool {
    let is = |t: &str| t.contains("Article") || t.contains("Posting") || t == "Report";
    match o.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}
