//! HTML pages: metadata from `<meta>`, JSON-LD and `<time>`, main text from dom_smoothie
//! (a Readability port).
//!
//! The page is parsed once: metadata is read from `Readability::doc` before extraction
//! (which mutates the document), then ad and newsletter boxes are removed, because
//! dom_smoothie keeps them when they sit inside `<article>` (see notes/stack.md).
//! Dates are pushed in the order we trust them: `article:published_time`, other date metas,
//! JSON-LD `datePublished` (including `@graph`), then the first `<time datetime>`.

use super::{collapse_ws, names_of, scalar_text, split_authors};
use crate::article::{Article, DateCandidate, DateSource};
use crate::skip::{Skip, SkipReason};
use dom_smoothie::{Article as Extracted, Config, Readability, TextMode};
use serde_json::{Map, Value};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Removed before extraction: boxes that are not the story but often sit inside it.
const BOILERPLATE: &str = "form, nav, aside, footer, iframe, [role=navigation], \
    [class~=ad], [class~=ads], [class*=advert], [class^=ad-], [id^=ad-], [class*=sponsor], \
    [class*=newsletter], [id*=newsletter], [class*=subscribe], [class*=signup], \
    [class*=sign-up], [id*=signup], [class*=promo], \
    [class*=related], [class*=share], [class*=social], [class*=cookie]";

/// Meta names for publication dates other than `article:published_time`, in trust order.
const DATE_METAS: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "datepublished",
];

pub(super) fn parse(html: &str) -> Result<Article, Skip> {
    // html5ever and dom_smoothie are lenient, but this is third-party code fed arbitrary
    // bytes: a bug there must cost one file, not the whole indexing run.
    catch_unwind(AssertUnwindSafe(|| extract(html))).unwrap_or_else(|_| {
        Err(Skip::new(
            SkipReason::Malformed,
            "the HTML extractor failed on this page",
        ))
    })
}

fn extract(html: &str) -> Result<Article, Skip> {
    let cfg = Config {
        text_mode: TextMode::Formatted, // keeps paragraph breaks, unlike Raw
        ..Config::default()
    };
    let no_text = || Skip::new(SkipReason::NoText, "no main text found on the page");
    let mut rd = Readability::new(html, None, Some(cfg)).map_err(|_| no_text())?;
    let mut a = read_metadata(&rd);
    remove_boilerplate(&rd);
    let ex: Extracted = rd.parse().map_err(|_| no_text())?;
    a.body = ex.text_content.to_string();
    // Readability falls back to whatever text is left: a few words, or a list of section
    // links with no sentence in it, are not an article.
    if a.body.split_whitespace().count() < 5 || !has_sentence(&a.body) {
        return Err(no_text());
    }
    if a.authors.is_empty() {
        a.authors = ex.byline.as_deref().map(split_authors).unwrap_or_default();
    }
    a.source = a.source.or(ex.site_name);
    a.url = a.url.or(ex.url);
    a.language = a.language.or(ex.lang);
    if a.title.is_empty() {
        a.title = ex.title;
    }
    Ok(a)
}

/// True when some line reads like prose: eight or more words and a full stop somewhere.
fn has_sentence(body: &str) -> bool {
    body.lines()
        .any(|line| line.split_whitespace().count() >= 8 && line.contains(['.', '!', '?', '。']))
}

/// Removes [`BOILERPLATE`] boxes, except ones that hold the story itself: ASP.NET pages wrap
/// the whole body in a `<form>`, and paywalled stories sit in `.subscriber-content` or
/// `.sponsored` wrappers.
fn remove_boilerplate(rd: &Readability) {
    for sel in rd.doc.select(BOILERPLATE).iter() {
        let holds_story = sel.select("p").length() >= 4 || sel.select("article, h1").exists();
        if !holds_story {
            sel.remove();
        }
    }
}

/// Everything except the body, from the untouched document. (Takes the `Readability` rather
/// than its `dom_query::Document` so that dom_query need not be a direct dependency.)
fn read_metadata(rd: &Readability) -> Article {
    let metas = Metas::read(rd);
    let ld = JsonLd::read(rd);
    let doc = &rd.doc;
    let attr = |sel: &str, name: &str| {
        doc.select(sel).nodes().iter().find_map(|n| {
            n.attr(name)
                .map(|v| collapse_ws(&v))
                .filter(|v| !v.is_empty())
        })
    };
    let text_of =
        |sel: &str| Some(collapse_ws(&doc.select_single(sel).text())).filter(|t| !t.is_empty());

    let source = metas.first(&["og:site_name"]).or(ld.publisher.clone());
    let title = metas
        .first(&["og:title"])
        .or_else(|| text_of("title"))
        .map(|t| strip_site_suffix(&t, source.as_deref()))
        .or_else(|| text_of("h1"))
        .unwrap_or_default();

    let mut dates = Vec::new();
    let html_meta = |t: String| DateCandidate::new(DateSource::HtmlMeta, t);
    dates.extend(
        metas
            .all(&["article:published_time"])
            .into_iter()
            .map(html_meta),
    );
    dates.extend(metas.all(DATE_METAS).into_iter().map(html_meta));
    // Microdata on any element: <span itemprop="datePublished" content="...">.
    for n in doc.select("[itemprop=datePublished]").nodes() {
        if let Some(v) = n.attr("content").or_else(|| n.attr("datetime")) {
            dates.push(html_meta(v.to_string()));
        }
    }
    dates.extend(
        ld.dates
            .iter()
            .map(|d| DateCandidate::new(DateSource::JsonLd, d.clone())),
    );
    if let Some(t) =
        attr("article time[datetime]", "datetime").or_else(|| attr("time[datetime]", "datetime"))
    {
        dates.push(DateCandidate::new(DateSource::HtmlTime, t));
    }

    // "article:author" is often a profile URL, which is not a name.
    let meta_authors: Vec<String> = metas
        .all(&["author", "article:author", "dc.creator", "byl"])
        .iter()
        .filter(|v| !v.starts_with("http"))
        .flat_map(|v| split_authors(v))
        .collect();
    let tags = metas
        .all(&["article:tag", "keywords", "news_keywords"])
        .iter()
        .flat_map(|v| v.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();

    Article {
        title,
        date_candidates: dates,
        source,
        authors: if meta_authors.is_empty() {
            ld.authors
        } else {
            meta_authors
        },
        url: metas
            .first(&["og:url"])
            .or_else(|| attr("link[rel=canonical]", "href")),
        language: attr("html", "lang")
            .or_else(|| metas.first(&["og:locale", "language", "dc.language"])),
        tags,
        ..Article::default()
    }
}

/// `<meta>` (name|property|itemprop → content) pairs, keys lowercased.
struct Metas(Vec<(String, String)>);

impl Metas {
    fn read(rd: &Readability) -> Metas {
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
    fn all(&self, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .flat_map(|k| self.0.iter().filter(move |(key, _)| key == k))
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        self.all(keys).into_iter().next()
    }
}

/// What we use from `<script type="application/ld+json">` blocks.
#[derive(Default)]
struct JsonLd {
    dates: Vec<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

impl JsonLd {
    fn read(rd: &Readability) -> JsonLd {
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
        // Article-typed nodes first: a page's @graph also holds WebPage, Organization, ...
        objects.sort_by_key(|o| !is_article_type(o));
        let mut ld = JsonLd::default();
        for o in &objects {
            ld.dates
                .extend(o.get("datePublished").and_then(scalar_text));
            if ld.authors.is_empty() {
                ld.authors = o.get("author").map(names_of).unwrap_or_default();
            }
            if ld.publisher.is_none() {
                ld.publisher = o.get("publisher").and_then(scalar_text);
            }
        }
        ld
    }
}

/// Top-level objects, array items and `@graph` members (nested graphs too).
fn collect_objects(v: Value, out: &mut Vec<Map<String, Value>>) {
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| collect_objects(i, out)),
        Value::Object(mut o) => {
            if let Some(graph) = o.remove("@graph") {
                collect_objects(graph, out);
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

/// "Story title | The Daily" → "Story title" when "The Daily" is the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
    else {
        return title.to_string();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim().to_lowercase();
            if !head.trim().is_empty()
                && (tail == site || tail.contains(&site) || site.contains(&tail))
            {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{Format, parse_file};
    use std::path::Path;

    fn html(s: &str) -> Result<Article, Skip> {
        parse_file(Format::Html, Path::new("page.html"), s.as_bytes())
            .map(|mut p| p.articles.remove(0))
    }

    const STORY: &str = "<p>GENEVA, Feb. 24 (Reuters) - Negotiators from both sides met on Monday in a \
        hotel by the lake for the first direct talks in three years, officials said.</p>\
        <p>The talks, brokered by Switzerland, are expected to last several days and to cover \
        prisoner exchanges, grain shipments and the safety of the nuclear plant.</p>\
        <p>Neither delegation spoke to reporters after the first session, which lasted more \
        than six hours and ended late in the evening.</p>";

    fn page(head: &str, article_extra: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"en-US\"><head>{head}</head><body>\
             <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World news</a> \
             <a href=\"/sport\">Sport section</a></nav></header>\
             <main><article><h1>Talks resume in Geneva</h1>\
             <div class=\"ad\">Buy cheap flights now! Advertisement banner text here.</div>\
             {STORY}\
             <div class=\"newsletter-box\"><h3>Subscribe to our newsletter</h3>\
             <form><input type=\"email\"><button>Sign up</button></form></div>\
             {article_extra}</article></main>\
             <footer><p>Copyright 2025 The Daily. All rights reserved. Contact us. Privacy.</p></footer>\
             </body></html>"
        )
    }

    #[test]
    fn realistic_page_body_and_meta() {
        let head = "<title>Talks resume in Geneva | The Daily</title>\
            <meta property=\"og:site_name\" content=\"The Daily\">\
            <meta property=\"og:url\" content=\"https://daily.test/geneva\">\
            <meta property=\"article:published_time\" content=\"2025-02-24T09:00:00Z\">\
            <meta name=\"sailthru.date\" content=\"2025-02-24 09:05\">\
            <meta name=\"author\" content=\"Jane Doe and John Roe\">\
            <meta name=\"keywords\" content=\"diplomacy, geneva\">";
        let a = html(&page(head, "<time datetime=\"2025-02-24\">Feb 24</time>")).unwrap();
        assert_eq!(a.title, "Talks resume in Geneva");
        assert!(a.body.contains("Negotiators from both sides"), "{}", a.body);
        assert!(a.body.contains("\n\nThe talks, brokered"), "{}", a.body);
        for junk in [
            "Subscribe to our newsletter",
            "Sport section",
            "Buy cheap flights",
            "Copyright",
        ] {
            assert!(!a.body.contains(junk), "{junk} in {}", a.body);
        }
        let dates: Vec<_> = a
            .date_candidates
            .iter()
            .map(|c| (c.source, c.text.as_str()))
            .collect();
        assert_eq!(
            dates,
            [
                (DateSource::HtmlMeta, "2025-02-24T09:00:00Z"),
                (DateSource::HtmlMeta, "2025-02-24 09:05"),
                (DateSource::HtmlTime, "2025-02-24"),
            ]
        );
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.source.as_deref(), Some("The Daily"));
        assert_eq!(a.url.as_deref(), Some("https://daily.test/geneva"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.tags, ["diplomacy", "geneva"]);
    }

    #[test]
    fn json_ld_graph() {
        let head = r#"<title>Geneva talks - Other Site</title>
            <link rel="canonical" href="https://daily.test/c">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "datePublished": "2020-01-01"},
              {"@type": "NewsArticle", "headline": "Geneva talks", "datePublished": "2025-02-24T08:00:00+01:00",
               "author": [{"@type": "Person", "name": "Ann Poe"}, {"name": "Max Muster"}],
               "publisher": {"@type": "Organization", "name": "Daily Wire Service"}}]}
            </script>"#;
        let a = html(&page(head, "")).unwrap();
        assert_eq!(a.title, "Geneva talks - Other Site"); // suffix is not the site name
        let ld: Vec<_> = a
            .date_candidates
            .iter()
            .filter(|c| c.source == DateSource::JsonLd)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(ld, ["2025-02-24T08:00:00+01:00", "2020-01-01"]);
        assert_eq!(a.authors, ["Ann Poe", "Max Muster"]);
        assert_eq!(a.source.as_deref(), Some("Daily Wire Service"));
        assert_eq!(a.url.as_deref(), Some("https://daily.test/c"));
    }

    #[test]
    fn title_from_h1_and_truncated_html() {
        let cut = page("", "");
        let cut = &cut[..cut.find("Neither delegation").unwrap() + 40];
        let a = html(cut).unwrap();
        assert_eq!(a.title, "Talks resume in Geneva");
        assert!(a.body.contains("brokered by Switzerland"));
    }

    #[test]
    fn story_inside_a_page_wide_form_survives() {
        let p = format!(
            "<html><body><form id=\"aspnetForm\"><nav><a href=/>Home</a></nav>\
             <div class=\"subscriber-content\"><h1>Headline</h1>{STORY}<p>Fourth paragraph \
             of the story with some more words.</p></div></form></body></html>"
        );
        let a = html(&p).unwrap();
        assert!(a.body.contains("brokered by Switzerland"), "{}", a.body);
        assert_eq!(a.title, "Headline");
    }

    #[test]
    fn navigation_only_is_no_text() {
        let e = html(
            "<html><body><nav><a href=/>Home</a><a href=/a>About</a></nav>\
                      <footer>(c) 2025</footer></body></html>",
        )
        .unwrap_err();
        assert_eq!(e.reason, SkipReason::NoText);
        assert_eq!(e.detail, "no main text found on the page");
    }

    #[test]
    fn suffix_stripping() {
        assert_eq!(
            strip_site_suffix("A - B | BBC News", Some("BBC News")),
            "A - B"
        );
        assert_eq!(strip_site_suffix("A — The Daily", Some("the daily")), "A");
        assert_eq!(strip_site_suffix("A - B", None), "A - B");
    }
}
