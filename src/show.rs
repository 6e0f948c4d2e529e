//! `morgue show`: one stored article whole, so a user can see what morgue extracted.
//!
//! An article is named by its id (what `search --json` gives as a hit's `id`: the file's path,
//! plus `#N` for record N of a multi-article file), or by its file's path as typed (relative
//! or absolute), optionally with `:N` for one record. Besides the stored fields it lists each
//! entity mention with its offsets and the pass that found it: the index keeps only the
//! canonical names, so the mentions are found again from the stored text and tagger spans
//! with the index's alias lists, exactly as an alias refresh re-resolves them.

use crate::article::EntityKind;
use crate::enrich::entities::{EntityExtractor, EntityMention, TaggedSpans};
use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::index::MorgueIndex;
use crate::index::document::StoredArticle;
use crate::index::schema::Fields;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// What `morgue show --json` prints: the articles the target names, in record order.
#[derive(Debug, Serialize)]
pub struct Shown {
    pub articles: Vec<ShownArticle>,
}

/// One article with every stored field, its body and its entity mentions.
#[derive(Debug, Serialize)]
pub struct ShownArticle {
    #[serde(flatten)]
    pub article: StoredArticle,
    pub body: String,
    /// Every mention of the entities listed in `entities`, title first, in text order.
    pub mentions: Vec<EntityMention>,
    /// Why `mentions` is empty or may not match `entities`, when it is so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions_note: Option<String>,
}

/// The articles `target` names: an article id, or a file path with an optional `:N` (or
/// `#N`) record number. An error names what was looked for when nothing matches.
pub fn show(
    index: &MorgueIndex,
    gazetteer: &Gazetteer,
    target: &str,
) -> Result<Shown, MorgueError> {
    let searcher = index
        .searcher()
        .map_err(|e| MorgueError::tantivy(&index.dir, e))?;
    let fields = &index.fields;
    let docs = find(&searcher, fields, target).map_err(|e| MorgueError::tantivy(&index.dir, e))?;
    let docs = match docs {
        Found::Articles(docs) => docs,
        Found::NoRecord { path, records } => {
            return Err(MorgueError::NotFound(no_record_message(&path, &records)));
        }
        Found::Nothing => return Err(MorgueError::NotFound(nothing_message(target, index))),
    };
    let extractor = EntityExtractor::new(gazetteer);
    let articles = docs
        .into_iter()
        .map(|doc| {
            let article = StoredArticle::from_document(fields, &doc);
            let spans = fields
                .tagged_spans
                .and_then(|field| doc.get_first(field))
                .and_then(|v| v.as_bytes());
            let (mentions, mentions_note) = mentions(&extractor, &article, spans);
            ShownArticle {
                body: article.body.clone(),
                article,
                mentions,
                mentions_note,
            }
        })
        .collect();
    Ok(Shown { articles })
}

/// What a target found in the index.
enum Found {
    Articles(Vec<TantivyDocument>),
    /// The file is indexed, but not with the record asked for.
    NoRecord {
        path: String,
        records: Vec<u64>,
    },
    Nothing,
}

fn find(searcher: &Searcher, fields: &Fields, target: &str) -> tantivy::Result<Found> {
    let by_id = docs_with(searcher, fields.id, target)?;
    if !by_id.is_empty() {
        return Ok(Found::Articles(by_id));
    }
    let whole = file_docs(searcher, fields, target)?;
    if !whole.is_empty() {
        return Ok(Found::Articles(whole));
    }
    let Some((path, record)) = split_record(target) else {
        return Ok(Found::Nothing);
    };
    let docs = file_docs(searcher, fields, path)?;
    if docs.is_empty() {
        return Ok(Found::Nothing);
    }
    let record_of = |doc: &TantivyDocument| doc.get_first(fields.record).and_then(|v| v.as_u64());
    let records: Vec<u64> = docs.iter().filter_map(record_of).collect();
    let wanted: Vec<TantivyDocument> = docs
        .into_iter()
        .filter(|doc| record_of(doc) == Some(record))
        .collect();
    Ok(if wanted.is_empty() {
        Found::NoRecord {
            path: path.to_string(),
            records,
        }
    } else {
        Found::Articles(wanted)
    })
}

/// `path:N` or `path#N` split into the path and N.
fn split_record(target: &str) -> Option<(&str, u64)> {
    let at = target.rfind([':', '#'])?;
    let (path, number) = (&target[..at], &target[at + 1..]);
    if path.is_empty() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((path, number.parse().ok()?))
}

/// The articles of the file at `path`, as typed or as the index keys it (absolute), in record
/// order.
fn file_docs(
    searcher: &Searcher,
    fields: &Fields,
    path: &str,
) -> tantivy::Result<Vec<TantivyDocument>> {
    let absolute = crate::walk::path_key(&crate::walk::root_key(Path::new(path)));
    for key in [path, absolute.as_str()] {
        let mut docs = docs_with(searcher, fields.file, key)?;
        if !docs.is_empty() {
            docs.sort_by_key(|doc| doc.get_first(fields.record).and_then(|v| v.as_u64()));
            return Ok(docs);
        }
    }
    Ok(Vec::new())
}

/// The stored documents whose exact-text `field` holds `value`.
fn docs_with(
    searcher: &Searcher,
    field: Field,
    value: &str,
) -> tantivy::Result<Vec<TantivyDocument>> {
    let query = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    let mut addresses: Vec<_> = searcher
        .search(&query, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    addresses.into_iter().map(|a| searcher.doc(a)).collect()
}

fn no_record_message(path: &str, records: &[u64]) -> String {
    if records.is_empty() {
        return format!(
            "{path} holds one article, without record numbers: show it by its path alone"
        );
    }
    let listed: Vec<String> = records.iter().take(10).map(u64::to_string).collect();
    let more = if records.len() > 10 { ", …" } else { "" };
    format!(
        "{path} has no record with that number; its records are {}{more}",
        listed.join(", ")
    )
}

fn nothing_message(target: &str, index: &MorgueIndex) -> String {
    let on_disk = split_record(target)
        .map(|(path, _)| path)
        .into_iter()
        .chain([target])
        .any(|path| Path::new(path).is_file());
    if on_disk {
        format!(
            "{target}: the file is not in the index at {} (index it with `morgue index`; `morgue stats` lists the files the last run skipped)",
            index.dir.display()
        )
    } else {
        format!(
            "no article with the id or path `{target}` in the index at {} (ids are what `morgue search --json` gives as `id`)",
            index.dir.display()
        )
    }
}

/// The article's mentions, found again from its stored text and tagger spans, or why not.
fn mentions(
    extractor: &EntityExtractor,
    article: &StoredArticle,
    spans: Option<&[u8]>,
) -> (Vec<EntityMention>, Option<String>) {
    let Some(bytes) = spans else {
        let note = (!article.entities.is_empty()).then(|| {
            "the index keeps no tagger spans for this article (indexed by an older morgue): \
             where its entities stand is unknown until `morgue index --force` re-reads it"
                .to_string()
        });
        return (Vec::new(), note);
    };
    let Some(spans) = TaggedSpans::decode(bytes, &article.title, &article.body) else {
        let note = "the stored tagger spans do not fit the stored text; `morgue index --force` \
                    re-reads the file";
        return (Vec::new(), Some(note.to_string()));
    };
    let year = article
        .date
        .as_deref()
        .and_then(|d| d.get(..4)?.parse().ok());
    let mut mentions = extractor.mentions_with_spans(&article.title, &article.body, &spans, year);
    // A few mentions count for no entity (the "(SCO)" that defines an acronym right after
    // the name); what is kept is what the entities are folded from.
    let entities = extractor.extract_with_spans(&article.title, &article.body, &spans, year);
    let found: BTreeSet<(EntityKind, &str)> = entities
        .iter()
        .map(|e| (e.kind, e.canonical.as_str()))
        .collect();
    mentions.retain(|m| found.contains(&(m.kind, m.canonical.as_str())));
    let stored: BTreeSet<(EntityKind, &str)> = article
        .entities
        .iter()
        .flat_map(|(kind, names)| names.iter().map(|n| (*kind, n.as_str())))
        .collect();
    let note = (found != stored).then(|| {
        "the alias lists changed since this article was indexed: the mentions follow the \
         current lists, the entities what the index holds (`morgue index` brings them together)"
            .to_string()
    });
    (mentions, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_numbers_split_off_paths() {
        assert_eq!(
            split_record("feeds/a.ndjson:3"),
            Some(("feeds/a.ndjson", 3))
        );
        assert_eq!(split_record("/x/a.jsonl#12"), Some(("/x/a.jsonl", 12)));
        assert_eq!(split_record("story.txt"), None);
        assert_eq!(split_record("odd:name.txt"), None);
        assert_eq!(split_record(":3"), None);
        assert_eq!(split_record("a.ndjson:"), None);
    }
}
