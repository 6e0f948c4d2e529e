//! The tantivy schema: which fields an article becomes, and how each is tokenized.
//!
//! Title and body are analysed by `morgue_en` (stemmed), names by `morgue_plain`; both are
//! defined in [`super::analysis`].
//!
//! Each entity kind has two fields: `<kind>` (tokenized canonical name plus every alias seen,
//! for `person:putin` queries) and `<kind>_name` (the exact canonical name, a fast field for
//! filters and facet counts).

use super::analysis::{ENGLISH, OTHER_LANGUAGES, PLAIN, WORDS, language_analyzer_name};
use crate::article::EntityKind;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, Schema,
    TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or the meaning of a stored field changes; an index with another
/// version is refused with a message telling the user to re-index.
pub const SCHEMA_VERSION: u32 = 2;

/// Handles to every field, built once per open index.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Unique per article: the file's path, plus `#<record>` for multi-article files.
    pub id: Field,
    /// The file's absolute path; every article of a file shares it, so one delete removes all.
    pub file: Field,
    pub record: Field,
    pub format: Field,
    /// The title, indexed only when the source gave it (`title_source`); stored always.
    pub title: Field,
    /// `metadata`, `heading`, `first-line`, `body` or `file-name` (see `TitleSource`).
    pub title_source: Field,
    /// A display title morgue made up (from the body or file name): stored, not searched.
    pub derived_title: Field,
    /// The main text (stored, first value); a given title is indexed as a second value, so
    /// word statistics cover the whole article.
    pub body: Field,
    /// The words of title and body that differ from their stem ("banking"), unstemmed
    /// (lowercased, accents folded), not stored: exact words (`=banking`), prefixes and fuzzy
    /// matches are looked up here. Words that are their own stem ("bank") are in `body`
    /// only (`analysis::WORDS`); indexes made before session 18 hold every word here.
    pub words: Field,
    /// Per language of [`OTHER_LANGUAGES`] (same order): title and body of the articles in that
    /// language, stemmed in it, not stored.
    pub language_text: Vec<(&'static str, Field)>,
    /// Calendar date at midnight UTC (day precision); absent for undated articles.
    pub date: Field,
    /// `metadata`, `html-meta`, `json-ld`, `html-time`, `path`, `dateline`, or `none`.
    pub date_source: Field,
    pub date_raw: Field,
    /// The exact instant (RFC 3339) when the source gave one.
    pub published: Field,
    pub source: Field,
    pub source_name: Field,
    pub author: Field,
    pub url: Field,
    pub language: Field,
    pub tags: Field,
    /// Tokenized entity fields, in `EntityKind::ALL` order.
    pub entity_text: [Field; 4],
    /// Exact canonical entity names, in `EntityKind::ALL` order.
    pub entity_name: [Field; 4],
    /// `canonical` + [`ALIAS_SEPARATOR`] + `alias` for every alias seen, in `EntityKind::ALL`
    /// order: counted like a facet, it tells which aliases each entity appears under.
    pub entity_alias: [Field; 4],
    /// The entity tagger's spans (`TaggedSpans::encode`), stored only; `None` in indexes
    /// made before it existed.
    pub tagged_spans: Option<Field>,
    /// The body's copy sketch (`enrich::copies`), one u64 per filled bin, fast only: what a
    /// search folds wire copies by. `None` in indexes made before it existed.
    pub copy_sketch: Option<Field>,
    /// `kind` + [`ALIAS_SEPARATOR`] + `canonical` of every entity the source marked up
    /// (provenance "markup"), stored only. `None` in indexes made before it existed.
    pub markup_entity: Option<Field>,
}

/// Joins a canonical name and one of its aliases in the `<kind>_alias` fields.
pub const ALIAS_SEPARATOR: char = '\u{1f}';

impl Fields {
    pub fn entity_text(&self, kind: EntityKind) -> Field {
        self.entity_text[kind_index(kind)]
    }

    pub fn entity_name(&self, kind: EntityKind) -> Field {
        self.entity_name[kind_index(kind)]
    }

    pub fn entity_alias(&self, kind: EntityKind) -> Field {
        self.entity_alias[kind_index(kind)]
    }

    /// Looks fields up by name in an opened index's schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        let entity = |suffix: &str| -> tantivy::Result<[Field; 4]> {
            let mut fields = [Field::from_field_id(0); 4];
            for kind in EntityKind::ALL {
                fields[kind_index(kind)] = get(&format!("{}{suffix}", kind.field_name()))?;
            }
            Ok(fields)
        };
        Ok(Fields {
            id: get("id")?,
            file: get("file")?,
            record: get("record")?,
            format: get("format")?,
            title: get("title")?,
            title_source: get("title_source")?,
            derived_title: get("derived_title")?,
            body: get("body")?,
            words: get("words")?,
            language_text: OTHER_LANGUAGES
                .iter()
                .map(|(code, _)| Ok((*code, get(&language_field(code))?)))
                .collect::<tantivy::Result<_>>()?,
            date: get("date")?,
            date_source: get("date_source")?,
            date_raw: get("date_raw")?,
            published: get("published")?,
            source: get("source")?,
            source_name: get("source_name")?,
            author: get("author")?,
            url: get("url")?,
            language: get("language")?,
            tags: get("tags")?,
            entity_text: entity("")?,
            entity_name: entity("_name")?,
            entity_alias: entity("_alias")?,
            // Indexes made before morgue kept tagger spans lack the field: they work, only a
            // changed alias file then re-reads files instead of re-resolving from the index.
            tagged_spans: get("tagged_spans").ok(),
            copy_sketch: get("copy_sketch").ok(),
            markup_entity: get("markup_entity").ok(),
        })
    }
}

fn kind_index(kind: EntityKind) -> usize {
    EntityKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is in ALL")
}

/// The field holding the title and body of articles in language `code`, stemmed in it.
pub fn language_field(code: &str) -> String {
    format!("text_{code}")
}

/// The field name for an entity kind's exact-name fast field.
pub fn entity_name_field(kind: EntityKind) -> String {
    format!("{}_name", kind.field_name())
}

/// The field name for an entity kind's canonical+alias pairs.
pub fn entity_alias_field(kind: EntityKind) -> String {
    format!("{}_alias", kind.field_name())
}

pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    let text = |analyzer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    // Exact values (ids, paths, names) are matched and counted, never scored by length:
    // without fieldnorms they cost no byte per article and field (15 fields: ~1% of the
    // text of short wire items).
    let string = || {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        )
    };
    let exact_fast = string() | STORED | FAST;

    builder.add_text_field("id", string() | STORED);
    builder.add_text_field("file", string() | STORED);
    builder.add_u64_field("record", STORED);
    builder.add_text_field("format", string() | STORED);
    builder.add_text_field("title", text(ENGLISH, true));
    builder.add_text_field("title_source", string() | STORED);
    for (code, _) in OTHER_LANGUAGES {
        builder.add_text_field(
            &language_field(code),
            text(&language_analyzer_name(code), false),
        );
    }
    builder.add_text_field("derived_title", STORED);
    builder.add_text_field("body", text(ENGLISH, true));
    // Frequencies without positions: exact words rank by BM25 but never take part in phrases.
    builder.add_text_field(
        "words",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WORDS)
                .set_index_option(IndexRecordOption::WithFreqs),
        ),
    );
    builder.add_date_field(
        "date",
        DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
    );
    builder.add_text_field("date_source", string() | STORED | FAST);
    builder.add_text_field("date_raw", STORED);
    builder.add_text_field("published", STORED);
    builder.add_text_field("source", text(PLAIN, false));
    builder.add_text_field("source_name", exact_fast.clone());
    builder.add_text_field("author", text(PLAIN, true));
    builder.add_text_field("url", STORED);
    builder.add_text_field("language", string() | STORED | FAST);
    builder.add_text_field("tags", text(PLAIN, true));
    for kind in EntityKind::ALL {
        builder.add_text_field(kind.field_name(), text(PLAIN, false));
        builder.add_text_field(&entity_name_field(kind), exact_fast.clone());
        builder.add_text_field(&entity_alias_field(kind), string() | FAST);
    }
    builder.add_bytes_field("tagged_spans", STORED);
    builder.add_u64_field("copy_sketch", FAST);
    builder.add_text_field("markup_entity", STORED);
    builder.build()
}
