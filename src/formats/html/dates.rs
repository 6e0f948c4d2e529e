//! Publication-date candidates from the page alone, pushed in the order we trust them (after
//! htmldate's: structured data first, then meta tags, then markup, then what a reader sees,
//! then the URL): JSON-LD `datePublished`; meta tags of every common vocabulary; microdata
//! `itemprop=datePublished`; `<time>` marked as the publication time or near the headline; a
//! visible date line near the headline ("By Jane Doe | November 18, 2019 at 2:26 PM"); a date
//! in the page's URL (`/2024/03/15/`); and last, modification dates. `enrich::dates` takes the
//! first that parses, keeping the day as written in the page's own time zone.

use super::meta::{JsonLd, Metas};
use crate::article::{DateCandidate, DateSource};
use crate::enrich::dates::{date_from_path, parse_date_text};
use crate::formats::collapse_ws;
use dom_smoothie::Readability;
use std::path::Path;

/// Publication-date meta names, most specific first (htmldate's list, lowercased).
const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "article_date_original",
    "datepublished",
    "date_published",
    "publish_date",
    "publishdate",
    "published-date",
    "publication_date",
    "originalpublicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "rnews:datepublished",
    "shareaholic:article_published_time",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "prism.publicationdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "article.created",
    "article_date",
    "datecreated",
    "pubdate",
    "bt:pubdate",
    "rbpubdate",
    "release_date",
    "date",
];

/// Modification dates: better than nothing, worse than anything else.
const MODIFIED_METAS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
];

/// Class or id fragments of the elements that hold a story's visible date line.
const DATE_LINE: &str = "[class*=date], [class*=time], [class*=publish], [class*=posted], \
    [class*=byline], [class*=meta], [id*=date], [id*=publish]";

pub(super) fn candidates(
    rd: &Readability,
    metas: &Metas,
    ld: &JsonLd,
    url: Option<&str>,
) -> Vec<DateCandidate> {
    let doc = &rd.doc;
    let mut out: Vec<DateCandidate> = Vec::new();
    let mut push = |source, text: String| out.push(DateCandidate::new(source, text));
    for d in &ld.published {
        push(DateSource::JsonLd, d.clone());
    }
    for d in metas.all(PUBLISHED_METAS) {
        push(DateSource::HtmlMeta, d);
    }
    for n in doc.select("[itemprop=datePublished]").nodes() {
        if let Some(v) = n.attr("content").or_else(|| n.attr("datetime")) {
            push(DateSource::HtmlMeta, v.to_string());
        }
    }
    let time_selectors = [
        "time[pubdate][datetime]",
        "article header time[datetime], h1 ~ * time[datetime], header time[datetime]",
        "article time[datetime]",
        "time[datetime]",
    ];
    if let Some(t) = time_selectors.iter().find_map(|sel| {
        doc.select(sel)
            .nodes()
            .iter()
            .find_map(|n| n.attr("datetime").map(|v| v.trim().to_string()))
            .filter(|v| !v.is_empty())
    }) {
        push(DateSource::HtmlTime, t);
    }
    // The visible line costs a scan of the page: only when nothing above is a local date.
    let first = out.iter().find(|c| parse_date_text(&c.text).is_ok());
    if first.is_none_or(|c| is_utc(&c.text))
        && let Some(line) = visible_date_line(rd)
    {
        out.push(DateCandidate::new(DateSource::PageText, line));
    }
    if let Some(day) = url.and_then(date_in_url) {
        out.push(DateCandidate::new(DateSource::Url, day));
    }
    for d in ld.modified.iter().cloned().chain(metas.all(MODIFIED_METAS)) {
        out.push(DateCandidate::new(DateSource::HtmlMeta, d));
    }
    // An image filed under /2018/08/25/ dates a page that says nothing else.
    if let Some(day) = metas.first(&["og:image"]).as_deref().and_then(date_in_url) {
        out.push(DateCandidate::new(DateSource::Url, day));
    }
    prefer_local_day(&mut out);
    out
}

/// Many sites stamp their structured data in UTC ("2019-11-20T01:50:59Z") while the page's
/// URL, its visible date line or another tag gives the day their readers saw (the 19th, in
/// Los Angeles). When the first usable candidate is stated in UTC and a later one, not in
/// UTC, names the day before or after, that later one moves first: the local day as stated.
fn prefer_local_day(candidates: &mut Vec<DateCandidate>) {
    let day = |c: &DateCandidate| parse_date_text(&c.text).ok().map(|(d, _)| d);
    let Some((first, utc_day)) = candidates
        .iter()
        .enumerate()
        .find_map(|(i, c)| day(c).map(|d| (i, d)))
    else {
        return;
    };
    if !is_utc(&candidates[first].text) {
        return;
    }
    let local = candidates[first + 1..].iter().position(|c| {
        !is_utc(&c.text)
            && day(c).is_some_and(|d| d != utc_day && (d - utc_day).get_days().abs() == 1)
    });
    if let Some(i) = local {
        let c = candidates.remove(first + 1 + i);
        candidates.insert(first, c);
    }
}

/// A timestamp stated in UTC: `...Z`, `+00:00`, `+0000`, `GMT`, `UTC`.
fn is_utc(text: &str) -> bool {
    let t = text.trim().to_ascii_uppercase();
    t.contains(':')
        && (t.ends_with('Z')
            || t.ends_with("+00:00")
            || t.ends_with("+0000")
            || t.contains("GMT")
            || t.contains("UTC"))
}

/// The first date written in a short date-like element (by class or id) near the headline:
/// inside the story's `<article>` or `<header>` if there is one, else anywhere on the page.
fn visible_date_line(rd: &Readability) -> Option<String> {
    let doc = &rd.doc;
    let scopes = ["article", "header", "main", "body"];
    scopes.iter().find_map(|scope| {
        let sel = DATE_LINE
            .split(", ")
            .map(|d| format!("{scope} {d}"))
            .collect::<Vec<_>>()
            .join(", ");
        doc.select(&sel).nodes().iter().take(20).find_map(|n| {
            let text = collapse_ws(&n.text());
            (text.len() <= 160).then(|| date_in_text(&text)).flatten()
        })
    })
}

/// The first date in a short line: a month-name date ("November 18, 2019", "18 Nov 2019",
/// "Mon, 18 November 2019") or a numeric one ("2019-11-18", "18.11.2019"), as written.
/// Bare numbers are never dates here (a 10-digit id would read as a Unix time).
pub(super) fn date_in_text(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '|' | '(' | ')' | '[' | ']' | '•' | '·')))
        .collect();
    for i in 0..words.len() {
        for len in [3, 1] {
            let Some(window) = words.get(i..i + len) else {
                continue;
            };
            let candidate = window.join(" ");
            let candidate = candidate.trim_end_matches([',', ';', ':', '-']);
            let numeric_only = candidate.chars().all(|c| c.is_ascii_digit());
            let has_year = candidate
                .split(|c: char| !c.is_ascii_digit())
                .any(|d| d.len() == 4);
            if numeric_only || !has_year || candidate.len() < 8 {
                continue;
            }
            if parse_date_text(candidate).is_ok() {
                return Some(candidate.to_string());
            }
        }
    }
    None
}

/// A day in the URL's path: `/2024/03/15/`, `/2024-03-15-story`, `/20240315/`, as ISO.
fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, path)| path)
    });
    let path = path.split(['?', '#']).next().unwrap_or_default();
    date_from_path(Path::new(path)).map(|(_, day)| day.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_lines_and_urls() {
        assert_eq!(
            date_in_text("By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated Nov 19")
                .as_deref(),
            Some("November 18, 2019")
        );
        assert_eq!(
            date_in_text("Posted 2019-11-18T09:00").as_deref(),
            Some("2019-11-18T09:00")
        );
        assert_eq!(date_in_text("Story id 1574168580 and 2019"), None);
        assert_eq!(
            date_in_url("https://x.test/news/2024/03/15/story.html").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(date_in_url("https://x.test/a-11574168580"), None);
    }

    #[test]
    fn a_local_day_beats_the_same_moment_in_utc() {
        let c = |s: DateSource, t: &str| DateCandidate::new(s, t);
        let mut found = vec![
            c(DateSource::JsonLd, "2019-11-20T01:50:59.403Z"),
            c(DateSource::HtmlMeta, "2019-11-20T01:50:59Z"),
            c(DateSource::Url, "2019-11-19"),
        ];
        prefer_local_day(&mut found);
        assert_eq!(found[0], c(DateSource::Url, "2019-11-19"));
        // A stated offset is local already; a UTC stamp with no other day stays first.
        let mut found = vec![
            c(DateSource::JsonLd, "2019-11-19T21:50:59-04:00"),
            c(DateSource::Url, "2019-11-20"),
        ];
        prefer_local_day(&mut found);
        assert_eq!(found[0].source, DateSource::JsonLd);
        let mut found = vec![
            c(DateSource::JsonLd, "2019-11-20T01:50:59Z"),
            c(DateSource::Url, "2019-11-25"),
        ];
        prefer_local_day(&mut found);
        assert_eq!(found[0].source, DateSource::JsonLd);
    }
}
