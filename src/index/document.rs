//! Converting between an enriched [`Article`] and a tantivy document, both ways.
//!
//! This is the only place that knows which article field lands in which index field; the
//! search side reads stored documents back into [`StoredArticle`] through it too.

use super::schema::{ALIAS_SEPARATOR, Fields};
use crate::article::{Article, Entity, EntityKind, Provenance, TitleSource};
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};

/// Label stored in `date_source` for articles with no date, so `--undated` is a term query.
pub const UNDATED: &str = "none";

/// Builds the document for one article of the file at `file` (absolute path).
pub fn to_document(
    fields: &Fields,
    file: &str,
    format: &str,
    article: &Article,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    let id = article_id(file, article.member.as_deref(), article.record);
    doc.add_text(fields.id, id);
    doc.add_text(fields.file, file);
    if let Some(record) = article.record {
        doc.add_u64(fields.record, record as u64);
    }
    doc.add_text(fields.format, format);
    let source = article.title_source.unwrap_or(TitleSource::Metadata);
    doc.add_text(fields.title_source, source.label());
    if source.is_given() {
        doc.add_text(fields.title, &article.title);
    } else {
        doc.add_text(fields.derived_title, &article.title);
    }
    doc.add_text(fields.body, &article.body);
    if source.is_given() {
        // The body field's second value: the title counts as part of the article's text, so
        // BM25 scores title and body as one document (plus a small title boost), as
        // single-field engines do. Readers take the first value, the body.
        doc.add_text(fields.body, &article.title);
    }
    let given_title = source.is_given().then_some(&*article.title);
    add_words(&mut doc, fields, given_title, &article.body);
    add_language_text(
        &mut doc,
        fields,
        article.language.as_deref(),
        given_title,
        &article.body,
    );
    match &article.date {
        Some(date) => {
            doc.add_date(fields.date, date_to_tantivy(date.date));
            doc.add_text(fields.date_source, date.source.label());
            doc.add_text(fields.date_raw, &date.raw);
            if let Some(instant) = date.instant {
                doc.add_text(fields.published, instant.to_string());
            }
        }
        None => doc.add_text(fields.date_source, UNDATED),
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
        doc.add_text(fields.source_name, source);
    }
    for author in &article.authors {
        doc.add_text(fields.author, author);
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some(language) = &article.language {
        doc.add_text(fields.language, language);
    }
    for tag in &article.tags {
        doc.add_text(fields.tags, tag);
    }
    if let Some(field) = fields
        .tagged_spans
        .filter(|_| !article.tagged_spans.is_empty())
    {
        doc.add_bytes(field, &article.tagged_spans);
    }
    add_copy_sketch(&mut doc, fields, &article.body);
    add_entities(&mut doc, fields, &article.entities);
    doc
}

/// The stored document `stored` (as read back from the index) with its entities replaced by
/// `entities`. Fields the index does not store are rebuilt: the tokenized source from the
/// stored source name, the copy sketch from the stored body, the entity fields from
/// `entities`.
pub fn with_entities(
    fields: &Fields,
    stored: &TantivyDocument,
    entities: &[Entity],
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    for (field, value) in stored.field_values() {
        if !fields.entity_name.contains(&field) && Some(field) != fields.markup_entity {
            doc.add_field_value(field, value);
        }
    }
    if let Some(source) = stored
        .get_first(fields.source_name)
        .and_then(|v| v.as_str())
    {
        doc.add_text(fields.source, source);
    }
    let title = stored.get_first(fields.title).and_then(|v| v.as_str());
    let body = stored
        .get_first(fields.body)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    add_copy_sketch(&mut doc, fields, body);
    add_words(&mut doc, fields, title, body);
    let language = stored.get_first(fields.language).and_then(|v| v.as_str());
    add_language_text(&mut doc, fields, language, title, body);
    add_entities(&mut doc, fields, entities);
    doc
}

/// The unstemmed copy of the searchable text (title only when the source gave it).
fn add_words(doc: &mut TantivyDocument, fields: &Fields, title: Option<&str>, body: &str) {
    if let Some(title) = title {
        doc.add_text(fields.words, title);
    }
    doc.add_text(fields.words, body);
}

/// Title and body again under the article's language field, when that language has a stemmer
/// other than English's: "Regierungen" then finds "Regierung".
fn add_language_text(
    doc: &mut TantivyDocument,
    fields: &Fields,
    language: Option<&str>,
    title: Option<&str>,
    body: &str,
) {
    let Some(&(_, field)) = fields
        .language_text
        .iter()
        .find(|(code, _)| Some(*code) == language)
    else {
        return;
    };
    if let Some(title) = title {
        doc.add_text(field, title);
    }
    doc.add_text(field, body);
}

fn add_copy_sketch(doc: &mut TantivyDocument, fields: &Fields, body: &str) {
    if let Some(field) = fields.copy_sketch {
        for value in crate::enrich::copies::sketch(body) {
            doc.add_u64(field, value);
        }
    }
}

fn add_entities(doc: &mut TantivyDocument, fields: &Fields, entities: &[Entity]) {
    for entity in entities {
        if let Some(field) = fields
            .markup_entity
            .filter(|_| entity.provenance == Provenance::Markup)
        {
            let value = format!(
                "{}{ALIAS_SEPARATOR}{}",
                entity.kind.field_name(),
                entity.canonical
            );
            doc.add_text(field, value);
        }
        doc.add_text(fields.entity_name(entity.kind), &entity.canonical);
        // The tokenized field holds the canonical name and every alias, so `person:putin`
        // finds "Vladimir Putin" even when the article only said "President Putin".
        doc.add_text(fields.entity_text(entity.kind), &entity.canonical);
        for alias in &entity.aliases {
            if alias != &entity.canonical {
                doc.add_text(fields.entity_text(entity.kind), alias);
                let pair = format!("{}{ALIAS_SEPARATOR}{alias}", entity.canonical);
                doc.add_text(fields.entity_alias(entity.kind), pair);
            }
        }
    }
}

/// The unique id of an article: its file (with `!/` and the member's path inside a bundle),
/// plus the record number inside multi-article files.
pub fn article_id(file: &str, member: Option<&str>, record: Option<usize>) -> String {
    let mut id = file.to_string();
    if let Some(member) = member {
        id.push_str("!/");
        id.push_str(member);
    }
    if let Some(record) = record {
        id.push_str(&format!("#{record}"));
    }
    id
}

/// The path shown for an article: its file's, or `bundle.zip!/member/path` for a bundle's
/// member, which only the id keeps (the `file` field is the bundle's, for deletes).
fn shown_path(id: &str, file: &str, record: Option<u64>) -> String {
    let without_record = match record {
        Some(record) => id.strip_suffix(&format!("#{record}")).unwrap_or(id),
        None => id,
    };
    match without_record.strip_prefix(file) {
        Some(member) if member.starts_with("!/") => without_record.to_string(),
        _ => file.to_string(),
    }
}

/// A calendar date as a tantivy date: midnight UTC of that day.
pub fn date_to_tantivy(date: jiff::civil::Date) -> DateTime {
    let days = date
        .since(jiff::civil::date(1970, 1, 1))
        .map(|span| span.get_days() as i64)
        .unwrap_or(0);
    DateTime::from_timestamp_secs(days * 86_400)
}

/// The calendar date of a tantivy date written by [`date_to_tantivy`].
pub fn date_from_tantivy(value: DateTime) -> Option<jiff::civil::Date> {
    let days = value.into_timestamp_secs().div_euclid(86_400);
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .ok()
}

/// An article as stored in the index: what search results and exports show.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    pub id: String,
    /// The file as shown: a bundle member's `bundle.zip!/inner/path`, else the file.
    pub path: String,
    /// The file as indexed (the manifest's key): a bundle member's is the bundle.
    #[serde(skip)]
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    pub format: String,
    pub title: String,
    /// Where the title came from: `metadata`, `heading`, `first-line` (given by the source,
    /// searched as a title), or `body`, `file-name` (made up for display, not searched).
    pub title_source: String,
    /// `YYYY-MM-DD`, or null for undated articles.
    pub date: Option<String>,
    /// Where the date came from (`metadata`, `html-meta`, `json-ld`, `html-time`, `path`,
    /// `dateline`), or `none` for undated articles.
    pub date_source: String,
    /// The text the date was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_raw: Option<String>,
    /// The exact publication instant (RFC 3339, UTC) when the source gave a time and zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    /// Canonical entity names by kind, most mentioned first.
    pub entities: BTreeMap<EntityKind, Vec<String>>,
    /// Those of `entities` whose provenance is "markup": the source marked them up itself
    /// (NITF `<person>`, ...). Left out when there are none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub markup_entities: BTreeMap<EntityKind, Vec<String>>,
    #[serde(skip)]
    pub body: String,
}

impl StoredArticle {
    pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> StoredArticle {
        let text = |field| -> Option<String> {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        let texts = |field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let mut entities = BTreeMap::new();
        for kind in EntityKind::ALL {
            let names = texts(fields.entity_name(kind));
            if !names.is_empty() {
                entities.insert(kind, names);
            }
        }
        let mut markup_entities: BTreeMap<EntityKind, Vec<String>> = BTreeMap::new();
        for value in fields.markup_entity.map(texts).unwrap_or_default() {
            let Some((kind, name)) = value.split_once(ALIAS_SEPARATOR) else {
                continue;
            };
            if let Some(kind) = EntityKind::parse(kind) {
                markup_entities
                    .entry(kind)
                    .or_default()
                    .push(name.to_string());
            }
        }
        let id = text(fields.id).unwrap_or_default();
        let record = doc.get_first(fields.record).and_then(|v| v.as_u64());
        let file = text(fields.file).unwrap_or_default();
        let path = shown_path(&id, &file, record);
        StoredArticle {
            id,
            path,
            file,
            record,
            format: text(fields.format).unwrap_or_default(),
            title: text(fields.title)
                .or_else(|| text(fields.derived_title))
                .unwrap_or_default(),
            title_source: text(fields.title_source)
                .unwrap_or_else(|| TitleSource::Metadata.label().to_string()),
            date: doc
                .get_first(fields.date)
                .and_then(|v| v.as_datetime())
                .and_then(date_from_tantivy)
                .map(|d| d.to_string()),
            date_source: text(fields.date_source).unwrap_or_else(|| UNDATED.to_string()),
            date_raw: text(fields.date_raw),
            published: text(fields.published),
            source: text(fields.source_name),
            authors: texts(fields.author),
            url: text(fields.url),
            language: text(fields.language),
            tags: texts(fields.tags),
            entities,
            markup_entities,
            body: text(fields.body).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_tantivy() {
        for (y, m, d) in [(1970, 1, 1), (2025, 2, 24), (1899, 12, 31), (2000, 2, 29)] {
            let date = jiff::civil::date(y, m, d);
            assert_eq!(date_from_tantivy(date_to_tantivy(date)), Some(date));
        }
    }

    #[test]
    fn record_numbers_make_ids_unique() {
        assert_eq!(
            article_id("/a/feed.jsonl", None, Some(3)),
            "/a/feed.jsonl#3"
        );
        assert_eq!(article_id("/a/story.txt", None, None), "/a/story.txt");
        let member = article_id("/a/b.zip", Some("x/f.ndjson"), Some(2));
        assert_eq!(member, "/a/b.zip!/x/f.ndjson#2");
        assert_eq!(
            shown_path(&member, "/a/b.zip", Some(2)),
            "/a/b.zip!/x/f.ndjson"
        );
        assert_eq!(
            shown_path("/a/c.warc.gz#7", "/a/c.warc.gz", Some(7)),
            "/a/c.warc.gz"
        );
        assert_eq!(shown_path("/a/s.txt", "/a/s.txt", None), "/a/s.txt");
    }
}
