//! IPTC NewsML-G2: a `newsItem`, or the `newsItem`s inside a `newsMessage` (its `itemSet`)
//! or a `packageItem`, each one article (numbered records when a file holds a container).
//!
//! | field | from (`itemMeta`, `contentMeta`, `contentSet`) |
//! | --- | --- |
//! | title | `headline` (else the inline NITF's) |
//! | authors | `by`, else `creator/name` (or `@literal`), else the inline NITF's byline |
//! | body | `dateline` as the first line, then `inlineXML` (NITF, XHTML or other XML) or `inlineData` |
//! | date | `firstCreated`, `contentCreated`, `versionCreated`, then the inline NITF's |
//! | source | `provider` (name, `@literal`, `@qcode`), else `creditline`, else `infoSource` |
//! | language | `language/@tag`, else `xml:lang` |
//! | tags | `subject` names (or `@literal`), `keyword` |
//! | markup entities | `subject`s typed `cpnat:person`, `cpnat:organisation`, `cpnat:geoArea`/`cpnat:poi`, `cpnat:event`; the inline NITF's markup |
//!
//! A package normally refers to its items by id: one that holds no `newsItem` has nothing to
//! index and is skipped with that reason.

use super::html_text::{html_text, tree_text};
use super::tree::Element;
use super::{ParsedFile, nitf, numbered};
use crate::article::{Article, DateCandidate, DateSource, EntityKind, MarkedName};
use crate::formats::split_authors;
use crate::skip::{Skip, SkipReason};

pub(super) fn parse(root: &Element) -> Result<ParsedFile, Skip> {
    if root.name == "newsItem" {
        return Ok(ParsedFile {
            articles: vec![news_item(root)],
            ..ParsedFile::default()
        });
    }
    let mut items = Vec::new();
    root.descendants("newsItem", &mut items);
    if items.is_empty() {
        let why = match root.name.as_str() {
            "packageItem" => "it refers to its items by id and holds none itself",
            "newsMessage" => "its itemSet is empty",
            _ => "it describes concepts, not news",
        };
        return Err(Skip::new(
            SkipReason::WrongShape,
            format!("a NewsML-G2 {} with no newsItem: {why}", root.name),
        ));
    }
    Ok(numbered(items.into_iter().map(news_item).collect()))
}

fn news_item(item: &Element) -> Article {
    let meta = item.child("itemMeta");
    let content = item.child("contentMeta");
    let meta_text = |name: &str| meta.and_then(|m| m.child_text(name));
    let text = |name: &str| content.and_then(|c| c.child_text(name));
    let inline = item.child("contentSet").and_then(inline_article);
    let mut a = inline.unwrap_or_default();

    let mut dates: Vec<DateCandidate> = [
        meta_text("firstCreated"),
        text("contentCreated"),
        meta_text("versionCreated"),
    ]
    .into_iter()
    .flatten()
    .map(|d| DateCandidate::new(DateSource::Metadata, d))
    .collect();
    dates.append(&mut a.date_candidates);
    a.date_candidates = dates;

    if let Some(headline) = text("headline") {
        a.title = headline;
    }
    let authors = match text("by") {
        Some(by) => split_authors(&by),
        None => content
            .into_iter()
            .flat_map(|c| c.all("creator"))
            .filter_map(|c| {
                c.child_text("name")
                    .or(c.attr("literal").map(str::to_string))
            })
            .collect(),
    };
    if !authors.is_empty() {
        a.authors = authors;
    }
    if let Some(dateline) = text("dateline").filter(|d| !a.body.starts_with(d.as_str())) {
        a.body = format!("{dateline}\n\n{}", a.body);
    }
    let provider = meta.and_then(|m| m.child("provider")).and_then(|p| {
        p.child_text("name")
            .or(p.attr("literal").map(str::to_string))
            .or(p
                .attr("qcode")
                .map(|q| q.rsplit(':').next().unwrap_or(q).to_string()))
    });
    let info_source = content.and_then(|c| c.child("infoSource")).and_then(|s| {
        s.child_text("name")
            .or(s.attr("literal").map(str::to_string))
    });
    a.source = provider
        .or_else(|| text("creditline"))
        .or(info_source)
        .or(a.source.take());
    a.language = content
        .and_then(|c| c.child("language"))
        .and_then(|l| l.attr("tag"))
        .or(item.attr("lang"))
        .map(str::to_string)
        .or(a.language.take());
    let mut tags = Vec::new();
    let mut markup = Vec::new();
    for subject in content.into_iter().flat_map(|c| c.all("subject")) {
        let Some(name) = subject
            .child_text("name")
            .or(subject.attr("literal").map(str::to_string))
        else {
            continue;
        };
        match subject_kind(subject.attr("type")) {
            Some(kind) => markup.push(MarkedName { kind, name }),
            None => tags.push(name),
        }
    }
    tags.extend(
        content
            .into_iter()
            .flat_map(|c| c.all("keyword"))
            .filter_map(Element::text_nonempty),
    );
    tags.append(&mut a.tags);
    a.tags = tags;
    markup.append(&mut a.markup);
    a.markup = markup;
    a
}

/// The concept types of the IPTC "cpnat" scheme that name the things morgue's entities are.
fn subject_kind(concept_type: Option<&str>) -> Option<EntityKind> {
    match concept_type?.rsplit(':').next()? {
        "person" => Some(EntityKind::Person),
        "organisation" | "organization" => Some(EntityKind::Org),
        "geoArea" | "poi" => Some(EntityKind::Place),
        "event" => Some(EntityKind::Event),
        _ => None,
    }
}

/// The article the first inline content of a `contentSet` gives: a whole NITF article (its
/// metadata fills what the item's own leaves out), or just the text of XHTML, other XML or
/// inline data.
fn inline_article(set: &Element) -> Option<Article> {
    set.elements().find_map(|c| {
        let html = c.attr("contenttype").is_some_and(|t| t.contains("html"));
        let article = match c.name.as_str() {
            "inlineXML" => {
                let root = c.elements().next()?;
                match root.name.as_str() {
                    "nitf" => nitf::article(root),
                    "html" => Article {
                        body: tree_text(root.child("body").unwrap_or(root)),
                        ..Article::default()
                    },
                    "body.content" | "body" => Article {
                        body: nitf::body_text(root),
                        ..Article::default()
                    },
                    _ => Article {
                        body: tree_text(c),
                        ..Article::default()
                    },
                }
            }
            "inlineData" if html => Article {
                body: html_text(&c.text()),
                ..Article::default()
            },
            "inlineData" => Article {
                body: c.text(),
                ..Article::default()
            },
            _ => return None,
        };
        Some(article)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(xml: &str) -> Result<ParsedFile, Skip> {
        parse(&super::super::tree::parse(xml).unwrap())
    }

    #[test]
    fn item_with_inline_nitf() {
        let p = parse_str(
            "<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/' guid='urn:x' xml:lang='en'>\
             <itemMeta><provider literal='Continental Wire'/><versionCreated>2025-04-08T10:00:00-04:00</versionCreated>\
             <firstCreated>2025-04-08T06:00:00-04:00</firstCreated></itemMeta>\
             <contentMeta><headline>River Alder rises</headline><by>By Mara Ellis</by>\
             <dateline>MILLBROOK, April 8</dateline>\
             <subject type='cpnat:abstract' qcode='medtop:1'><name>flooding</name></subject>\
             <subject type='cpnat:person'><name>Tomas Quill</name></subject>\
             <subject qcode='medtop:2'/><keyword>River Alder</keyword></contentMeta>\
             <contentSet><inlineXML contenttype='application/nitf+xml'>\
             <nitf><body><body.content><p>The <org>Riverland Water Board</org> met.</p></body.content></body></nitf>\
             </inlineXML></contentSet></newsItem>",
        )
        .unwrap();
        let a = &p.articles[0];
        assert_eq!(a.record, None);
        assert_eq!(a.title, "River Alder rises");
        assert_eq!(a.authors, ["Mara Ellis"]);
        assert_eq!(
            a.body,
            "MILLBROOK, April 8\n\nThe Riverland Water Board met."
        );
        assert_eq!(a.date_candidates[0].text, "2025-04-08T06:00:00-04:00");
        assert_eq!(a.source.as_deref(), Some("Continental Wire"));
        assert_eq!(a.tags, ["flooding", "River Alder"]);
        let marked: Vec<_> = a.markup.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(marked, ["Tomas Quill", "Riverland Water Board"]);
    }

    #[test]
    fn messages_number_their_items_and_empty_packages_say_why() {
        let p = parse_str(
            "<newsMessage xmlns='http://iptc.org/std/nar/2006-10-01/'><header/><itemSet>\
             <newsItem><contentMeta><headline>One</headline></contentMeta><contentSet>\
             <inlineXML contenttype='application/xhtml+xml'><html><head><title>x</title></head>\
             <body><p>First.</p><p>Second.</p></body></html></inlineXML></contentSet></newsItem>\
             <packageItem/><newsItem><contentMeta><headline>Two</headline></contentMeta>\
             <contentSet><inlineData contenttype='text/plain'>Plain body.</inlineData></contentSet></newsItem>\
             </itemSet></newsMessage>",
        )
        .unwrap();
        let got: Vec<_> = p
            .articles
            .iter()
            .map(|a| (a.record, a.title.as_str(), a.body.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), "One", "First.\n\nSecond."),
                (Some(2), "Two", "Plain body.")
            ]
        );
        let e =
            parse_str("<packageItem xmlns='http://iptc.org/std/nar/2006-10-01/'/>").unwrap_err();
        assert_eq!(
            e.detail,
            "a NewsML-G2 packageItem with no newsItem: it refers to its items by id and holds none itself"
        );
    }
}
