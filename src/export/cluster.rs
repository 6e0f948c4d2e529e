//! What the cluster formats share: the fields of a document in Quickwit or
//! Elasticsearch/OpenSearch, how each is indexed there, and one article as such a document.
//!
//! Field names are those of `search --json` where they overlap; entities become one field per
//! kind (`person`, `org`, `place`, `event`) so the engines can count them with terms
//! aggregations. [`FIELDS`] is the one list both the Quickwit config and the bulk mapping are
//! generated from.

use crate::article::EntityKind;
use crate::index::document::StoredArticle;
use serde::Serialize;

/// How a field is indexed in a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterField {
    /// Matched whole (ids, paths): indexed as one term, stored.
    Exact,
    /// Counted and filtered by exact value (language, date source): one term, fast.
    Facet,
    /// Full text, English-stemmed, with positions for phrases (title, body).
    Text,
    /// Names (entities, source, authors, tags): searchable by their words, counted by their
    /// exact values.
    Name,
    /// An unsigned number (record).
    Number,
    /// The calendar date: the timestamp field of a Quickwit index.
    Date,
    /// An exact instant, when the source gave one.
    Instant,
    /// Kept with the document, not searched (url, the date's raw text).
    Stored,
}

/// Every field of a cluster document: name, how it is indexed, whether it holds a list.
pub const FIELDS: &[(&str, ClusterField, bool)] = &[
    ("id", ClusterField::Exact, false),
    ("path", ClusterField::Exact, false),
    ("file", ClusterField::Exact, false),
    ("record", ClusterField::Number, false),
    ("format", ClusterField::Facet, false),
    ("title", ClusterField::Text, false),
    ("title_source", ClusterField::Facet, false),
    ("body", ClusterField::Text, false),
    ("date", ClusterField::Date, false),
    ("date_source", ClusterField::Facet, false),
    ("date_raw", ClusterField::Stored, false),
    ("published", ClusterField::Instant, false),
    ("source", ClusterField::Name, false),
    ("authors", ClusterField::Name, true),
    ("url", ClusterField::Stored, false),
    ("language", ClusterField::Facet, false),
    ("tags", ClusterField::Name, true),
    ("person", ClusterField::Name, true),
    ("org", ClusterField::Name, true),
    ("place", ClusterField::Name, true),
    ("event", ClusterField::Name, true),
];

/// The date given to undated articles in a Quickwit export, whose timestamp field every
/// document must have: the Unix epoch, with `date_source` `none` telling them apart (a
/// search leaves them out of date ranges and histograms with `NOT date_source:none`).
pub const UNDATED_TIMESTAMP: &str = "1970-01-01T00:00:00Z";

/// One article as a cluster document (absent values left out).
#[derive(Debug, Serialize)]
pub struct ClusterDoc<'a> {
    pub id: &'a str,
    pub path: &'a str,
    /// The file as indexed (a bundle member's is the bundle): what `morgue push` deletes by.
    pub file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    pub format: &'a str,
    pub title: &'a str,
    pub title_source: &'a str,
    pub body: &'a str,
    /// Midnight UTC of the article's calendar date (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub date_source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_raw: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    pub authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'a str>,
    pub tags: &'a [String],
    pub person: &'a [String],
    pub org: &'a [String],
    pub place: &'a [String],
    pub event: &'a [String],
}

impl<'a> ClusterDoc<'a> {
    /// The document for `article`; `undated` is the date an undated article gets (`None`
    /// leaves the field out).
    pub fn new(article: &'a StoredArticle, undated: Option<&str>) -> ClusterDoc<'a> {
        let names = |kind: EntityKind| -> &'a [String] {
            article.entities.get(&kind).map_or(&[], Vec::as_slice)
        };
        let date = match &article.date {
            Some(day) => Some(format!("{day}T00:00:00Z")),
            None => undated.map(str::to_string),
        };
        ClusterDoc {
            id: &article.id,
            path: &article.path,
            file: &article.file,
            record: article.record,
            format: &article.format,
            title: &article.title,
            title_source: &article.title_source,
            body: &article.body,
            date,
            date_source: &article.date_source,
            date_raw: article.date_raw.as_deref(),
            published: article.published.as_deref(),
            source: article.source.as_deref(),
            authors: &article.authors,
            url: article.url.as_deref(),
            language: article.language.as_deref(),
            tags: &article.tags,
            person: names(EntityKind::Person),
            org: names(EntityKind::Org),
            place: names(EntityKind::Place),
            event: names(EntityKind::Event),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::collections::BTreeMap;

    pub(in crate::export) fn article(date: Option<&str>) -> StoredArticle {
        let mut entities = BTreeMap::new();
        entities.insert(EntityKind::Person, vec!["Vladimir Putin".to_string()]);
        StoredArticle {
            id: "/a/feed.jsonl#2".into(),
            path: "/a/feed.jsonl".into(),
            file: "/a/feed.jsonl".into(),
            record: Some(2),
            format: "ndjson".into(),
            title: "Talks \"resume\"".into(),
            title_source: "metadata".into(),
            date: date.map(str::to_string),
            date_source: if date.is_some() { "metadata" } else { "none" }.into(),
            date_raw: date.map(str::to_string),
            published: None,
            source: Some("Wire, Daily".into()),
            authors: vec!["A. Writer".into(), "B. Writer".into()],
            url: None,
            language: Some("en".into()),
            tags: vec![],
            entities,
            markup_entities: BTreeMap::new(),
            body: "First line.\n\nSecond, \"quoted\" line.".into(),
        }
    }

    /// Every field the documents hold is one the mappings declare, and the other way round.
    #[test]
    fn documents_hold_exactly_the_mapped_fields() {
        let article = article(Some("2025-02-24"));
        let doc = serde_json::to_value(ClusterDoc::new(&article, None)).unwrap();
        let mut held: Vec<&str> = doc
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        held.sort();
        let mut mapped: Vec<&str> = FIELDS
            .iter()
            .map(|(name, _, _)| *name)
            // Absent in this article: no url, no published instant.
            .filter(|name| !matches!(*name, "url" | "published"))
            .collect();
        mapped.sort();
        assert_eq!(held, mapped);
        assert_eq!(doc["date"], "2025-02-24T00:00:00Z");
        assert_eq!(doc["person"], serde_json::json!(["Vladimir Putin"]));
        assert_eq!(doc["org"], serde_json::json!([]));
        for (name, _, list) in FIELDS {
            if let Some(value) = doc.get(*name) {
                assert_eq!(value.is_array(), *list, "{name}");
            }
        }
    }

    #[test]
    fn undated_articles_get_the_date_they_are_given() {
        let article = article(None);
        let bare = serde_json::to_value(ClusterDoc::new(&article, None)).unwrap();
        assert!(bare.get("date").is_none());
        let dated =
            serde_json::to_value(ClusterDoc::new(&article, Some(UNDATED_TIMESTAMP))).unwrap();
        assert_eq!(dated["date"], UNDATED_TIMESTAMP);
        assert_eq!(dated["date_source"], "none");
    }
}
