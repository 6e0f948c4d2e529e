//! Errors that end a command. Problems with single input files are not errors: they are
//! [`crate::skip::Skip`]s, counted and reported while the run goes on.
//!
//! The messages speak of the archive, never of how a front end spells its options: the CLI
//! adds its flags to them (and picks an exit code), the server picks an HTTP status
//! ([`MorgueError::kind`] says which kind of failure each is).

use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum MorgueError {
    #[error("no morgue index at {dir}")]
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
        "the search took longer than {secs} s and was stopped; make the query narrower (fewer words in a long phrase, a smaller ~slop)"
    )]
    Timeout { secs: f64 },

    #[error("{0}")]
    Usage(String),

    /// What was asked for (an article id, a file) is not in the index; the message says
    /// which.
    #[error("{0}")]
    NotFound(String),
}

/// What kind of failure an error is, for front ends that answer each kind their own way
/// (exit codes, HTTP statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request itself is wrong: a query that does not parse, a bad value.
    BadRequest,
    /// It names something the index does not hold.
    NotFound,
    /// It ran out of time.
    Timeout,
    /// The archive could not do the work (no index, I/O, a locked or broken index).
    Failed,
}

impl MorgueError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            MorgueError::Query(_) | MorgueError::Usage(_) => ErrorKind::BadRequest,
            MorgueError::NotFound(_) => ErrorKind::NotFound,
            MorgueError::Timeout { .. } => ErrorKind::Timeout,
            _ => ErrorKind::Failed,
        }
    }

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
            // tantivy's indexing threads pass I/O errors on as text: "... (os error 28)".
            other => {
                let text = other.to_string();
                match os_error_code(&text) {
                    Some(code) => describe_io(&std::io::Error::from_raw_os_error(code)),
                    None => text,
                }
            }
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

/// The number in a "(os error N)" suffix of an error's text.
fn os_error_code(text: &str) -> Option<i32> {
    let start = text.rfind("(os error ")? + "(os error ".len();
    let digits = &text[start..];
    digits[..digits.find(')')?].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_failures_say_what_the_disk_said() {
        let dir = Path::new("/idx");
        let wrapped = tantivy::TantivyError::InternalError(
            "'No space left on device (os error 28)'".to_string(),
        );
        let message = MorgueError::write_failed(dir, wrapped).to_string();
        assert!(message.contains("the disk is full"), "{message}");
        assert!(message.contains("last commit"), "{message}");
        let plain = tantivy::TantivyError::InternalError("something else".to_string());
        let message = MorgueError::write_failed(dir, plain).to_string();
        assert!(message.contains("something else"), "{message}");
        assert_eq!(os_error_code("x (os error 27)"), Some(27));
        assert_eq!(os_error_code("x (os error"), None);
    }
}
