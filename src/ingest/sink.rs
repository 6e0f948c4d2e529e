//! The writer side of a run: the one `IndexWriter`, and the manifest changes that must only
//! ever be written once the index commit holding them is.

use super::RunSummary;
use super::backlog::{self, Backlog, Queued};
use super::messages::{FileResult, Known, ToWriter};
use crate::error::MorgueError;
use crate::index::manifest::{self, FileEntry, Key, Outcome};
use crate::index::{self, schema::Fields};
use crate::skip::SkipReason;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument};

/// Commit early when this many files changed since the last commit, whatever the interval:
/// the pending manifest changes are the one thing the writer holds per file.
const MAX_PENDING_CHANGES: usize = 50_000;

/// Documents handed to tantivy in one batch, at most: each hand-over is a message to its
/// indexing threads, which one document at a time woke about once a document (a context
/// switch per short wire item).
const BATCH_DOCS: usize = 64;

/// Bytes of documents ([`backlog::weight`]) held back for a batch, at most, so that the
/// batch never holds what the backlog waits for.
const BATCH_BYTES: usize = 1 << 20;

pub(super) struct Sink<'a> {
    pub(super) writer: IndexWriter<Queued>,
    /// What the writer has handed to tantivy and tantivy has not indexed yet.
    backlog: Arc<Backlog>,
    /// Documents admitted to the backlog, not yet handed over ([`Sink::flush`]), and their
    /// bytes. Handed over before every delete and commit, which must come after them.
    batch: Vec<Queued>,
    batch_bytes: usize,
    index_dir: &'a Path,
    fields: &'a Fields,
    /// The index as the run found it (`None` when it was empty): only files it holds, or
    /// that the manifest knows, can have articles to delete.
    indexed_before: Option<tantivy::Searcher>,
    /// Manifest changes since the last commit (`None` removes the file's entry).
    changes: BTreeMap<Key, Option<FileEntry>>,
    last_commit: Instant,
    commit_interval: Duration,
    /// Something was applied since the last commit.
    uncommitted: bool,
    /// Streamed files whose parts have started arriving (their old articles are deleted)
    /// and whose `File` message has not come yet.
    streaming: HashSet<String>,
}

impl<'a> Sink<'a> {
    pub(super) fn new(
        writer: IndexWriter<Queued>,
        index_dir: &'a Path,
        fields: &'a Fields,
        indexed_before: Option<tantivy::Searcher>,
        commit_interval: Duration,
    ) -> Sink<'a> {
        Sink {
            writer,
            backlog: Backlog::new(backlog::BACKLOG_BYTES),
            batch: Vec::with_capacity(BATCH_DOCS),
            batch_bytes: 0,
            index_dir,
            fields,
            indexed_before,
            changes: BTreeMap::new(),
            last_commit: Instant::now(),
            commit_interval,
            uncommitted: false,
            streaming: HashSet::new(),
        }
    }

    /// Applies one message (committed later, by `commit_if_due` or the final commit).
    pub(super) fn apply(
        &mut self,
        message: ToWriter,
        summary: &mut RunSummary,
    ) -> Result<(), MorgueError> {
        if let Err(error) = self.apply_to_index(message, summary) {
            return Err(MorgueError::write_failed(self.index_dir, self.cause(error)));
        }
        self.uncommitted = true;
        Ok(())
    }

    /// How long the writer may wait for the next message before a commit is due: the rest of
    /// the interval, or a whole one when there is nothing to commit (never zero then, so
    /// waiting does not spin).
    pub(super) fn time_to_wait(&self) -> Duration {
        if self.uncommitted {
            self.commit_interval
                .saturating_sub(self.last_commit.elapsed())
        } else {
            self.commit_interval
        }
    }

    /// Commits when the interval has passed, or many files changed, since the last commit.
    pub(super) fn commit_if_due(&mut self, summary: &mut RunSummary) -> Result<(), MorgueError> {
        let due = self.last_commit.elapsed() >= self.commit_interval
            || self.changes.len() >= MAX_PENDING_CHANGES;
        if self.uncommitted && due {
            self.commit(summary)?;
        }
        Ok(())
    }

    /// When an indexing thread died (a write failed), adding a document only says so; the
    /// thread's own error (the disk is full, say) comes out when the writer joins its threads,
    /// which a commit attempt does. The manifest is not written: if the commit went through,
    /// the manifest lags the index, which the next run repairs.
    fn cause(&mut self, error: tantivy::TantivyError) -> tantivy::TantivyError {
        match error {
            tantivy::TantivyError::ErrorInThread(_) => self.writer.commit().err().unwrap_or(error),
            other => other,
        }
    }

    /// Commits the index, then writes the manifest. A run killed between the two leaves a
    /// manifest that lags the index, which the next run repairs (it deletes a file's articles
    /// by path before adding them again); the reverse order could lose articles.
    pub(super) fn commit(&mut self, summary: &mut RunSummary) -> Result<(), MorgueError> {
        // A batch that cannot be handed over means an indexing thread died: its own error
        // (the disk is full, say) is the one to report.
        if let Err(error) = self.flush() {
            return Err(MorgueError::write_failed(self.index_dir, self.cause(error)));
        }
        self.writer
            .commit()
            .map_err(|e| MorgueError::write_failed(self.index_dir, e))?;
        manifest::rewrite(self.index_dir, &self.changes, |_, _| {})?;
        self.changes.clear();
        self.uncommitted = false;
        summary.commits += 1;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// A file's old articles are deleted before its new ones go in. Each file reaches the
    /// writer once per run, so it can only have articles if the manifest knew it or the index
    /// had them when the run started (after a crash the manifest may not know them). Deleting
    /// only then keeps a first run of a large archive from queueing one delete per file.
    fn delete_old(&mut self, known: Known, path: &str) -> tantivy::Result<()> {
        let held = known != Known::New
            || self
                .indexed_before
                .as_ref()
                .is_some_and(|s| index::holds_file(s, self.fields, path));
        if held { self.delete_file(path) } else { Ok(()) }
    }

    /// Deletes the file's articles: those added before, the batch's included.
    fn delete_file(&mut self, path: &str) -> tantivy::Result<()> {
        self.flush()?;
        index::delete_file(&self.writer, self.fields, path)
    }

    /// Adds a document to the batch, handing the batch over when it is full.
    fn add(&mut self, doc: TantivyDocument) -> tantivy::Result<()> {
        let bytes = backlog::weight(&doc);
        if self.batch_bytes + bytes > BATCH_BYTES {
            self.flush()?;
        }
        self.batch.push(self.backlog.admit(doc));
        self.batch_bytes += bytes;
        if self.batch.len() >= BATCH_DOCS {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands the batch to tantivy (one message to its indexing threads).
    fn flush(&mut self) -> tantivy::Result<()> {
        self.batch_bytes = 0;
        if self.batch.is_empty() {
            return Ok(());
        }
        self.writer
            .run(self.batch.drain(..).map(UserOperation::Add))
            .map(|_| ())
    }

    fn apply_to_index(
        &mut self,
        message: ToWriter,
        summary: &mut RunSummary,
    ) -> tantivy::Result<()> {
        let (known, result) = match message {
            ToWriter::File { known, result } => (known, result),
            ToWriter::Part { path, known, docs } => {
                if !self.streaming.contains(&path) {
                    self.delete_old(known, &path)?;
                    self.streaming.insert(path);
                }
                summary.articles_written += docs.len();
                for doc in docs {
                    self.add(doc)?;
                }
                return Ok(());
            }
            ToWriter::Replace { path, docs } => {
                // Only these articles change: the file's others stay, so its `File` message
                // must not delete them (it deletes nothing for a file in `streaming`).
                self.streaming.insert(path);
                summary.articles_written += docs.len();
                for doc in docs {
                    let id = doc
                        .get_first(self.fields.id)
                        .and_then(|v| tantivy::schema::Value::as_str(&v).map(str::to_string));
                    if let Some(id) = id {
                        self.flush()?;
                        index::delete_article(&self.writer, self.fields, &id)?;
                    }
                    self.add(doc)?;
                }
                return Ok(());
            }
            ToWriter::Restart { path } => {
                // A delete covers every document added before it, the parts included.
                return self.delete_file(&path);
            }
            ToWriter::Vanished { path, entry } => {
                self.delete_file(&path)?;
                if entry.is_indexed() {
                    summary.deleted += 1;
                }
                self.changes.insert(Key(path), None);
                return Ok(());
            }
        };
        match result {
            FileResult::Unchanged { path, entry } => {
                summary.unchanged += 1;
                self.changes.insert(Key(path), Some(entry));
            }
            FileResult::Skipped { path, entry, skip } => {
                // A file that was indexed before and is broken now loses its old articles,
                // and a streamed one that broke half-way the parts sent of it.
                if self.streaming.remove(&path) {
                    self.delete_file(&path)?;
                } else {
                    self.delete_old(known, &path)?;
                }
                summary.skip(&path, &skip);
                // A file over the size limit is judged by its size alone, never read.
                if let Some(entry) = entry
                    .as_ref()
                    .filter(|_| skip.reason != SkipReason::TooLarge)
                {
                    summary.bytes_read += entry.size;
                }
                self.changes.insert(Key(path), entry);
            }
            FileResult::Indexed {
                path,
                entry,
                docs,
                refreshed,
            } => {
                if refreshed {
                    summary.unchanged += 1;
                    summary.entities_refreshed += 1;
                } else if known == Known::Indexed {
                    summary.indexed_updated += 1;
                    summary.bytes_read += entry.size;
                } else {
                    summary.indexed_new += 1;
                    summary.bytes_read += entry.size;
                }
                // Delete first even for files new to the manifest: after a crash the index may
                // hold articles of a file the manifest never heard of. A streamed file's old
                // articles went before its first part.
                if !self.streaming.remove(&path) {
                    self.delete_old(known, &path)?;
                }
                summary.articles_written += docs.len();
                for doc in docs {
                    self.add(doc)?;
                }
                if let Outcome::Indexed {
                    notes,
                    ignored_records,
                    ..
                } = &entry.outcome
                {
                    notes.iter().cloned().for_each(|n| summary.note(n));
                    summary.ignored_records += ignored_records;
                }
                self.changes.insert(Key(path), Some(entry));
            }
        }
        Ok(())
    }
}
