//! XML news formats: RSS 2.0, RSS 1.0 (RDF) and Atom feeds (`feed`), NITF 3.x (`nitf`) and
//! IPTC NewsML-G2 (`newsml`), told apart by the root element, not the extension.
//!
//! The document is read once with quick-xml into a small element tree ([`Element`]), which the
//! three readers query. Entities: the five XML ones and character references are resolved,
//! a short list of HTML names that NITF's DTD declares (`&nbsp;`, `&mdash;`...) too; a DTD is
//! never loaded and entities declared in one are never expanded (no external entities, no
//! "billion laughs"), so an undeclared name stays in the text as written.

mod feed;
mod html_text;
mod newsml;
mod nitf;
mod tree;

use super::ParsedFile;
use crate::skip::{Skip, SkipReason};

/// The namespace of NewsML-G2 (and of its newsMessage wrapper).
const NEWSML_NS: &str = "http://iptc.org/std/nar/2006-10-01/";

/// Parses an XML file whose kind is decided by its root element.
pub(super) fn parse(text: &str) -> Result<ParsedFile, Skip> {
    let root = tree::parse(text)?;
    match root.name.as_str() {
        "rss" | "RDF" | "feed" | "channel" => feed::parse(&root),
        "nitf" => nitf::parse(&root),
        "newsItem" | "newsMessage" | "packageItem" | "knowledgeItem" | "conceptItem"
            if root.ns.is_empty() || root.ns == NEWSML_NS =>
        {
            newsml::parse(&root)
        }
        _ => Err(Skip::new(
            SkipReason::WrongShape,
            format!(
                "XML but not a feed, NITF or NewsML-G2 document: root element <{}>",
                root.qualified()
            ),
        )),
    }
}

/// Records for a multi-article file: every article gets its 1-based number.
fn numbered(articles: Vec<crate::article::Article>) -> ParsedFile {
    let articles = articles
        .into_iter()
        .enumerate()
        .map(|(i, a)| crate::article::Article {
            record: Some(i + 1),
            ..a
        })
        .collect();
    ParsedFile {
        articles,
        ..ParsedFile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{Format, parse_file};
    use std::path::Path;

    /// Every prefix of real documents, and every one with a byte dropped or doubled, parses
    /// or is skipped: never a panic.
    #[test]
    fn cut_and_damaged_documents_never_panic() {
        let docs = [
            include_str!("../../../sample_corpus/feeds/harbour-city-times.rss"),
            include_str!("../../../sample_corpus/feeds/meridian-daily.atom"),
            include_str!("../../../sample_corpus/wire/xml/continental-wire-alder-weir-nitf.xml"),
            include_str!("../../../sample_corpus/wire/xml/continental-wire-harbour-g2.xml"),
        ];
        let gazetteer = crate::enrich::gazetteer::Gazetteer::builtin();
        let extractor = crate::enrich::entities::EntityExtractor::new(&gazetteer);
        let mut parsed = 0;
        for doc in docs {
            let bytes = doc.as_bytes();
            for cut in (0..bytes.len()).step_by(3) {
                let mut damaged = bytes.to_vec();
                match cut % 4 {
                    0 => damaged.truncate(cut),
                    1 => drop(damaged.remove(cut)),
                    2 => damaged.insert(cut, bytes[cut]),
                    _ => damaged[cut] = b'<',
                }
                if let Ok(p) = parse_file(Format::Xml, Path::new("x.xml"), &damaged) {
                    parsed += p.articles.len();
                    // Marked names from damaged markup go through entity extraction too.
                    for a in p.articles.iter().filter(|a| !a.markup.is_empty()) {
                        extractor.extract_tagged(&a.title, &a.body, &a.markup, None);
                    }
                }
            }
        }
        // Most single-byte damage inside text still parses.
        assert!(parsed > 1000, "{parsed}");
    }

    #[test]
    fn unknown_roots_are_named_in_the_reason() {
        let e = parse("<?xml version='1.0'?><svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>")
            .unwrap_err();
        assert_eq!(e.reason, SkipReason::WrongShape);
        assert_eq!(
            e.detail,
            "XML but not a feed, NITF or NewsML-G2 document: root element <svg:svg>"
        );
    }
}
