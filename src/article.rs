//! The one `Article` type that every format parser produces and every later stage consumes.
//!
//! Parsers fill the raw fields (title, body, metadata, `date_candidates`); enrichment resolves
//! `date` from the candidates and fills `entities`; the index stores the result. Nothing here
//! knows about files on disk or about tantivy.

use serde::{Deserialize, Serialize};

/// One news article, as read from a file (or one record of a multi-article file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Headline. Never empty after parsing: parsers fall back to the first line or the file name.
    pub title: String,
    /// Where the title came from; only a title the source gives is searched as a title.
    /// Parsers that take a title from metadata may leave it `None` (read as `Metadata`).
    pub title_source: Option<TitleSource>,
    /// Main text, paragraphs separated by blank lines.
    pub body: String,
    /// Dates found in the file's own metadata, in the order the parser trusts them.
    /// Enrichment tries these first, then the path, then a dateline in the body.
    pub date_candidates: Vec<DateCandidate>,
    /// Publisher or outlet ("Reuters", "bbc.co.uk").
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    /// Language code, either declared by the file or detected from the body.
    pub language: Option<String>,
    pub tags: Vec<String>,
    /// 1-based line (NDJSON) or record number inside the file; `None` for one-article files.
    pub record: Option<usize>,
    /// The path inside a bundle (`.zip`, `.tar`) of the member this article came from;
    /// `None` for files on disk. Shown as `bundle.zip!/member/path.html`.
    pub member: Option<String>,
    /// Filled by `enrich::dates`.
    pub date: Option<ArticleDate>,
    /// Names the source itself marks up as entities (NITF `<person>`, `<org>`,
    /// `<location>`, `<event>`); enrichment canonicalises them through the alias lists and
    /// merges them with the extracted entities (provenance [`Provenance::Markup`]).
    pub markup: Vec<MarkedName>,
    /// Filled by `enrich::entities`.
    pub entities: Vec<Entity>,
    /// The entity tagger's spans in title and body (`TaggedSpans::encode`), kept in the index
    /// so a changed alias file re-resolves entities without tagging again; empty when
    /// entities are off.
    pub tagged_spans: Vec<u8>,
}

/// Where a publication date was found. Users see this next to every date that did not come
/// from the article's own metadata, so they can judge how far to trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A date field in the file's own metadata: front matter, a `Date:` header line, a JSON field.
    Metadata,
    /// An HTML `<meta>` tag such as `article:published_time`.
    HtmlMeta,
    /// A JSON-LD `datePublished` inside an HTML page.
    JsonLd,
    /// The publication time in the data an app framework ships inside an HTML page (Next.js's
    /// `__NEXT_DATA__`: `publishedAt`, `firstPublishedAt`...).
    PageData,
    /// An HTML `<time datetime=...>` element.
    HtmlTime,
    /// A date line a reader sees near an HTML page's headline ("By Jane Doe | Nov. 18, 2019").
    PageText,
    /// A date in an HTML page's own URL (`/2024/03/15/`).
    Url,
    /// A date in the file's path (`2025/02/24/`, `2025-02-24-story.txt`).
    Path,
    /// A dateline in the first lines of the body ("MOSCOW, Feb. 24, 2025 -").
    Dateline,
    /// A dateline's month and day ("YEREVAN, Dec. 8 (Reuters) -") in the year of a folder of
    /// the file's path (`1988/armenia.txt`).
    DatelineInPathYear,
    /// The time a web crawler fetched the page (a WARC record's `WARC-Date`): a date of last
    /// resort, tried after every date the page itself gives.
    WarcDate,
}

impl DateSource {
    pub const ALL: [DateSource; 11] = [
        DateSource::Metadata,
        DateSource::HtmlMeta,
        DateSource::JsonLd,
        DateSource::PageData,
        DateSource::HtmlTime,
        DateSource::PageText,
        DateSource::Url,
        DateSource::Path,
        DateSource::Dateline,
        DateSource::DatelineInPathYear,
        DateSource::WarcDate,
    ];

    /// The label stored in the index and shown to users.
    pub fn label(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::HtmlMeta => "html-meta",
            DateSource::JsonLd => "json-ld",
            DateSource::PageData => "page-data",
            DateSource::HtmlTime => "html-time",
            DateSource::PageText => "page-text",
            DateSource::Url => "url",
            DateSource::Path => "path",
            DateSource::Dateline => "dateline",
            DateSource::DatelineInPathYear => "dateline-path-year",
            DateSource::WarcDate => "warc-date",
        }
    }

    pub fn from_label(label: &str) -> Option<DateSource> {
        DateSource::ALL.into_iter().find(|s| s.label() == label)
    }

    /// Dates not from the article itself, tried only after the path and the dateline.
    pub fn is_last_resort(self) -> bool {
        self == DateSource::WarcDate
    }
}

/// Where an article's title came from. Titles the source gives are indexed and weighted as
/// titles; titles morgue makes up for display (the start of the body, the file name) are
/// shown but not searched as titles, so an untitled article does not outrank others on
/// whatever its first sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleSource {
    /// A title field: front matter, a `Title:` header, a JSON field, HTML title/headline markup.
    Metadata,
    /// A Markdown `# Heading`.
    Heading,
    /// A plain text file's first line, set apart from the body like a headline.
    FirstLine,
    /// Made from the start of the body (display only).
    Body,
    /// Made from the file name (display only).
    FileName,
}

impl TitleSource {
    pub const ALL: [TitleSource; 5] = [
        TitleSource::Metadata,
        TitleSource::Heading,
        TitleSource::FirstLine,
        TitleSource::Body,
        TitleSource::FileName,
    ];

    /// The label stored in the index and shown to users.
    pub fn label(self) -> &'static str {
        match self {
            TitleSource::Metadata => "metadata",
            TitleSource::Heading => "heading",
            TitleSource::FirstLine => "first-line",
            TitleSource::Body => "body",
            TitleSource::FileName => "file-name",
        }
    }

    pub fn from_label(label: &str) -> Option<TitleSource> {
        TitleSource::ALL.into_iter().find(|s| s.label() == label)
    }

    /// Whether the source gave this title (searched and weighted as a title).
    pub fn is_given(self) -> bool {
        !matches!(self, TitleSource::Body | TitleSource::FileName)
    }
}

/// A date string as found, before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateCandidate {
    pub source: DateSource,
    pub text: String,
}

impl DateCandidate {
    pub fn new(source: DateSource, text: impl Into<String>) -> DateCandidate {
        DateCandidate {
            source,
            text: text.into(),
        }
    }
}

/// A resolved publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDate {
    /// The calendar date as the article states it (its own time zone, not converted to UTC),
    /// which is what filters, facets and date sorting use.
    pub date: jiff::civil::Date,
    /// The exact instant, when the source gave a time of day with a zone or offset.
    pub instant: Option<jiff::Timestamp>,
    pub source: DateSource,
    /// The text the date was parsed from, kept so a user can check it.
    pub raw: String,
}

/// The kinds of named entity morgue extracts. Adding a kind means a new variant here, its
/// gazetteer data, and nothing else: the schema, filters and facets loop over `ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Org,
    Place,
    Event,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Place,
        EntityKind::Event,
    ];

    /// Field name in the index and in query syntax (`person:`, `org:`, ...).
    pub fn field_name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
        }
    }

    /// Parses the names users type: field names, plurals and common synonyms.
    pub fn parse(name: &str) -> Option<EntityKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "person" | "persons" | "people" | "per" => Some(EntityKind::Person),
            "org" | "orgs" | "organisation" | "organization" | "organisations"
            | "organizations" => Some(EntityKind::Org),
            "place" | "places" | "location" | "locations" | "loc" => Some(EntityKind::Place),
            "event" | "events" => Some(EntityKind::Event),
            _ => None,
        }
    }
}

/// One canonical entity found in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    /// The one name used for this real-world thing everywhere in the index.
    pub canonical: String,
    /// How many times the article mentions it (under any alias).
    pub mentions: u32,
    /// The distinct surface forms seen in this article ("Putin", "President Putin").
    pub aliases: Vec<String>,
    /// Whether the source marked the name up or only morgue found it.
    pub provenance: Provenance,
}

/// Where an entity comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Found by morgue in the text (gazetteer, tagger, rules).
    #[default]
    Extracted,
    /// Marked up by the source (NITF inline `<person>`...), whether or not morgue found it too.
    Markup,
}

/// A name the source marks up as an entity of this kind, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedName {
    pub kind: EntityKind,
    pub name: String,
}
