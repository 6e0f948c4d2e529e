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
        for v in json_scripts(rd, "application/ld+json") {
            collect_objects(v, &mut objects);
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

/// The JSON of every `<script>` of this `type` that parses (a CDATA wrapper allowed).
fn json_scripts(rd: &Readability, mime: &str) -> Vec<Value> {
    (rd.doc.select("script[type]").nodes().iter())
        .filter(|n| {
            n.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(mime))
        })
        .filter_map(|n| {
            let text = n.text();
            let text = text
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>");
            serde_json::from_str::<Value>(text).ok()
        })
        .collect()
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

/// What we use from the data an app framework ships inside the page
/// (`<script id="__NEXT_DATA__" type="application/json">` of Next.js, and other
/// `application/json` scripts): the story object's publication time and authors, where the
/// visible page may show only an "Updated" line. The story object is the one with a title
/// and a publication time whose title is the page's headline (a blob also carries the
/// related stories'), or the only such object.
#[derive(Default)]
pub(super) struct PageData {
    pub published: Option<String>,
    pub authors: Vec<String>,
}

/// Keys of a publication time in app data, most specific first.
const PUBLISHED_KEYS: &[&str] = &[
    "datePublished",
    "firstPublishedAt",
    "first_published_at",
    "firstPublished",
    "publishedAt",
    "published_at",
    "publishedDate",
    "publishDate",
    "publish_date",
];
const TITLE_KEYS: &[&str] = &["headline", "title"];
const AUTHOR_KEYS: &[&str] = &["authors", "author", "byline"];

impl PageData {
    pub(super) fn read(rd: &Readability, headline: &str) -> PageData {
        let mut stories: Vec<(String, String, Vec<String>)> = Vec::new();
        for v in json_scripts(rd, "application/json") {
            collect_stories(&v, 0, &mut stories);
        }
        let key = |t: &str| collapse_ws(t).to_lowercase();
        let headline = key(headline);
        let story = match stories.iter().position(|(t, _, _)| key(t) == headline) {
            Some(i) => Some(stories.swap_remove(i)),
            None if stories.len() == 1 => stories.pop(),
            None => None,
        };
        story.map_or_else(PageData::default, |(_, published, authors)| PageData {
            published: Some(published),
            authors,
        })
    }
}

/// (title, publication time, authors) of every object with a title and a publication time,
/// depth first, up to a depth no real story object lies below.
fn collect_stories(v: &Value, depth: usize, out: &mut Vec<(String, String, Vec<String>)>) {
    const MAX_DEPTH: usize = 16;
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| collect_stories(i, depth + 1, out)),
        Value::Object(o) => {
            let first = |keys: &[&str]| {
                keys.iter()
                    .find_map(|k| o.get(*k).and_then(Value::as_str))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            if let (Some(title), Some(published)) = (first(TITLE_KEYS), first(PUBLISHED_KEYS)) {
                let authors = AUTHOR_KEYS
                    .iter()
                    .find_map(|k| o.get(*k).map(names_of).filter(|a| !a.is_empty()))
                    .unwrap_or_default();
                out.push((title, published, authors));
            }
            o.values().for_each(|x| collect_stories(x, depth + 1, out));
        }
        _ => {}
    }
}

/// Authors from the page's byline markup, for pages whose metadata names none: links marked
/// `rel="author"`, microdata and hCard names, author links and name spans inside a byline
/// box ("By <a href="/authors/jane-doe">Jane Doe</a>"). Not in comments (their authors are
/// readers).
pub(super) fn byline_authors(rd: &Readability) -> Vec<String> {
    const SELECTORS: &[&str] = &[
        "[rel=author]",
        "[itemprop=author] [itemprop=name]",
        ".author .fn",
        "[class*=byline] a[href*=author], [class*=byline] a[href*=staff], \
         [class*=byline] a[href*=profile], [class*=byline] a[href*=people]",
        "[class*=byline__name], [class*=byline-name], [class*=author-name], \
         [class*=author__name], [class*=authorName]",
        // Last, a byline box's own words, when they open with "By".
        "[class*=byline]",
    ];
    for sel in SELECTORS {
        let mut names: Vec<String> = Vec::new();
        for n in rd.doc.select(sel).nodes() {
            let in_comment = n.ancestors_it(None).any(|a| {
                a.attr("class")
                    .is_some_and(|c| c.to_ascii_lowercase().contains("comment"))
            });
            if in_comment {
                continue;
            }
            let text = collapse_ws(&n.text());
            if *sel == "[class*=byline]" && crate::formats::strip_by(&text).is_none() {
                continue;
            }
            for name in crate::formats::split_authors(&text) {
                if !name.starts_with("http") && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}
