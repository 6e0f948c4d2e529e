//! `morgue export`: every article a query and filters match, written out with its body, for
//! scripts (NDJSON, CSV) or for a search cluster (Quickwit, Elasticsearch/OpenSearch).
//!
//! The query is built by [`crate::search::prepare`], the same code `morgue search` runs, so an
//! export holds exactly the articles a search counts in its `total`. Matches are read one at
//! a time, segment by segment in index order ([`Matches`]): memory stays flat however large
//! the archive, and nothing is ranked.
//!
//! One file per format: `ndjson`, `csv`, `quickwit` (index config + documents), `bulk`
//! (Elasticsearch/OpenSearch `_bulk` body + mapping). The cluster formats share the document
//! shape in `cluster`.

mod bulk;
mod cluster;
mod csv;
mod ndjson;
mod quickwit;

use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::index::MorgueIndex;
use crate::index::document::StoredArticle;
use crate::index::schema::Fields;
use crate::search::query::{Filters, MatchMode};
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tantivy::fastfield::AliveBitSet;
use tantivy::query::{EnableScoring, Scorer, Weight};
use tantivy::store::StoreReader;
use tantivy::{DocSet, Searcher, TERMINATED, TantivyDocument};

// What `morgue push` and `search --remote` (issue 20) build on: the same documents, config
// and mapping.
pub use bulk::{bulk_action, mapping as bulk_mapping};
pub use cluster::{ClusterDoc, UNDATED_TIMESTAMP};
pub use quickwit::{index_config as quickwit_config, valid_index_id};

/// The formats `--format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line (`--out FILE`, or standard output)
    Ndjson,
    /// A header row, then one row per article (`--out FILE`, or standard output)
    Csv,
    /// A Quickwit index config and its documents (`--out DIR`)
    Quickwit,
    /// An Elasticsearch/OpenSearch `_bulk` body and mapping (`--out DIR`)
    Bulk,
}

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub query: String,
    pub filters: Filters,
    /// `All` or `Any`: `Most` is how a search fills a page, which an export does not have.
    pub matching: MatchMode,
    pub format: ExportFormat,
    /// The index id in a Quickwit config and in bulk action lines.
    pub index_id: String,
}

/// A failure while exporting: reading the index (or writing a file, whose error names it),
/// or writing standard output.
#[derive(Debug)]
pub enum ExportError {
    Read(MorgueError),
    Write(io::Error),
}

impl From<MorgueError> for ExportError {
    fn from(e: MorgueError) -> ExportError {
        ExportError::Read(e)
    }
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> ExportError {
        ExportError::Write(e)
    }
}

/// What an export wrote.
#[derive(Debug, Serialize)]
pub struct ExportSummary {
    pub articles: usize,
    /// The files written (empty for standard output).
    pub files: Vec<PathBuf>,
}

/// One article as the NDJSON export writes it: the fields of a `search --json` hit (same
/// names, same values) plus the body.
#[derive(Debug, Serialize)]
pub struct ExportedArticle<'a> {
    #[serde(flatten)]
    pub article: &'a StoredArticle,
    pub body: &'a str,
}

/// The matches of `request`, ready to stream.
pub fn matches(
    index: &MorgueIndex,
    gazetteer: &Gazetteer,
    request: &ExportRequest,
) -> Result<Matches, MorgueError> {
    if request.matching == MatchMode::Most {
        return Err(MorgueError::Usage(
            "an export lists the articles matching every word (--match all, the default) or any word (--match any); `most` is how a search fills its page".into(),
        ));
    }
    let searcher = index
        .searcher()
        .map_err(|e| MorgueError::tantivy(&index.dir, e))?;
    let prepared = crate::search::prepare(
        index,
        &searcher,
        gazetteer,
        &request.query,
        &request.filters,
        request.matching,
    )?;
    let weight = prepared
        .full_query
        .weight(EnableScoring::disabled_from_searcher(&searcher))
        .map_err(|e| MorgueError::tantivy(&index.dir, e))?;
    Ok(Matches {
        searcher,
        weight,
        fields: index.fields.clone(),
        dir: index.dir.clone(),
        next_segment: 0,
        segment: None,
    })
}

/// Runs an export: NDJSON and CSV to the file `out` or, without one, to standard output
/// (raw: the text is data, not for a terminal); the cluster formats into the folder `out`
/// (required, created if missing). Write errors name their file; those on standard output
/// come back as [`ExportError::Write`], so a closed pipe can end the export quietly.
pub fn run(
    index: &MorgueIndex,
    gazetteer: &Gazetteer,
    request: &ExportRequest,
    out: Option<&Path>,
) -> Result<ExportSummary, ExportError> {
    let cluster = matches!(request.format, ExportFormat::Quickwit | ExportFormat::Bulk);
    if cluster && out.is_none() {
        return Err(MorgueError::Usage(
            "--format quickwit and bulk write a folder of files: name it with --out DIR".into(),
        )
        .into());
    }
    if request.format == ExportFormat::Quickwit && !quickwit::valid_index_id(&request.index_id) {
        return Err(MorgueError::Usage(format!(
            "--index-id `{}`: Quickwit index ids start with a letter and hold 3 to 255 letters, digits, `-` or `_`",
            request.index_id
        ))
        .into());
    }
    let found = matches(index, gazetteer, request)?;
    let summary = match (out, request.format) {
        (Some(dir), ExportFormat::Quickwit) => {
            make_dir(dir)?;
            quickwit::write(found, &request.index_id, dir)?
        }
        (Some(dir), ExportFormat::Bulk) => {
            make_dir(dir)?;
            bulk::write(found, &request.index_id, dir)?
        }
        (Some(path), format) => {
            let mut file = create(path)?;
            let articles = write_stream(found, format, &mut file).map_err(|e| match e {
                ExportError::Write(e) => ExportError::Read(MorgueError::io(path, e)),
                read => read,
            })?;
            ExportSummary {
                articles,
                files: vec![path.to_path_buf()],
            }
        }
        (None, format) => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            let articles = write_stream(found, format, &mut stdout)?;
            ExportSummary {
                articles,
                files: Vec::new(),
            }
        }
    };
    Ok(summary)
}

/// Writes `matches` in NDJSON or CSV to `out` (the file or standard output of `morgue
/// export`, the answer of the server's `/api/export`), returning how many were written.
pub fn write_stream(
    matches: Matches,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let written = match format {
        ExportFormat::Ndjson => ndjson::write(matches, out)?,
        ExportFormat::Csv => csv::write(matches, out)?,
        ExportFormat::Quickwit | ExportFormat::Bulk => {
            let message = "--format quickwit and bulk write a folder of files: --out DIR";
            return Err(MorgueError::Usage(message.into()).into());
        }
    };
    out.flush()?;
    Ok(written)
}

fn make_dir(dir: &Path) -> Result<(), MorgueError> {
    std::fs::create_dir_all(dir).map_err(|e| MorgueError::io(dir, e))
}

/// Creates `path` for writing, buffered.
fn create(path: &Path) -> Result<io::BufWriter<std::fs::File>, MorgueError> {
    std::fs::File::create(path)
        .map(io::BufWriter::new)
        .map_err(|e| MorgueError::io(path, e))
}

/// How many compressed doc-store blocks each segment's reader keeps: matches come in doc
/// order, so neighbours share a block and one or two suffice.
const STORE_CACHE_BLOCKS: usize = 2;

/// The articles a query matches, one at a time, in index order (segment by segment, doc
/// by doc), deleted documents left out. Holds one segment's scorer and doc-store reader at
/// a time, never a list of hits.
pub struct Matches {
    searcher: Searcher,
    weight: Box<dyn Weight>,
    fields: Fields,
    dir: PathBuf,
    next_segment: usize,
    segment: Option<SegmentCursor>,
}

struct SegmentCursor {
    scorer: Box<dyn Scorer>,
    store: StoreReader,
    alive: Option<AliveBitSet>,
}

impl Matches {
    fn open_next_segment(&mut self) -> tantivy::Result<bool> {
        let Some(reader) = self.searcher.segment_readers().get(self.next_segment) else {
            return Ok(false);
        };
        self.next_segment += 1;
        self.segment = Some(SegmentCursor {
            scorer: self.weight.scorer(reader, 1.0)?,
            store: reader.get_store_reader(STORE_CACHE_BLOCKS)?,
            alive: reader.alive_bitset().cloned(),
        });
        Ok(true)
    }

    fn next_doc(&mut self) -> tantivy::Result<Option<StoredArticle>> {
        loop {
            if let Some(cursor) = &mut self.segment {
                let doc = cursor.scorer.doc();
                if doc == TERMINATED {
                    self.segment = None;
                    continue;
                }
                cursor.scorer.advance();
                if cursor.alive.as_ref().is_some_and(|a| a.is_deleted(doc)) {
                    continue;
                }
                let stored: TantivyDocument = cursor.store.get(doc)?;
                return Ok(Some(StoredArticle::from_document(&self.fields, &stored)));
            }
            if !self.open_next_segment()? {
                return Ok(None);
            }
        }
    }
}

impl Iterator for Matches {
    type Item = Result<StoredArticle, MorgueError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_doc()
            .map_err(|e| MorgueError::tantivy(&self.dir, e))
            .transpose()
    }
}
