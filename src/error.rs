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

    #[error("{path}: {source}")]
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

    #[error("invalid query: {0}")]
    Query(String),

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
