//! HTML pages: main text from dom_smoothie (a Readability port) after removing boxes that are
//! not the story, with a fallback chain so that no article page is lost; the headline, dates,
//! authors and the rest from `<meta>`, JSON-LD and the markup.
//!
//! The page is parsed once for metadata and extraction: metadata is read from
//! `Readability::doc` before extraction (which mutates the document). The main text comes
//! from the first of these that reads like prose (a line of eight or more words with a full
//! stop), and any but the first is recorded as a warning naming it ([`TextSource`]):
//!
//! 1. the extractor's text (or the JSON-LD `articleBody` when that is much longer: a
//!    paywalled page that shows a teaser but ships the story in its structured data);
//! 2. the JSON-LD `articleBody`;
//! 3. the densest block of paragraphs ([`fallback::densest_block`]);
//! 4. the whole visible text ([`fallback::visible_text`]).
//!
//! Which extractor, and which boxes are removed first, was chosen on the extraction benchmark
//! (`cargo bench --bench extraction`, BENCHMARKS.md). Titles: `title.rs`; dates: `dates.rs`.

mod dates;
mod fallback;
mod meta;
mod title;

use super::{ParsedFile, collapse_ws, normalize_body, single, split_authors};
use crate::article::Article;
use crate::skip::{Skip, SkipReason};
use dom_smoothie::{Config, Readability, TextMode};
use meta::{JsonLd, Metas, PageData};
use std::panic::{AssertUnwindSafe, catch_unwind};
use title::TitleSources;

/// Removed before extraction: boxes that are not the story but often sit inside it (each
/// group measured on the benchmark: captions, bylines and galleries cost the most precision).
const BOILERPLATE: &str = "form, nav, aside, footer, iframe, [role=navigation], \
    [class~=ad], [class~=ads], [class*=advert], [class^=ad-], [id^=ad-], [class*=sponsor], \
    [class*=newsletter], [id*=newsletter], [class*=subscribe], [class*=signup], \
    [class*=sign-up], [id*=signup], [class*=promo], \
    [class*=related], [class*=share], [class*=social], [class*=cookie], \
    figcaption, [class*=caption], [class*=byline], [class*=gallery], [class*=credit], \
    [class*=breadcrumb], [class*=recommend], [class*=trending], [class*=most-popular], \
    [class*=comments], [id*=comments], [class*=tags], [class*=toolbar], \
    [class*=consent], [id*=consent], [class*=gdpr], [class*=copyright], \
    [class*=timestamp], [class*=footer]";

/// Where an article's main text came from, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextSource {
    Extractor,
    JsonLdBody,
    DensestBlock,
    VisibleText,
}

impl TextSource {
    /// The warning that records a fallback; `None` for the extractor, the normal case.
    fn warning(self) -> Option<&'static str> {
        match self {
            TextSource::Extractor => None,
            TextSource::JsonLdBody => Some("main text from the page's JSON-LD articleBody"),
            TextSource::DensestBlock => Some(
                "main text from the densest block of paragraphs: no article found by the extractor",
            ),
            TextSource::VisibleText => Some(
                "main text is the page's whole visible text: no article or paragraph block found",
            ),
        }
    }
}

pub(super) fn parse(html: &str) -> Result<ParsedFile, Skip> {
    // html5ever and dom_smoothie are lenient, but this is third-party code fed arbitrary
    // bytes: a bug there must cost one file, not the whole indexing run.
    let (article, source) =
        catch_unwind(AssertUnwindSafe(|| extract(html))).unwrap_or_else(|_| {
            Err(Skip::new(
                SkipReason::Malformed,
                "the HTML extractor failed on this page",
            ))
        })?;
    let mut parsed = single(article);
    parsed.warnings.extend(source.warning().map(str::to_string));
    Ok(parsed)
}

fn extract(html: &str) -> Result<(Article, TextSource), Skip> {
    let cfg = Config {
        text_mode: TextMode::Formatted, // keeps paragraph breaks, unlike Raw
        ..Config::default()
    };
    let no_text = || Skip::new(SkipReason::NoText, "no main text found on the page");
    let mut rd = Readability::new(html, None, Some(cfg)).map_err(|_| no_text())?;
    let (mut a, ld_body) = read_metadata(&rd);
    remove_boilerplate(&rd);
    remove_link_lists(&rd);
    let extracted = rd.parse().ok();
    let site = a.source.clone();
    let main = extracted
        .as_ref()
        .map(|ex| without_leading_furniture(&ex.text_content, site.as_deref()))
        .filter(|t| is_prose(t));
    let ld_body = ld_body.map(|b| normalize_body(&b)).filter(|b| is_prose(b));
    let words = |t: &str| t.split_whitespace().count();
    let (body, source) = match (main, ld_body) {
        (Some(m), Some(ld)) if words(&ld) > 2 * words(&m) + 50 => (ld, TextSource::JsonLdBody),
        (Some(m), _) => (m, TextSource::Extractor),
        (None, Some(ld)) => (ld, TextSource::JsonLdBody),
        (None, None) => fallback::densest_block(html)
            .filter(|t| is_prose(t))
            .map(|t| (t, TextSource::DensestBlock))
            .or_else(|| {
                // Prose, not just many words: a section front's list of headlines is not
                // an article.
                fallback::visible_text(html)
                    .filter(|t| is_prose(t))
                    .map(|t| (t, TextSource::VisibleText))
            })
            .ok_or_else(no_text)?,
    };
    a.body = body;
    if let Some(ex) = extracted {
        // The extractor's byline may be a dateline ("NEW YORK, Mar 10 (Orbis) -"): not
        // with a digit, brackets or a closing dash.
        let dateline = |b: &&str| {
            b.contains(|c: char| c.is_ascii_digit() || c == '(')
                || b.trim_end().ends_with(['-', '\u{2013}', '\u{2014}'])
        };
        if a.authors.is_empty() {
            a.authors = (ex.byline.as_deref())
                .filter(|b| !dateline(b))
                .map(split_authors)
                .unwrap_or_default();
        }
        a.source = a.source.or(ex.site_name);
        a.url = a.url.or(ex.url);
        a.language = a.language.or(ex.lang);
        if a.title.is_empty() {
            a.title = ex.title;
        }
    }
    Ok((a, source))
}

/// The text without the page furniture the extractor kept above the story: the site's name
/// ("The Northgate Observer"), a section label ("Politics"), date lines ("Published Tuesday,
/// October 15, 2024 at 6:30 AM", "Updated March 11, 2023 2:20 PM UTC"). Only lines before
/// the first real paragraph, and never one in capitals (a dateline: "WASHINGTON").
fn without_leading_furniture(text: &str, site: Option<&str>) -> String {
    let furniture = |line: &str| {
        let line = line.trim();
        let words = line.split_whitespace().count();
        let site_name = site.is_some_and(|s| s.trim().eq_ignore_ascii_case(line));
        let label = words <= 3
            && line.len() <= 30
            && !line.ends_with(['.', '!', '?', ':'])
            && line.chars().any(char::is_lowercase);
        let date_line = words <= 14 && dates::date_in_text(line).is_some();
        line.is_empty() || site_name || label || date_line
    };
    let mut rest = text;
    for _ in 0..6 {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        if after.trim().is_empty() || !furniture(line) {
            break;
        }
        rest = after;
    }
    rest.trim_start().to_string()
}

/// True when some line reads like prose: eight or more words and a full stop somewhere
/// (a few words, or a list of section links, are not an article).
fn is_prose(body: &str) -> bool {
    body.lines().any(|line| {
        // Chinese, Japanese and Korean put few or no spaces: two characters count as a word.
        let cjk = line.chars().filter(|c| is_cjk(*c)).count();
        let words = line.split_whitespace().count() + cjk / 2;
        words >= 8 && line.contains(['.', '!', '?', '。', '！', '？'])
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
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

/// Removes lists whose every item is mostly a link: "Also on this story", "More on this",
/// "Read next" under the story, whatever class the template gives them (the story's own
/// lists are text). A box left holding only the list's heading goes with it. So does a short
/// paragraph that is one link ("Our Standards: The Trust Principles.", "Read more: ...").
fn remove_link_lists(rd: &Readability) {
    let chars = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    for p in rd.doc.select("p").iter() {
        let text = p.text();
        let linked: usize = p.select("a").iter().map(|a| chars(&a.text())).sum();
        let all = chars(&text);
        if all > 0 && linked * 10 >= all * 9 && text.split_whitespace().count() <= 20 {
            p.remove();
        }
    }
    for list in rd.doc.select("ul, ol").iter() {
        let items = list.select("li");
        let linked = items.length() >= 2
            && items.iter().all(|li| {
                let text = chars(&li.text());
                let linked: usize = li.select("a").iter().map(|a| chars(&a.text())).sum();
                text > 0 && linked * 2 >= text
            });
        if !linked {
            continue;
        }
        let parent = list.parent();
        list.remove();
        if parent.select("p").length() == 0
            && chars(&parent.text()) < 60
            && !parent.is("body, article, main")
        {
            parent.remove();
        }
    }
}

/// Everything except the body, from the untouched document, and the JSON-LD `articleBody`.
fn read_metadata(rd: &Readability) -> (Article, Option<String>) {
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

    let url = metas
        .first(&["og:url"])
        .or_else(|| attr("link[rel=canonical]", "href"));
    let source = metas.first(&["og:site_name"]).or(ld.publisher.clone());
    let og_title = metas.first(&["og:title", "twitter:title"]);
    let h1 = text_of("article h1").or_else(|| text_of("h1"));
    let title_tag = text_of("title");
    let sites = [source.clone(), url.as_deref().and_then(title::host_of)]
        .into_iter()
        .flatten()
        .collect();
    let title = title::headline(&TitleSources {
        og_title: og_title.as_deref(),
        ld_headline: ld.headline.as_deref(),
        h1: h1.as_deref(),
        title_tag: title_tag.as_deref(),
        sites,
    });

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

    let page_data = PageData::read(rd, &title);
    // Metadata first, then the app's data, then the byline a reader sees.
    let authors = [meta_authors, ld.authors.clone(), page_data.authors.clone()]
        .into_iter()
        .find(|a| !a.is_empty())
        .unwrap_or_else(|| meta::byline_authors(rd));
    let article = Article {
        title,
        date_candidates: dates::candidates(rd, &metas, &ld, &page_data, url.as_deref()),
        source,
        authors,
        url,
        language: attr("html", "lang")
            .or_else(|| metas.first(&["og:locale", "language", "dc.language"])),
        tags,
        ..Article::default()
    };
    (article, ld.article_body)
}

#[cfg(test)]
mod tests;
