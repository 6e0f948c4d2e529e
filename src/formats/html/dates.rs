//! Publication-date candidates from the page alone, pushed in the order we trust them (after
//! htmldate's: structured data first, then meta tags, then markup, then what a reader sees,
//! then the URL): JSON-LD `datePublished`; meta tags of every common vocabulary; microdata
//! `itemprop=datePublished`; `<time>` marked as the publication time or near the headline; a
//! visible date line near the headline ("By Jane Doe | November 18, 2019 at 2:26 PM"), else a
//! date next to a publication label anywhere in the visible text ("Posted:", "publiziert am",
//! "Publicado por", "기사입력"); a date in the page's URL (`/2024/03/15/`); and last,
//! modification dates. `enrich::dates` takes the first that parses, keeping the day as written
//! in the page's own time zone. Numeric dates a reader sees ("05/10/2018") are read day first
//! unless the page's language is US English.

use super::meta::{JsonLd, Metas, PageData};
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
    page_data: &PageData,
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
    if let Some(d) = &page_data.published {
        push(DateSource::PageData, d.clone());
    }
    // Microdata: the value in `content`/`datetime`, else the element's visible text.
    let microdata: Vec<String> = (doc.select("[itemprop=datePublished]").nodes().iter())
        .filter_map(|n| {
            n.attr("content")
                .or_else(|| n.attr("datetime"))
                .map(|v| v.trim().to_string())
                .or_else(|| date_in_text(&collapse_ws(&n.text())))
        })
        .collect();
    for v in one_story(microdata) {
        push(DateSource::HtmlMeta, v);
    }
    // `pubdate` claims "this is the publication time", which a list of teasers repeats: such
    // a claim made for several dates is left out. The other selectors trust their position.
    let time_selectors = [
        ("time[pubdate][datetime]", true),
        (
            "article header time[datetime], h1 ~ * time[datetime], header time[datetime]",
            false,
        ),
        ("article time[datetime]", false),
        ("time[datetime]", false),
    ];
    if let Some(t) = time_selectors.iter().find_map(|&(sel, claim)| {
        let values: Vec<String> = (doc.select(sel).nodes().iter())
            .filter(|n| !about_other_things(n))
            .filter_map(|n| {
                n.attr("datetime")
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            })
            .collect();
        let values = if claim { one_story(values) } else { values };
        values.into_iter().next()
    }) {
        push(DateSource::HtmlTime, t);
    }
    // The visible line costs a scan of the page: only when nothing above is a local date.
    let first = out.iter().find(|c| parse_date_text(&c.text).is_ok());
    if first.is_none_or(|c| is_utc_like(c, &out)) {
        let day_first = reads_day_first(rd, metas);
        let line = visible_date_line(rd, first.is_some()).or_else(|| labelled_date(rd));
        if let Some(line) = line {
            out.push(DateCandidate::new(
                DateSource::PageText,
                numeric_as_iso(&line, day_first).unwrap_or(line),
            ));
        }
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

/// Values of one selector, or none when they name more than two different dates: then the
/// selector caught a list of other stories (a "latest" sidebar), not this story's own date.
fn one_story(values: Vec<String>) -> Vec<String> {
    let mut distinct: Vec<&String> = values.iter().collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > 2 {
        Vec::new()
    } else {
        values
    }
}

/// Many sites stamp their structured data in UTC ("2019-11-20T01:50:59Z") while the page's
/// own local statement of the time (a tag with an offset, the visible date line, the URL)
/// gives the day their readers saw (the 19th, in Los Angeles). When the first usable
/// candidate is in UTC ([`is_utc_like`]), the first later one that states a local day
/// decides: if that day is the one before or after, it moves first (the local day as
/// stated); if it is the same day, nothing changes. A date-only meta or JSON-LD value is no
/// statement of a local day: sites derive it from the UTC stamp.
fn prefer_local_day(candidates: &mut Vec<DateCandidate>) {
    let day = |c: &DateCandidate| parse_date_text(&c.text).ok().map(|(d, _)| d);
    let Some((first, utc_day)) = candidates
        .iter()
        .enumerate()
        .find_map(|(i, c)| day(c).map(|d| (i, d)))
    else {
        return;
    };
    if !is_utc_like(&candidates[first], candidates) {
        return;
    }
    let derived = |c: &DateCandidate| {
        matches!(c.source, DateSource::HtmlMeta | DateSource::JsonLd) && !c.text.contains(':')
    };
    let local = candidates[first + 1..]
        .iter()
        .position(|c| !is_utc_like(c, candidates) && !derived(c) && day(c).is_some());
    if let Some(i) = local
        && let Some(d) = day(&candidates[first + 1 + i])
        && d != utc_day
        && (d - utc_day).get_days().abs() == 1
    {
        let c = candidates.remove(first + 1 + i);
        candidates.insert(first, c);
    }
}

/// A timestamp stated in UTC, or one whose zone cannot be trusted because the page states the
/// same wall-clock time in UTC elsewhere: "2019-11-20T04:31:13-06:00" beside
/// "2019-11-20T04:31:13+00:00" (a template that pasted the UTC clock with the site's offset),
/// or the zone-less "2019-11-19 02:24:00" beside "2019-11-19 02:24:00 UTC".
fn is_utc_like(candidate: &DateCandidate, all: &[DateCandidate]) -> bool {
    is_utc(&candidate.text)
        || wall_clock(&candidate.text).is_some_and(|clock| {
            all.iter()
                .any(|o| is_utc(&o.text) && wall_clock(&o.text).as_ref() == Some(&clock))
        })
}

/// "2019-11-20T04:31" from an ISO stamp with a time ("2019-11-20 04:31:13-06:00" too).
fn wall_clock(text: &str) -> Option<String> {
    let t = text.trim().get(..16)?;
    let b = t.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => matches!(c, b'T' | b' '),
        13 => *c == b':',
        _ => c.is_ascii_digit(),
    });
    shape.then(|| t.replace(' ', "T"))
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

/// Words that label a story's publication date, lowercase: English, German, French, Spanish,
/// Portuguese, Italian, Dutch, Indonesian, Korean, Chinese, Russian.
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "posted",
    "publiziert",
    "veröffentlicht",
    "publié",
    "publicado",
    "publicada",
    "pubblicato",
    "gepubliceerd",
    "diterbitkan",
    "기사입력",
    "입력",
    "发布",
    "發布",
    "опубликовано",
];

/// How far from a label its date may be, in characters: "Posted: Fri 6:45 PM, Feb 16, 2018"
/// after it, "05/10/2018 - Publicado por:" before it.
const AFTER_LABEL: usize = 48;
const BEFORE_LABEL: usize = 24;

/// The first date next to a publication label in the page's visible text (scripts and styles
/// left out), for pages that mark their date line with no date-like class. Not "Updated":
/// that is not when the story was published.
fn labelled_date(rd: &Readability) -> Option<String> {
    let body = rd.doc.select("body");
    let root = *body.nodes().first()?;
    let mut text = String::new();
    for n in root.descendants_it().filter(|n| n.is_text()) {
        let hidden = n.ancestors_it(None).any(|a| {
            a.node_name()
                .is_some_and(|name| matches!(&*name, "script" | "style" | "noscript" | "template"))
        });
        if !hidden {
            text.push_str(&n.text());
            text.push(' ');
        }
    }
    let text = collapse_ws(&text).to_lowercase();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let slice = |from: usize, to: usize| {
        let at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
        &text[at(from)..at(to)]
    };
    for (i, _) in chars.iter().enumerate() {
        let rest = slice(i, i + 16);
        let Some(label) = PUBLISHED_LABELS.iter().find(|l| rest.starts_with(*l)) else {
            continue;
        };
        let end = i + label.chars().count();
        let after = date_in_text(slice(end, end + AFTER_LABEL));
        let before = || date_in_text(slice(i.saturating_sub(BEFORE_LABEL), i));
        if let Some(date) = after.or_else(before) {
            return Some(date);
        }
    }
    None
}

/// Whether the page writes numeric dates day first ("05/10/2018" is 5 October): unless its
/// language (`<html lang>`, `og:locale`, `content-language`) is US English, or is not given.
fn reads_day_first(rd: &Readability, metas: &Metas) -> bool {
    let html = rd.doc.select("html");
    let lang = html
        .attr("lang")
        .or_else(|| html.attr("xml:lang"))
        .map(|l| l.to_string())
        .or_else(|| metas.first(&["og:locale", "content-language", "language", "dc.language"]));
    let Some(lang) = lang else { return false };
    let lang = lang.trim().to_ascii_lowercase().replace('_', "-");
    let (primary, region) = lang.split_once('-').unwrap_or((&lang, ""));
    let us_english = primary == "en" && matches!(region, "" | "us" | "ph" | "ca");
    !primary.is_empty() && !us_english
}

/// "05/10/2018" as "2018-10-05" when the page reads day first (both orders read the same
/// number as the day when it is above 12); `None` for any other text.
fn numeric_as_iso(text: &str, day_first: bool) -> Option<String> {
    let (day, month, year, rest) = crate::formats::numeric_date(text, &['/', '.'])?;
    (day_first && rest.is_empty()).then(|| format!("{year}-{month:02}-{day:02}"))
}

/// The first date written in a short date-like element (by class or id) near the headline:
/// inside the story's `<article>` or `<header>` if there is one, else anywhere on the page.
/// When the page has a stamp of its own (`stamped`), lines that state their clock in UTC
/// are passed over.
fn visible_date_line(rd: &Readability, stamped: bool) -> Option<String> {
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
            // A line stating its clock in UTC ("Updated March 11, 2023 2:20 PM UTC") says
            // no local day, and the page's stamp already gives the instant.
            let utc_line = stamped && states_a_clock(&text) && is_utc(&text);
            (text.len() <= 160 && !utc_line && !about_other_things(n))
                .then(|| date_in_text(before_update_label(&text)))
                .flatten()
        })
    })
}

/// Words that label when a story was changed, not published ("Last updated 13 December
/// 2015"), lowercase: English, German, French, Spanish, Portuguese, Italian, Dutch.
const UPDATE_LABELS: &[&str] = &[
    "updated",
    "modified",
    "aktualisiert",
    "mis à jour",
    "actualizado",
    "atualizado",
    "aggiornato",
    "bijgewerkt",
];

/// The part of a date line before its first update label when what follows the label states
/// no time of day: "Last updated 13 December 2015" states no publication date, and "November
/// 18, 2019 - Updated Nov 19" is the 18th. A label followed by a clock ("Updated 11:21 pm
/// CST, Tuesday, November 19, 2019", "Updated 0339 GMT ...") stamps the same instant as the
/// page's structured time, so the line stays whole.
fn before_update_label(line: &str) -> &str {
    let lower = line.to_lowercase();
    let Some(at) = UPDATE_LABELS
        .iter()
        .filter_map(|label| lower.find(label))
        .min()
    else {
        return line;
    };
    // Lowercasing keeps these byte offsets only for text whose case changes keep lengths.
    if lower.len() != line.len() || !line.is_char_boundary(at) || states_a_clock(&line[at..]) {
        return line;
    }
    &line[..at]
}

/// Whether `text` holds a time of day: "11:21", "0339 GMT".
fn states_a_clock(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        let colon = b[i] == b':' && i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2);
        let zoned = (0..4).all(|k| digit(i + k))
            && (i == 0 || !digit(i - 1))
            && [" GMT", " UTC"]
                .iter()
                .any(|z| text[i + 4..].starts_with(z));
        colon || zoned
    })
}

/// Whether a node sits in a box about other things than the story: comments, lists of other
/// stories, sidebars, the page's footer and navigation. Their times are not the story's.
fn about_other_things(node: &dom_query::NodeRef) -> bool {
    const OTHER: &[&str] = &[
        "comment", "related", "recent", "sidebar", "footer", "reply", "widget",
    ];
    node.ancestors_it(None).any(|a| {
        let named = a
            .node_name()
            .is_some_and(|name| matches!(&*name, "aside" | "footer" | "nav"));
        let marked = [a.attr("class"), a.attr("id")]
            .into_iter()
            .flatten()
            .any(|v| {
                // "more" as a word of the name: "hbc-more", "more-stories", a CSS module's
                // "MoreList_section__Lk", not "moreover".
                let more = v
                    .split([' ', '-', '_'])
                    .flat_map(camel_words)
                    .any(|w| w.eq_ignore_ascii_case("more"));
                let v = v.to_ascii_lowercase();
                more || OTHER.iter().any(|o| v.contains(o))
            });
        named || marked
    })
}

/// The words of a camel-cased name: "MoreList" -> "More", "List"; "moreover" stays whole.
fn camel_words(name: &str) -> impl Iterator<Item = &str> {
    let mut starts: Vec<usize> = name
        .char_indices()
        .filter(|&(i, c)| i > 0 && c.is_uppercase())
        .map(|(i, _)| i)
        .collect();
    starts.insert(0, 0);
    starts.push(name.len());
    (0..starts.len() - 1).map(move |k| &name[starts[k]..starts[k + 1]])
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

#[cfg(test)]
#[path = "dates_tests.rs"]
mod page_tests;
