//! The messages between the three stages of a run: the planner's jobs for the readers, and
//! what reaches the writer (a file read, or one gone). Kept apart from the stages so each
//! stage depends on this vocabulary rather than on another stage.

use crate::index::manifest::FileEntry;
use crate::skip::Skip;
use crate::walk::WalkedFile;
use tantivy::TantivyDocument;

/// What a reader does with one walked file.
pub(super) enum Job {
    /// Read, parse and enrich it (`previous` may vouch for it by content hash).
    Read {
        file: WalkedFile,
        previous: Option<FileEntry>,
        known: Known,
    },
    /// Unchanged, but the alias lists changed: re-resolve its articles' entities from the
    /// index, falling back to reading it when the index cannot say.
    Refresh { file: WalkedFile, entry: FileEntry },
}

/// What the manifest knew of a file before this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    New,
    Indexed,
    Skipped,
}

impl Known {
    pub(super) fn of(entry: Option<&FileEntry>) -> Known {
        match entry {
            None => Known::New,
            Some(entry) if entry.is_indexed() => Known::Indexed,
            Some(_) => Known::Skipped,
        }
    }
}

/// What reaches the writer.
pub(super) enum ToWriter {
    /// Some documents of a file read as a stream (`stream`), sent as they are made. The
    /// writer deletes the file's old articles before the first part it gets; the file's
    /// `File` message comes after all its parts, and only it carries the manifest entry, so
    /// a run that stops half-way through a file reads it again next time.
    Part {
        path: String,
        known: Known,
        docs: Vec<TantivyDocument>,
    },
    /// New versions of some of a file's articles (a big file's articles that a changed alias
    /// table made stale), each replacing the article with its id; the file's `File` message
    /// comes after them.
    Replace {
        path: String,
        docs: Vec<TantivyDocument>,
    },
    /// The parts (or replacements) sent of this file are void (a refresh found the index could
    /// not vouch for it, and the file will be read instead): its articles are deleted again,
    /// those sent included.
    Restart { path: String },
    /// A file read (or refreshed) by a reader.
    File { known: Known, result: FileResult },
    /// A file the manifest lists that is gone, or no longer read: its articles and entry go.
    Vanished { path: String, entry: FileEntry },
}

/// The result of reading one file, sent from the worker threads to the writer.
pub(super) enum FileResult {
    /// Stamp changed but content did not: only the manifest entry is refreshed.
    Unchanged { path: String, entry: FileEntry },
    /// `entry.outcome` lists the file's bad records and warnings.
    Indexed {
        path: String,
        entry: FileEntry,
        docs: Vec<TantivyDocument>,
        /// The file was not read: an unchanged file's articles were rebuilt from the index
        /// with their entities re-resolved.
        refreshed: bool,
    },
    Skipped {
        path: String,
        /// `None` when the file could not be read at all, so there is nothing to remember.
        entry: Option<FileEntry>,
        skip: Skip,
    },
}
