//! CSV export: a header row, then one row per article, quoted as RFC 4180 says (the `csv`
//! crate's writer). Lists (authors, tags, each entity kind) are joined with "; ", absent
//! values are empty cells.

use super::{ExportError, Matches};
use crate::article::EntityKind;
use crate::index::document::StoredArticle;
use std::io::Write;

/// The columns, in order: `search --json` field names, entities one column per kind.
pub const COLUMNS: [&str; 20] = [
    "id",
    "path",
    "record",
    "format",
    "title",
    "title_source",
    "date",
    "date_source",
    "date_raw",
    "published",
    "source",
    "authors",
    "url",
    "language",
    "tags",
    "person",
    "org",
    "place",
    "event",
    "body",
];

/// What joins the values of a list in one cell.
pub const LIST_SEPARATOR: &str = "; ";

pub(super) fn write(matches: Matches, out: &mut dyn Write) -> Result<usize, ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(into_io)?;
    let mut written = 0;
    for article in matches {
        writer.write_record(row(&article?)).map_err(into_io)?;
        written += 1;
    }
    writer.flush()?;
    Ok(written)
}

/// One article's cells, in [`COLUMNS`] order.
fn row(a: &StoredArticle) -> [String; 20] {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let names = |kind| {
        a.entities
            .get(&kind)
            .map(|names| names.join(LIST_SEPARATOR))
            .unwrap_or_default()
    };
    [
        a.id.clone(),
        a.path.clone(),
        a.record.map(|r| r.to_string()).unwrap_or_default(),
        a.format.clone(),
        a.title.clone(),
        a.title_source.clone(),
        text(&a.date),
        a.date_source.clone(),
        text(&a.date_raw),
        text(&a.published),
        text(&a.source),
        a.authors.join(LIST_SEPARATOR),
        text(&a.url),
        text(&a.language),
        a.tags.join(LIST_SEPARATOR),
        names(EntityKind::Person),
        names(EntityKind::Org),
        names(EntityKind::Place),
        names(EntityKind::Event),
        a.body.clone(),
    ]
}

/// The csv crate wraps I/O errors in its own; a closed pipe must stay recognisable.
fn into_io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Commas, quotes and line breaks survive a round trip through a CSV reader.
    #[test]
    fn rows_quote_what_needs_quoting_and_read_back() {
        let article = crate::export::cluster::tests::article(Some("2025-02-24"));
        let mut bytes = Vec::new();
        {
            let mut writer = csv::Writer::from_writer(&mut bytes);
            writer.write_record(COLUMNS).unwrap();
            writer.write_record(row(&article)).unwrap();
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("\"Wire, Daily\""), "{text}");
        assert!(text.contains("\"Talks \"\"resume\"\"\""), "{text}");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().unwrap(),
            &csv::StringRecord::from(COLUMNS.to_vec())
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let cell = |name| &rows[0][COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(cell("body"), article.body);
        assert_eq!(cell("authors"), "A. Writer; B. Writer");
        assert_eq!(cell("person"), "Vladimir Putin");
        assert_eq!(cell("url"), "");
        assert_eq!(cell("record"), "2");
    }
}
