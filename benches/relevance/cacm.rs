//! Reading the CACM test collection: documents (`cacm.all`), queries (`query.text`) and
//! relevance judgements (`qrels.text`), in the SMART layout described in its README.
//!
//! Only the text fields take part: a document's `.T` title and `.W` abstract, a query's `.W`.
//! Authors (`.A`), keywords (`.K`), categories (`.C`) and the citation lists (`.X`) are left
//! out, as a plain BM25 run over the same collection leaves them out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub struct Doc {
    pub id: u32,
    /// Title lines joined by single spaces (a few titles are empty).
    pub title: String,
    /// The abstract's lines as in the collection (hard-wrapped), or empty.
    pub abstract_lines: Vec<String>,
}

pub struct Query {
    pub id: u32,
    /// The request in natural language, its lines joined by single spaces.
    pub text: String,
}

pub struct Collection {
    pub docs: Vec<Doc>,
    /// Every query with text, judged or not.
    pub queries: Vec<Query>,
    /// Relevant document ids per judged query.
    pub qrels: BTreeMap<u32, BTreeSet<u32>>,
}

impl Collection {
    pub fn read(dir: &Path) -> Collection {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
        };
        let docs = records(&read("cacm.all"))
            .into_iter()
            .map(|r| Doc {
                id: r.id,
                title: join(r.field("T")),
                abstract_lines: r
                    .field("W")
                    .iter()
                    .map(|l| l.trim_end().to_string())
                    .filter(|l| !l.trim().is_empty())
                    .collect(),
            })
            .collect();
        let queries = records(&read("query.text"))
            .into_iter()
            .map(|r| Query {
                id: r.id,
                text: join(r.field("W")),
            })
            .filter(|q| !q.text.is_empty())
            .collect();
        Collection {
            docs,
            queries,
            qrels: qrels(&read("qrels.text")),
        }
    }

    /// The queries that have judgements, the ones every score is averaged over.
    pub fn judged(&self) -> impl Iterator<Item = &Query> {
        self.queries
            .iter()
            .filter(|q| self.qrels.contains_key(&q.id))
    }
}

/// One `.I` record: its id and its fields in order, each with its lines.
struct Record {
    id: u32,
    fields: Vec<(String, Vec<String>)>,
}

impl Record {
    fn field(&self, name: &str) -> &[String] {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[], |(_, lines)| lines.as_slice())
    }
}

/// Splits SMART-format text into records. A field starts with a line that is a dot and one
/// capital letter (`.T`), a record with `.I N`; everything else belongs to the open field.
fn records(text: &str) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix(".I ") {
            let id = id.trim().parse().expect(".I takes a number");
            out.push(Record {
                id,
                fields: Vec::new(),
            });
        } else if let Some(name) = field_marker(line) {
            if let Some(r) = out.last_mut() {
                r.fields.push((name.to_string(), Vec::new()));
            }
        } else if let Some((_, lines)) = out.last_mut().and_then(|r| r.fields.last_mut()) {
            lines.push(line.to_string());
        }
    }
    out
}

fn field_marker(line: &str) -> Option<&str> {
    let name = line.trim_end().strip_prefix('.')?;
    (name.len() == 1 && name.bytes().all(|b| b.is_ascii_uppercase())).then_some(name)
}

fn join(lines: &[String]) -> String {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `QUERY DOC 0 0` lines.
fn qrels(text: &str) -> BTreeMap<u32, BTreeSet<u32>> {
    let mut out: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for line in text.lines() {
        let mut cols = line.split_whitespace().map(|c| c.parse::<u32>());
        if let (Some(Ok(q)), Some(Ok(d))) = (cols.next(), cols.next()) {
            out.entry(q).or_default().insert(d);
        }
    }
    out
}
