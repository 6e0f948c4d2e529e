//! The manifest: what morgue knows about every file it has walked, so a re-run only touches
//! what changed.
//!
//! A file whose size and modification time are unchanged is skipped without being read. A
//! file whose size or mtime changed is read and hashed; if the hash is unchanged only its
//! entry is refreshed, otherwise it is parsed again and its articles replaced. Files that were
//! skipped keep their reason, so an unchanged broken file is reported again without re-reading.
//!
//! The manifest is written after the index commit. If a run dies between the two, the next run
//! sees stale entries, re-reads those files, and converges: replacing a file's articles deletes
//! by file path first, so nothing is ever duplicated.

use crate::skip::Skip;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE_NAME: &str = "manifest.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Keyed by the file's absolute path.
    pub files: BTreeMap<String, FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when the platform has none).
    pub mtime_ns: i128,
    /// xxh3-64 of the file's bytes, in hex.
    pub hash: String,
    /// Fingerprint of what the entities were extracted with (alias lists, tagger model; see
    /// `ingest`). Kept per file so a run interrupted while re-extracting resumes where it
    /// stopped; a file with another fingerprint is read again.
    #[serde(default)]
    pub enrichment: u64,
    /// Fingerprint of the alias lists the entities were resolved with. When only this
    /// differs, the file is not read again: its articles' entities are re-resolved from the
    /// index (the stored text and tagger spans).
    #[serde(default)]
    pub aliases: u64,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    Indexed {
        articles: usize,
        /// Bad records and warnings, reported again while the file stays unchanged.
        #[serde(default)]
        notes: Vec<crate::skip::Problem>,
    },
    Skipped {
        skip: Skip,
    },
}

/// The fingerprint the walker can take without reading a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i128,
}

impl Stamp {
    pub fn of(metadata: &std::fs::Metadata) -> Stamp {
        let mtime_ns = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos() as i128)
            .unwrap_or(0);
        Stamp {
            size: metadata.len(),
            mtime_ns,
        }
    }
}

impl Manifest {
    /// Loads the manifest of an index folder; a missing one is empty. An unreadable one is
    /// treated as empty too: the run then re-reads every file, which is slower but correct.
    pub fn load(index_dir: &Path) -> Manifest {
        std::fs::read(index_dir.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, index_dir: &Path) -> Result<(), crate::error::MorgueError> {
        super::write_json_atomically(&index_dir.join(FILE_NAME), self)
    }

    /// The entry for `path` if its size and mtime still match, i.e. it need not be read.
    pub fn unchanged(&self, path: &str, stamp: Stamp) -> Option<&FileEntry> {
        self.files
            .get(path)
            .filter(|e| e.size == stamp.size && e.mtime_ns == stamp.mtime_ns)
    }

    /// Paths recorded under one of `roots` that are not in `seen`: files that vanished.
    pub fn vanished<'a>(
        &'a self,
        roots: &'a [String],
        seen: &'a std::collections::HashSet<String>,
    ) -> impl Iterator<Item = &'a String> + 'a {
        self.files
            .keys()
            .filter(move |path| roots.iter().any(|root| is_under(path, root)))
            .filter(move |path| !seen.contains(*path))
    }
}

/// True when `path` is `root` itself or inside it (component-wise, so `/a/bc` is not under `/a/b`).
fn is_under(path: &str, root: &str) -> bool {
    Path::new(path).starts_with(Path::new(root))
}

/// The content hash used for change detection.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn entry(size: u64, mtime_ns: i128) -> FileEntry {
        FileEntry {
            size,
            mtime_ns,
            hash: content_hash(b"x"),
            enrichment: 0,
            aliases: 0,
            outcome: Outcome::Indexed {
                articles: 1,
                notes: Vec::new(),
            },
        }
    }

    #[test]
    fn unchanged_needs_both_size_and_mtime() {
        let mut m = Manifest::default();
        m.files.insert("/a/x.txt".into(), entry(10, 5));
        let same = Stamp {
            size: 10,
            mtime_ns: 5,
        };
        assert!(m.unchanged("/a/x.txt", same).is_some());
        assert!(
            m.unchanged(
                "/a/x.txt",
                Stamp {
                    mtime_ns: 6,
                    ..same
                }
            )
            .is_none()
        );
        assert!(
            m.unchanged("/a/x.txt", Stamp { size: 11, ..same })
                .is_none()
        );
        assert!(m.unchanged("/a/y.txt", same).is_none());
    }

    #[test]
    fn only_files_under_the_walked_roots_can_vanish() {
        let mut m = Manifest::default();
        for p in ["/a/b/1.txt", "/a/bc/2.txt", "/other/3.txt", "/a/b/4.txt"] {
            m.files.insert(p.into(), entry(1, 1));
        }
        let roots = vec!["/a/b".to_string()];
        let seen: HashSet<String> = ["/a/b/1.txt".to_string()].into();
        let gone: Vec<_> = m.vanished(&roots, &seen).cloned().collect();
        assert_eq!(gone, vec!["/a/b/4.txt".to_string()]);
    }
}
