//! The on-disk index: a tantivy index plus morgue's own small files beside it.
//!
//! Layout of an index folder:
//! - tantivy's segment files and `meta.json`;
//! - `morgue.json`: which schema version wrote it (an index from another version is refused);
//! - `manifest.jsonl.zst`: one line per file ever walked (zstd), in walk order, for incremental re-runs ([`manifest`]);
//! - `last_run.json`: the summary of the last `morgue index`, shown by `morgue stats`;
//! - `gazetteer.tsv`: the user's alias file from the last run, so searches resolve the same
//!   aliases the indexer used;
//! - `ords-COLUMN.bin`: each facet column's values over the segments the last run left
//!   (`search::facets::store_global_ords`), so a search need not build them.

pub mod analysis;
pub mod document;
pub mod manifest;
pub mod merge;
pub mod schema;

use crate::error::MorgueError;
use schema::{Fields, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::query::{ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocId, DocSet, Index, IndexReader, IndexWriter, Score, Searcher, SegmentReader, Term,
};

pub const MORGUE_META: &str = "morgue.json";
pub const LAST_RUN: &str = "last_run.json";
pub const USER_GAZETTEER: &str = "gazetteer.tsv";

#[derive(Debug, Serialize, Deserialize)]
struct MorgueMeta {
    schema_version: u32,
    morgue_version: String,
}

/// An opened index with its field handles.
pub struct MorgueIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    /// Opened on first search and kept: opening segment readers costs more than most queries.
    reader: OnceLock<IndexReader>,
    /// The language fields with articles, per searcher generation (see `languages_present`).
    languages: std::sync::Mutex<Option<(u64, Vec<tantivy::schema::Field>)>>,
}

impl MorgueIndex {
    /// Opens an existing index, or creates an empty one when the folder has none.
    pub fn open_or_create(dir: &Path) -> Result<MorgueIndex, MorgueError> {
        if dir.join(MORGUE_META).exists() {
            return MorgueIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| MorgueError::io(dir, e))?;
        let index = if dir.join("meta.json").exists() {
            adopt_unfinished(dir)?
        } else {
            Index::builder()
                .schema(schema::build_schema())
                .settings(settings())
                .create_in_dir(dir)
                .map_err(|e| MorgueError::tantivy(dir, e))?
        };
        let meta = MorgueMeta {
            schema_version: SCHEMA_VERSION,
            morgue_version: env!("CARGO_PKG_VERSION").to_string(),
        };
        write_json_atomically(&dir.join(MORGUE_META), &meta)?;
        MorgueIndex::wrap(index, dir)
    }

    /// Opens an existing index for reading or writing; a missing or foreign index is an error.
    pub fn open(dir: &Path) -> Result<MorgueIndex, MorgueError> {
        let meta_path = dir.join(MORGUE_META);
        if !meta_path.exists() {
            return Err(MorgueError::NoIndex {
                dir: dir.to_path_buf(),
            });
        }
        let meta: MorgueMeta = read_json(&meta_path)?;
        if meta.schema_version != SCHEMA_VERSION {
            return Err(MorgueError::IncompatibleIndex {
                dir: dir.to_path_buf(),
                detail: format!(
                    "it was written by morgue {} (index format {}), this is morgue {} (index format {})",
                    meta.morgue_version,
                    meta.schema_version,
                    env!("CARGO_PKG_VERSION"),
                    SCHEMA_VERSION
                ),
            });
        }
        let index = Index::open_in_dir(dir).map_err(|e| MorgueError::tantivy(dir, e))?;
        MorgueIndex::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<MorgueIndex, MorgueError> {
        analysis::register(&index);
        let fields =
            Fields::from_schema(&index.schema()).map_err(|e| MorgueError::IncompatibleIndex {
                dir: dir.to_path_buf(),
                detail: e.to_string(),
            })?;
        Ok(MorgueIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
            languages: std::sync::Mutex::new(None),
        })
    }

    /// The language fields (`text_de`, ...) that `searcher`'s articles fill, remembered per
    /// searcher generation: every query needs them and reading them costs more than a word
    /// query.
    pub fn languages_present(&self, searcher: &Searcher) -> Vec<tantivy::schema::Field> {
        let generation = searcher.generation().generation_id();
        let mut cached = self.languages.lock().unwrap_or_else(|e| e.into_inner());
        match cached.as_ref() {
            Some((seen, fields)) if *seen == generation => fields.clone(),
            _ => {
                let fields = crate::search::query::languages_present(searcher, &self.fields);
                *cached = Some((generation, fields.clone()));
                fields
            }
        }
    }

    /// A searcher on the latest commit. The reader behind it is opened once per
    /// `MorgueIndex` and follows new commits (tantivy reloads it shortly after each one). Its
    /// searches run the segments on every core (a query that must visit every match, such
    /// as a phrase or a facet count, takes the time of its largest segment, not of all).
    pub fn searcher(&self) -> tantivy::Result<Searcher> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader.searcher());
        }
        let mut index = self.index.clone();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores > 1 {
            index.set_multithread_executor(cores)?;
        }
        let reader = index.reader()?;
        Ok(self.reader.get_or_init(|| reader).searcher())
    }

    /// The index's one writer (taking its lock), with what a killed run left behind removed
    /// first.
    ///
    /// A run killed between writing a segment's delete file and committing leaves that file on
    /// disk, unreferenced. tantivy clears such files only after a commit, and the next run
    /// replays the same operations from the last commit's opstamp: its first commit then
    /// writes a delete file of the same name (`<segment>.<opstamp>.del`) and fails with
    /// `FileAlreadyExists`, run after run.
    pub fn writer<D: tantivy::Document>(
        &self,
        threads: usize,
        memory: usize,
    ) -> Result<IndexWriter<D>, MorgueError> {
        let writer = self
            .index
            .writer_with_num_threads(threads, memory)
            .map_err(|e| MorgueError::tantivy(&self.dir, e))?;
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| MorgueError::write_failed(&self.dir, e))?;
        Ok(writer)
    }

    /// Size of the index folder on disk, in bytes.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// How a new index stores its documents: zstd at level 1 in tantivy's 16 KB blocks.
///
/// The stored text was half of the index, and more on short wire items (18 of 35 MB for
/// 25 MB of wire stories with lz4, tantivy's default): zstd 1 takes the index from 143% to
/// 121% of the input there at the same indexing CPU time; zstd 3 stored no less and cost
/// 1.4x the CPU, and 32 KB blocks saved 1 point. Reading a hit's block costs a few
/// microseconds more, unmeasurable in a whole `morgue search` (BENCHMARKS.md). An index
/// keeps the compression it was created with (tantivy records it in `meta.json`).
fn settings() -> tantivy::IndexSettings {
    use tantivy::store::{Compressor, ZstdCompressor};
    tantivy::IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        ..tantivy::IndexSettings::default()
    }
}

/// Makes glibc's allocator give freed writer memory back to the system (Linux only).
///
/// tantivy's writer allocates its arena in 1 MB pages and frees them when a segment is
/// written. glibc serves blocks that large with mmap at first, but raises that threshold to
/// the size of each mmapped block freed, so after the first segment the pages come from the
/// heap, where freed memory stays in the process: peak RSS then grew with every segment
/// (1,004 MB at 300,000 articles; with a fixed threshold, memory falls back after each flush).
pub fn release_freed_writer_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; any value is valid to pass.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}

/// Queues the deletion of every article of the file at `path` (absolute), like
/// `writer.delete_term` on the `file` field but at a tenth of the memory.
///
/// Every queued delete lives until the next commit. `delete_term` builds a scoring weight for
/// each one even though deletes never score (a 1 KB table of BM25 term-frequency factors plus
/// an explanation string): about 1.5 KB per file, which was most of the heap growth of a large
/// first run (one delete per file). [`TermDelete`] holds just the term.
pub fn delete_file<D: tantivy::Document>(
    writer: &IndexWriter<D>,
    fields: &Fields,
    path: &str,
) -> tantivy::Result<()> {
    delete_with(writer, Term::from_field_text(fields.file, path))
}

/// Queues the deletion of the one article with this `id`, at the cost of [`delete_file`].
pub fn delete_article<D: tantivy::Document>(
    writer: &IndexWriter<D>,
    fields: &Fields,
    id: &str,
) -> tantivy::Result<()> {
    delete_with(writer, Term::from_field_text(fields.id, id))
}

fn delete_with<D: tantivy::Document>(writer: &IndexWriter<D>, term: Term) -> tantivy::Result<()> {
    writer.delete_query(Box::new(TermDelete(term))).map(|_| ())
}

/// Whether the index as `searcher` sees it holds articles of the file at `path`. Errors count
/// as yes: a needless delete costs little, a missing one leaves duplicates.
pub fn holds_file(searcher: &Searcher, fields: &Fields, path: &str) -> bool {
    let term = Term::from_field_text(fields.file, path);
    searcher.segment_readers().iter().any(|segment| {
        segment
            .inverted_index(fields.file)
            .and_then(|index| Ok(index.get_term_info(&term)?))
            .map_or(true, |info| info.is_some())
    })
}

/// The articles with one term (a file's path, an article's id), matched without scoring.
#[derive(Clone, Debug)]
struct TermDelete(Term);

impl Query for TermDelete {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for TermDelete {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let postings = reader
            .inverted_index(self.0.field())?
            .read_postings(&self.0, IndexRecordOption::Basic)?;
        Ok(match postings {
            Some(postings) => Box::new(ConstScorer::new(postings, boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() == doc || (scorer.doc() < doc && scorer.seek(doc) == doc) {
            Ok(Explanation::new("file", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not an article of this file"
            )))
        }
    }
}

/// A tantivy index without our `morgue.json`: either a run was killed between creating the
/// index and recording it (then it is empty and has our schema, and is taken over), or it is
/// someone else's index, which is refused rather than written into.
fn adopt_unfinished(dir: &Path) -> Result<Index, MorgueError> {
    let foreign = || MorgueError::IncompatibleIndex {
        dir: dir.to_path_buf(),
        detail: "it holds a tantivy index that morgue did not write".into(),
    };
    let index = Index::open_in_dir(dir).map_err(|_| foreign())?;
    let empty = index
        .searchable_segment_metas()
        .is_ok_and(|segments| segments.is_empty());
    if empty && index.schema() == schema::build_schema() {
        Ok(index)
    } else {
        Err(foreign())
    }
}

/// Where the index lives when neither `--index` nor `MORGUE_INDEX` says: the platform's data
/// folder (`~/.local/share/morgue/index` on Linux).
pub fn default_index_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("morgue")
        .join("index")
}

/// Writes JSON to a temporary file and renames it into place, so a crash never leaves half a file.
pub fn write_json_atomically<T: Serialize>(path: &Path, value: &T) -> Result<(), MorgueError> {
    let tmp = path.with_extension("json.tmp");
    // Streamed, not built in memory first: the manifest is rewritten after every commit and
    // is ~100 MB of JSON at 300,000 files, which as one growing Vec doubled peak memory.
    let file = std::fs::File::create(&tmp).map_err(|e| MorgueError::io(&tmp, e))?;
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    serde_json::to_writer(&mut out, value).map_err(|e| MorgueError::io(&tmp, e.into()))?;
    out.flush().map_err(|e| MorgueError::io(&tmp, e))?;
    drop(out);
    std::fs::rename(&tmp, path).map_err(|e| MorgueError::io(path, e))
}

pub fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, MorgueError> {
    let bytes = std::fs::read(path).map_err(|e| MorgueError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| MorgueError::IncompatibleIndex {
        dir: path.to_path_buf(),
        detail: format!("cannot read {}: {e}", path.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_whose_creation_was_cut_short_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // What a run killed right after tantivy created the index leaves behind.
        Index::create_in_dir(dir.path(), schema::build_schema()).unwrap();
        assert!(!dir.path().join(MORGUE_META).exists());
        MorgueIndex::open_or_create(dir.path()).expect("empty index with our schema is adopted");
        assert!(dir.path().join(MORGUE_META).exists());
        MorgueIndex::open(dir.path()).expect("and opens from then on");
    }

    #[test]
    fn deleting_a_file_removes_its_articles_only() {
        let dir = tempfile::tempdir().unwrap();
        let morgue = MorgueIndex::open_or_create(dir.path()).unwrap();
        let fields = &morgue.fields;
        let mut writer: IndexWriter = morgue.index.writer_with_num_threads(1, 15 << 20).unwrap();
        for (file, n) in [("/a/feed.jsonl", 3), ("/a/story.txt", 1)] {
            for _ in 0..n {
                let mut doc = tantivy::TantivyDocument::default();
                doc.add_text(fields.file, file);
                writer.add_document(doc).unwrap();
            }
        }
        writer.commit().unwrap();
        let before = morgue.index.reader().unwrap().searcher();
        assert!(holds_file(&before, fields, "/a/feed.jsonl"));
        assert!(!holds_file(&before, fields, "/a/other.txt"));

        delete_file(&writer, fields, "/a/feed.jsonl").unwrap();
        delete_file(&writer, fields, "/a/other.txt").unwrap();
        writer.commit().unwrap();
        let after = morgue.index.reader().unwrap().searcher();
        assert_eq!(after.num_docs(), 1);
        let story = Term::from_field_text(fields.file, "/a/story.txt");
        assert_eq!(after.doc_freq(&story).unwrap(), 1);
    }

    #[test]
    fn a_run_killed_before_its_commit_does_not_block_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let morgue = MorgueIndex::open_or_create(dir.path()).unwrap();
        let fields = &morgue.fields;
        let story = |file: &str| {
            let mut doc = tantivy::TantivyDocument::default();
            doc.add_text(fields.file, file);
            doc
        };
        let mut writer: IndexWriter = morgue.writer(1, 15 << 20).unwrap();
        writer.add_document(story("/a/one.txt")).unwrap();
        writer.add_document(story("/a/two.txt")).unwrap();
        writer.commit().unwrap();
        let committed = std::fs::read(dir.path().join("meta.json")).unwrap();
        let replay = |writer: &mut IndexWriter| {
            delete_file(writer, fields, "/a/one.txt").unwrap();
            writer.add_document(story("/a/one.txt")).unwrap();
            writer.commit().map(|_| ())
        };
        drop(writer);
        // The killed run: its commit wrote the delete file, then the process died before
        // tantivy saved `meta.json` (put back here).
        let mut writer: IndexWriter = morgue.writer(1, 15 << 20).unwrap();
        replay(&mut writer).unwrap();
        drop(writer);
        std::fs::write(dir.path().join("meta.json"), committed).unwrap();
        let leftovers = || {
            std::fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().extension() == Some("del".as_ref()))
                .count()
        };
        assert_eq!(leftovers(), 1, "the killed run left its delete file");

        let mut writer: IndexWriter = morgue.writer(1, 15 << 20).unwrap();
        assert_eq!(leftovers(), 0);
        replay(&mut writer).expect("the same operations commit");
        let searcher = morgue.index.reader().unwrap().searcher();
        assert_eq!(searcher.num_docs(), 2);
    }

    #[test]
    fn a_foreign_tantivy_index_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut builder = tantivy::schema::Schema::builder();
        builder.add_text_field("text", tantivy::schema::TEXT);
        Index::create_in_dir(dir.path(), builder.build()).unwrap();
        let error = MorgueIndex::open_or_create(dir.path())
            .err()
            .expect("foreign index refused");
        assert!(error.to_string().contains("did not write"), "{error}");
        assert!(!dir.path().join(MORGUE_META).exists());
    }
}
