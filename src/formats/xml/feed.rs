//! RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom feeds: one article per item or entry.
//!
//! Read from the element tree rather than with feed-rs: feed-rs converts every date to UTC
//! (a story stamped "Mon, 24 Feb 2025 23:30:00 -0500" becomes 25 February), while morgue keeps
//! the day as the source states it and parses the date text itself, with its source
//! recorded. Fields, in the order they are tried:
//!
//! | field | RSS 2.0 / RDF | Atom |
//! | --- | --- | --- |
//! | title | `title` | `title` |
//! | url | `link`, else a permalink `guid` | `link` (alternate) |
//! | date | `pubDate`, `dc:date`, `atom:published`, `atom:updated` | `published`, `updated` |
//! | authors | `author` ("email (Name)" keeps Name), `dc:creator` | `author/name`, else the feed's |
//! | body | `content:encoded`, else `description` | `content`, else `summary` |
//! | tags | `category`, `dc:subject` | `category/@term` |
//! | source | the item's `source`, else the channel's `title` | the entry's `source/title`, else the feed's `title` |
//! | language | `dc:language`, else the channel's `language` | `xml:lang` of entry, else feed |

use super::html_text::{html_text, tree_text};
use super::tree::Element;
use super::{ParsedFile, numbered};
use crate::article::{Article, DateCandidate, DateSource};
use crate::formats::split_authors;
use crate::skip::{Skip, SkipReason};

pub(super) fn parse(root: &Element) -> Result<ParsedFile, Skip> {
    let articles: Vec<Article> = if root.name == "feed" {
        atom(root)
    } else {
        // RSS 2.0: rss/channel/item; RSS 1.0: rdf:RDF/channel plus rdf:RDF/item.
        let channel = if root.name == "channel" {
            Some(root)
        } else {
            root.child("channel")
        };
        // Read once: the channel's children include every item.
        let channel_text =
            |name| channel.and_then(|c| own(c, name).find_map(Element::text_nonempty));
        let defaults = Channel {
            title: channel_text("title"),
            language: channel_text("language")
                .or_else(|| channel.and_then(|c| c.child_text("language"))),
        };
        let items = channel
            .into_iter()
            .flat_map(|c| c.all("item"))
            .chain(root.all("item"));
        items.map(|item| rss_item(item, &defaults)).collect()
    };
    if articles.is_empty() {
        return Err(Skip::new(
            SkipReason::NoText,
            format!("a feed (<{}>) with no items", root.qualified()),
        ));
    }
    Ok(numbered(articles))
}

/// Children that are RSS's own elements of this name: no namespace (RSS 0.9x, 2.0) or an RSS
/// one (1.0, 0.90), so `media:title` or `itunes:author` are not taken for `title`, `author`.
fn own<'a>(e: &'a Element, name: &'a str) -> impl Iterator<Item = &'a Element> {
    e.all(name).filter(|c| {
        c.ns.is_empty()
            || c.ns.starts_with("http://purl.org/rss/")
            || c.ns.starts_with("http://my.netscape.com/rdf/")
            || c.ns.starts_with("http://backend.userland.com/")
    })
}

/// What an item takes from its channel when it does not say itself.
struct Channel {
    title: Option<String>,
    language: Option<String>,
}

fn rss_item(item: &Element, channel: &Channel) -> Article {
    let text = |name| own(item, name).find_map(Element::text_nonempty);
    let mut dates = Vec::new();
    for name in ["pubDate", "date", "published", "updated"] {
        let found = match name {
            "pubDate" => text(name),
            _ => item.child_text(name),
        };
        if let Some(d) = found {
            dates.push(DateCandidate::new(DateSource::Metadata, d));
        }
    }
    let mut authors: Vec<String> = own(item, "author")
        .filter_map(|a| a.child_text("name").or_else(|| a.text_nonempty()))
        .filter_map(|a| rss_author(&a))
        .collect();
    authors.extend(
        item.all("creator")
            .filter_map(Element::text_nonempty)
            .flat_map(|c| split_authors(&c)),
    );
    let body = item
        .all("encoded")
        .chain(own(item, "description"))
        .find_map(Element::text_nonempty)
        .map(|html| html_text(&html))
        .unwrap_or_default();
    let url = text("link").or_else(|| {
        own(item, "guid")
            .next()
            .filter(|g| g.attr("isPermaLink") != Some("false"))
            .and_then(Element::text_nonempty)
            .filter(|g| g.starts_with("http://") || g.starts_with("https://"))
    });
    let tags = own(item, "category")
        .chain(item.all("subject"))
        .filter_map(Element::text_nonempty)
        .collect();
    let source = text("source").or_else(|| channel.title.clone());
    let language = item
        .child_text("language")
        .or_else(|| channel.language.clone());
    Article {
        title: text("title").map(|t| html_text(&t)).unwrap_or_default(),
        body,
        date_candidates: dates,
        source,
        authors,
        url,
        language,
        tags,
        ..Article::default()
    }
}

/// RSS `author` is an e-mail address, often with the name in brackets: "jane@x.org (Jane
/// Doe)" gives "Jane Doe"; "Jane Doe <jane@x.org>" too. A bare address is kept as it is:
/// it still names someone.
fn rss_author(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let (Some(open), true) = (raw.find('('), raw.ends_with(')')) {
        let name = raw[open + 1..raw.len() - 1].trim();
        if !name.is_empty() {
            return Some(name.to_string());
        }
    }
    if let Some(open) = raw.find('<') {
        let name = raw[..open].trim().trim_matches('"');
        if !name.is_empty() {
            return Some(name.to_string());
        }
    }
    (!raw.is_empty()).then(|| raw.to_string())
}

fn atom(feed: &Element) -> Vec<Article> {
    let feed_title = feed.child("title").and_then(construct_text);
    let feed_authors = atom_authors(feed);
    feed.all("entry")
        .map(|entry| {
            let mut dates = Vec::new();
            for name in ["published", "updated"] {
                if let Some(d) = entry.child_text(name) {
                    dates.push(DateCandidate::new(DateSource::Metadata, d));
                }
            }
            let mut authors = atom_authors(entry);
            if authors.is_empty() {
                authors = feed_authors.clone();
            }
            let body = entry
                .all("content")
                .filter(|c| c.attr("src").is_none())
                .chain(entry.all("summary"))
                .find_map(construct_text)
                .unwrap_or_default();
            let url = entry
                .all("link")
                .find(|l| matches!(l.attr("rel"), None | Some("alternate")))
                .and_then(|l| l.attr("href"))
                .map(str::to_string);
            let tags = entry
                .all("category")
                .filter_map(|c| c.attr("term").or(c.attr("label")).map(str::to_string))
                .collect();
            let source = entry
                .child("source")
                .and_then(|s| s.child("title"))
                .and_then(construct_text)
                .or_else(|| feed_title.clone());
            let language = entry.attr("lang").or(feed.attr("lang")).map(str::to_string);
            Article {
                title: entry
                    .child("title")
                    .and_then(construct_text)
                    .unwrap_or_default(),
                body,
                date_candidates: dates,
                source,
                authors,
                url,
                language,
                tags,
                ..Article::default()
            }
        })
        .collect()
}

fn atom_authors(e: &Element) -> Vec<String> {
    e.all("author")
        .filter_map(|a| a.child_text("name").or_else(|| a.child_text("email")))
        .collect()
}

/// An Atom text construct: `type="text"` (the default) as is, `html` unescaped and turned into
/// text, `xhtml` from its element tree.
fn construct_text(e: &Element) -> Option<String> {
    let text = match e.attr("type").unwrap_or("text") {
        "html" | "text/html" => html_text(&e.text()),
        "xhtml" | "application/xhtml+xml" => tree_text(e),
        _ => e.text(),
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(xml: &str) -> Vec<Article> {
        parse(&super::super::tree::parse(xml).unwrap())
            .unwrap()
            .articles
    }

    #[test]
    fn rss_authors_keep_the_name() {
        assert_eq!(
            rss_author("jane@example.org (Jane Doe)").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            rss_author("Jane Doe <jane@example.org>").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            rss_author("desk@example.org").as_deref(),
            Some("desk@example.org")
        );
    }

    #[test]
    fn other_namespaces_do_not_stand_in_for_rss_fields() {
        let a = articles(
            "<rss xmlns:media='http://search.yahoo.com/mrss/' \
             xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'><channel><title>T</title>\
             <item><media:title>Photo caption</media:title><title>Real title</title>\
             <itunes:author>Show host</itunes:author><author>a@x.example (Ann Poe)</author>\
             <media:description>Photo of a dock.</media:description><description>Story text.</description>\
             </item></channel></rss>",
        );
        assert_eq!(a[0].title, "Real title");
        assert_eq!(a[0].authors, ["Ann Poe"]);
        assert_eq!(a[0].body, "Story text.");
    }

    #[test]
    fn rdf_items_sit_beside_the_channel() {
        let a = articles(
            "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' \
             xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>\
             <channel><title>Ledger</title></channel>\
             <item><title>A</title><link>https://x.example/a</link><description>Body a.</description>\
             <dc:date>2025-02-24T10:00:00+01:00</dc:date><dc:creator>Ann Poe and Bo Li</dc:creator>\
             <dc:subject>Energy</dc:subject></item>\
             <item><title>B</title></item></rdf:RDF>",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].source.as_deref(), Some("Ledger"));
        assert_eq!(a[0].authors, ["Ann Poe", "Bo Li"]);
        assert_eq!(a[0].date_candidates[0].text, "2025-02-24T10:00:00+01:00");
        assert_eq!(a[0].tags, ["Energy"]);
        assert_eq!((a[0].record, a[1].record), (Some(1), Some(2)));
    }

    #[test]
    fn atom_content_types() {
        let a = articles(
            "<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='de'><title>Wire</title>\
             <author><name>Desk</name></author>\
             <entry><title type='html'>Q&amp;amp;A</title><updated>2025-03-01T00:00:00Z</updated>\
             <link rel='self' href='https://x.example/self'/><link href='https://x.example/e'/>\
             <content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>One.</p><p>Two.</p></div></content>\
             <summary>ignored</summary></entry></feed>",
        );
        assert_eq!(a[0].title, "Q&A");
        assert_eq!(a[0].body, "One.\n\nTwo.");
        assert_eq!(a[0].url.as_deref(), Some("https://x.example/e"));
        assert_eq!(a[0].authors, ["Desk"]);
        assert_eq!(a[0].language.as_deref(), Some("de"));
        assert_eq!(a[0].source.as_deref(), Some("Wire"));
    }

    #[test]
    fn empty_feeds_are_skipped() {
        let root = super::super::tree::parse("<rss><channel><title>T</title></channel></rss>");
        let e = parse(&root.unwrap()).unwrap_err();
        assert_eq!(e.detail, "a feed (<rss>) with no items");
    }
}
