//! Why a file (or one record of it) was not indexed.
//!
//! Every file the walker sees ends up either indexed or counted under one of these reasons,
//! so the summary always adds up. The walker, the reader and the parsers all report through
//! this one type.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The reason class, used for counting in summaries and `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// The file could not be opened or read (permissions, vanished, I/O error).
    Unreadable,
    /// Larger than `--max-file-size`.
    TooLarge,
    /// Zero bytes, or only white space.
    Empty,
    /// Not text: NUL bytes, or the signature of an image, PDF or archive.
    Binary,
    /// Syntax error: JSON that does not parse, broken front matter, and so on.
    Malformed,
    /// Parses, but is not an article: a JSON number, an array of strings, an object with no text field.
    WrongShape,
    /// Parses as an article but has no body text (an HTML page of navigation only).
    NoText,
    /// The walker could not enter or follow it (symlink loop, permission on a folder).
    WalkError,
}

impl SkipReason {
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Unreadable => "unreadable",
            SkipReason::TooLarge => "too-large",
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::Malformed => "malformed",
            SkipReason::WrongShape => "wrong-shape",
            SkipReason::NoText => "no-text",
            SkipReason::WalkError => "walk-error",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A reason plus a human sentence saying exactly what was wrong ("line 3: expected `,`").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    pub reason: SkipReason,
    pub detail: String,
}

impl Skip {
    pub fn new(reason: SkipReason, detail: impl Into<String>) -> Skip {
        Skip {
            reason,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason, self.detail)
    }
}

/// Something about one file a user should know: why it was skipped or ignored, a record in
/// it that could not be read, or a warning. Every one carries the file's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    /// 1-based line or record number inside the file, for bad records and record warnings.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub record: Option<usize>,
    pub kind: ProblemKind,
    /// For skips and bad records the [`SkipReason`] label; `ignored` or `warning` otherwise.
    pub reason: String,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    Skipped,
    BadRecord,
    Ignored,
    Warning,
}

impl ProblemKind {
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::Skipped => "skipped",
            ProblemKind::BadRecord => "bad-record",
            ProblemKind::Ignored => "ignored",
            ProblemKind::Warning => "warning",
        }
    }
}

impl Problem {
    fn new(
        path: &str,
        record: Option<usize>,
        kind: ProblemKind,
        reason: &str,
        detail: &str,
    ) -> Problem {
        Problem {
            path: path.to_string(),
            record,
            kind,
            reason: reason.to_string(),
            detail: detail.to_string(),
        }
    }

    pub fn skipped(path: &str, skip: &Skip) -> Problem {
        Problem::new(
            path,
            None,
            ProblemKind::Skipped,
            skip.reason.label(),
            &skip.detail,
        )
    }

    pub fn bad_record(path: &str, record: usize, skip: &Skip) -> Problem {
        Problem::new(
            path,
            Some(record),
            ProblemKind::BadRecord,
            skip.reason.label(),
            &skip.detail,
        )
    }

    /// A bad part of a file that has no record number of its own: a bundle's member, whose
    /// `path` names it (`bundle.zip!/inner/story.html`).
    pub fn bad_member(path: &str, skip: &Skip) -> Problem {
        Problem::new(
            path,
            None,
            ProblemKind::BadRecord,
            skip.reason.label(),
            &skip.detail,
        )
    }

    pub fn ignored(path: &str, why: impl AsRef<str>) -> Problem {
        Problem::new(path, None, ProblemKind::Ignored, "ignored", why.as_ref())
    }

    pub fn warning(path: &str, record: Option<usize>, detail: &str) -> Problem {
        Problem::new(path, record, ProblemKind::Warning, "warning", detail)
    }
}
