//! Errors that end a command. Problems with single input files are not errors: they are
//! [`crate::skip::Skip`]s, counted and reported while the run goes on.

use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum MorgueError {
    #[error(
        "no morgue index at {dir}; create one with `morgue index DIR...` (or point --index / MORGUE_INDEX at it)"
    )]
    NoIndex { dir: PathBuf },

    #[error(
        "the index at {dir} cannot be used: {detail}; re-index into a new folder (or delete it and run `morgue index` again)"
    )]
    IncompatibleIndex { dir: PathBuf, detail: String },

    #[error(
        "the index at {dir} is locked by another morgue process (an index run is in progress); wait for it to finish"
    )]
    Locked { dir: PathBuf },

    #[error("{path}: {}", describe_io(.source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("index at {dir}: {source}")]
    Tantivy {
        dir: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },

    #[error(
        "writing the index at {dir} failed: {detail}. The index still holds what its last commit saved; fix the cause and run `morgue index` again to resume"
    )]
    WriteFailed { dir: PathBuf, detail: String },

    #[error("invalid query: {0}")]
    Query(String),

    #[error(
        "the search took longer than {secs} s and was stopped (--timeout); make the query narrower (fewer words in a long phrase, a smaller ~slop)"
    )]
    Timeout { secs: f64 },

    #[error("{0}")]
    Usage(String),
}

impl MorgueError {
    pub fn io(path: &Path, source: std::io::Error) -> MorgueError {
        MorgueError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A failure while adding to or committing the index: says what the disk said, in words.
    pub fn write_failed(dir: &Path, source: tantivy::TantivyError) -> MorgueError {
        let detail = match &source {
            tantivy::TantivyError::IoError(io) => describe_io(io),
            tantivy::TantivyError::OpenWriteError(e) => e.to_string(),
            other => other.to_string(),
        };
        MorgueError::WriteFailed {
            dir: dir.to_path_buf(),
            detail,
        }
    }

    /// Wraps a tantivy error, turning a busy writer lock into the plain message users need.
    pub fn tantivy(dir: &Path, source: tantivy::TantivyError) -> MorgueError {
        if let tantivy::TantivyError::LockFailure(
            tantivy::directory::error::LockError::LockBusy,
            _,
        ) = &source
        {
            return MorgueError::Locked {
                dir: dir.to_path_buf(),
            };
        }
        MorgueError::Tantivy {
            dir: dir.to_path_buf(),
            source,
        }
    }
}

/// An I/O error in words a user can act on ("the disk is full" rather than "os error 28").
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull => format!("the disk is full ({error})"),
        ErrorKind::FileTooLarge => format!("a file grew past the size the system allows ({error})"),
        ErrorKind::QuotaExceeded => format!("the disk quota is used up ({error})"),
        ErrorKind::ReadOnlyFilesystem => format!("the file system is read-only ({error})"),
        _ => error.to_string(),
    }
}
