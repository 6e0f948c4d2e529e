//! The collection written out twice: as an archive of `.txt` files for morgue, and as
//! title/body rows for FTS5, from the same strings so both engines index the same text.
//!
//! - `titled`: a `Title:` header with the `.T` title, the `.W` abstract as body (as
//!   hard-wrapped in the collection); a record without an abstract gets its title as body too.
//! - `untitled`: archives without real titles. No header; the text is the title followed by
//!   the abstract as one paragraph wrapped at 72 columns, so morgue derives a title from the
//!   first line (which mixes the title with the start of the abstract) as it would for any
//!   plain text file. FTS5 gets an empty title and the whole text as body.

use crate::cacm::Doc;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Titled,
    Untitled,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::Titled, Variant::Untitled];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Titled => "titled",
            Variant::Untitled => "untitled",
        }
    }
}

/// Where a variant was written.
pub struct Written {
    /// The folder morgue indexes: one `NNNN.txt` per record, NNNN its CACM id.
    pub archive: PathBuf,
    /// One JSON object per line with `id`, `title` and `body`, for FTS5.
    pub rows: PathBuf,
}

pub fn write(docs: &[Doc], variant: Variant, dir: &Path) -> Written {
    let archive = dir.join("archive");
    let _ = std::fs::remove_dir_all(&archive);
    std::fs::create_dir_all(&archive).unwrap();
    let rows = dir.join("rows.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&rows).unwrap());
    for doc in docs {
        let (file, title, body) = render(doc, variant);
        std::fs::write(archive.join(format!("{:04}.txt", doc.id)), file).unwrap();
        let row = json!({ "id": doc.id, "title": title, "body": body });
        writeln!(out, "{row}").unwrap();
    }
    out.flush().unwrap();
    Written { archive, rows }
}

/// The CACM id a file written by [`write`] holds, from its path as morgue reports it.
pub fn doc_id(path: &str) -> Option<u32> {
    Path::new(path).file_stem()?.to_str()?.parse().ok()
}

/// A record's file text, and the title and body FTS5 gets for it.
fn render(doc: &Doc, variant: Variant) -> (String, String, String) {
    match variant {
        Variant::Titled => {
            let body = if doc.abstract_lines.is_empty() {
                doc.title.clone()
            } else {
                doc.abstract_lines.join("\n")
            };
            // The one record with an empty title gets no header: morgue then takes its first
            // line as title, as for any headerless file.
            let file = if doc.title.is_empty() {
                format!("{body}\n")
            } else {
                format!("Title: {}\n\n{body}\n", doc.title)
            };
            (file, doc.title.clone(), body)
        }
        Variant::Untitled => {
            let mut words: Vec<&str> = doc.title.split_whitespace().collect();
            words.extend(doc.abstract_lines.iter().flat_map(|l| l.split_whitespace()));
            let body = wrap(&words, 72);
            (format!("{body}\n"), String::new(), body)
        }
    }
}

/// Greedy line filling: words joined by spaces, a new line before one would pass `width`.
fn wrap(words: &[&str], width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in words {
        if line_len > 0 && line_len + 1 + word.len() > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out
}
