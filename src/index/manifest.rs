//! The manifest: what morgue knows about every file it has walked, so a re-run only touches
//! what changed.
//!
//! A file whose size and modification time are unchanged is skipped without being read. A
//! file whose size or mtime changed is read and hashed; if the hash is unchanged only its
//! entry is refreshed, otherwise it is parsed again and its articles replaced. Files that were
//! skipped keep their reason, so an unchanged broken file is reported again without re-reading.
//!
//! On disk it is `manifest.jsonl.zst`: one `[path, entry]` line per file, zstd-compressed
//! (a line is ~240 bytes, a fifth of a short wire story; compressed, ~7x less), sorted in walk order
//! ([`key_cmp`]), so a run merges the walk with the manifest as two sorted streams and never
//! holds either in memory ([`Entries`], [`rewrite`]): memory stays flat however large the
//! archive.
//!
//! The manifest is rewritten after each index commit. If a run dies between the two, the next
//! run sees stale entries, re-reads those files, and converges: replacing a file's articles
//! deletes by file path first, so nothing is ever duplicated.

use crate::error::MorgueError;
use crate::skip::Skip;
use crate::walk::{Stamp, key_cmp};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;

pub const FILE_NAME: &str = "manifest.jsonl.zst";
/// The same lines uncompressed, as versions before session 18 wrote them: read when there is
/// no [`FILE_NAME`], and removed by the next rewrite.
const PLAIN_FILE_NAME: &str = "manifest.jsonl";
/// The whole-file JSON manifest of earlier versions, converted on first use.
const OLD_FILE_NAME: &str = "manifest.json";
/// zstd's level for the manifest: its default, which compresses these lines ~7x at a cost
/// far below the run's.
const LEVEL: i32 = 3;

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

impl FileEntry {
    /// Whether the file still has the size and mtime it had, i.e. it need not be read.
    pub fn matches(&self, stamp: Stamp) -> bool {
        self.size == stamp.size && self.mtime_ns == stamp.mtime_ns
    }

    pub fn is_indexed(&self) -> bool {
        matches!(self.outcome, Outcome::Indexed { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Outcome {
    Indexed {
        articles: usize,
        /// Bad records and warnings, reported again while the file stays unchanged.
        #[serde(default)]
        notes: Vec<crate::skip::Problem>,
        /// Records of a WARC or members of a bundle that are not articles (requests, images,
        /// unknown formats), counted, not listed.
        #[serde(default, skip_serializing_if = "is_zero")]
        ignored_records: usize,
    },
    Skipped {
        skip: Skip,
    },
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A manifest path ordered by [`key_cmp`], for maps of pending changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(pub String);

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        key_cmp(&self.0, &other.0)
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The manifest's entries in order, read one line at a time. A line that cannot be read or is
/// out of order is passed over: its file then counts as unknown and is read again, which is
/// slower but correct.
pub struct Entries {
    lines: Option<std::io::Lines<Box<dyn BufRead>>>,
    /// The entries of an old whole-file manifest, sorted, when there is neither `manifest.jsonl.zst` nor `manifest.jsonl`.
    old: std::vec::IntoIter<(String, FileEntry)>,
    last: Option<String>,
}

impl Entries {
    /// The entries of an index folder's manifest; none when it has no manifest yet. An index
    /// that only has the `manifest.json` of earlier versions is read from that (whole: it
    /// is converted by the first run, see [`migrate`]).
    pub fn open(index_dir: &Path) -> Entries {
        let compressed = std::fs::File::open(index_dir.join(FILE_NAME))
            .ok()
            .and_then(|file| zstd::stream::read::Decoder::new(file).ok())
            .map(|decoder| -> Box<dyn BufRead> {
                Box::new(std::io::BufReader::with_capacity(1 << 16, decoder))
            });
        let lines = compressed
            .or_else(|| {
                let file = std::fs::File::open(index_dir.join(PLAIN_FILE_NAME)).ok()?;
                Some(Box::new(std::io::BufReader::with_capacity(1 << 16, file)) as Box<dyn BufRead>)
            })
            .map(BufRead::lines);
        let old = if lines.is_none() {
            old_entries(index_dir)
        } else {
            Vec::new()
        };
        Entries {
            lines,
            old: old.into_iter(),
            last: None,
        }
    }
}

/// The entries of an old `manifest.json`, in order; none when it is missing or unreadable
/// (the files are then read again, which is slower but correct).
fn old_entries(index_dir: &Path) -> Vec<(String, FileEntry)> {
    #[derive(Deserialize)]
    struct OldManifest {
        files: BTreeMap<String, FileEntry>,
    }
    let old: Option<OldManifest> = std::fs::read(index_dir.join(OLD_FILE_NAME))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let mut entries: Vec<_> = old
        .map(|m| m.files)
        .unwrap_or_default()
        .into_iter()
        .collect();
    entries.sort_by(|a, b| key_cmp(&a.0, &b.0));
    entries
}

impl Iterator for Entries {
    type Item = (String, FileEntry);

    fn next(&mut self) -> Option<(String, FileEntry)> {
        let Some(lines) = self.lines.as_mut() else {
            return self.old.next();
        };
        loop {
            let line = match lines.next()? {
                Ok(line) => line,
                // An unreadable rest of the file: stop there.
                Err(_) => return None,
            };
            let Ok((path, entry)) = serde_json::from_str::<(String, FileEntry)>(&line) else {
                continue;
            };
            let in_order = self
                .last
                .as_deref()
                .is_none_or(|last| key_cmp(last, &path) == Ordering::Less);
            if in_order {
                self.last = Some(path.clone());
                return Some((path, entry));
            }
        }
    }
}

/// Writes a new manifest: the current one with `changes` merged in (`None` removes a path),
/// and `touch` applied to every entry kept. Written beside it and renamed over it, so a crash
/// leaves the old one or the new one, never half of one. A reader of the old file keeps
/// reading the old file.
pub fn rewrite(
    index_dir: &Path,
    changes: &BTreeMap<Key, Option<FileEntry>>,
    mut touch: impl FnMut(&str, &mut FileEntry),
) -> Result<(), MorgueError> {
    let path = index_dir.join(FILE_NAME);
    let tmp = index_dir.join(format!("{FILE_NAME}.tmp"));
    let file = std::fs::File::create(&tmp).map_err(|e| MorgueError::io(&tmp, e))?;
    let encoder =
        zstd::stream::write::Encoder::new(file, LEVEL).map_err(|e| MorgueError::io(&tmp, e))?;
    let mut out = BufWriter::with_capacity(1 << 16, encoder);
    // Entries kept from the old file are moved through, not copied: this runs per line.
    let mut write = |path: &str, mut entry: FileEntry| -> std::io::Result<()> {
        touch(path, &mut entry);
        serde_json::to_writer(&mut out, &(path, &entry))?;
        out.write_all(b"\n")
    };
    let mut old = Entries::open(index_dir).peekable();
    let written = (|| -> std::io::Result<()> {
        for (key, change) in changes {
            while let Some((path, entry)) = old.next_if(|(p, _)| key_cmp(p, &key.0).is_lt()) {
                write(&path, entry)?;
            }
            old.next_if(|(p, _)| *p == key.0);
            if let Some(entry) = change {
                write(&key.0, entry.clone())?;
            }
        }
        for (path, entry) in old {
            write(&path, entry)?;
        }
        Ok(())
    })();
    written
        .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
        .and_then(|encoder| encoder.finish())
        .map_err(|e| MorgueError::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| MorgueError::io(&path, e))?;
    let plain = index_dir.join(PLAIN_FILE_NAME);
    match std::fs::remove_file(&plain) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(MorgueError::io(&plain, e)),
        _ => Ok(()),
    }
}

/// Converts the whole-file `manifest.json` of earlier versions to lines, once.
pub fn migrate(index_dir: &Path) -> Result<(), MorgueError> {
    let old_path = index_dir.join(OLD_FILE_NAME);
    if !old_path.exists() {
        return Ok(());
    }
    if !index_dir.join(FILE_NAME).exists() && !index_dir.join(PLAIN_FILE_NAME).exists() {
        // Reads the old file (see `Entries::open`) and writes it out as lines.
        rewrite(index_dir, &BTreeMap::new(), |_, _| {})?;
    }
    std::fs::remove_file(&old_path).map_err(|e| MorgueError::io(&old_path, e))
}

/// True when `path` is `root` itself or inside it (component-wise, so `/a/bc` is not under `/a/b`).
pub fn is_under(path: &str, root: &str) -> bool {
    Path::new(path).starts_with(Path::new(root))
}

/// The content hash used for change detection.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: u64) -> FileEntry {
        FileEntry {
            size,
            mtime_ns: 5,
            hash: content_hash(b"x"),
            enrichment: 0,
            aliases: 0,
            outcome: Outcome::Indexed {
                articles: 1,
                notes: Vec::new(),
                ignored_records: 0,
            },
        }
    }

    fn changes(items: &[(&str, Option<u64>)]) -> BTreeMap<Key, Option<FileEntry>> {
        items
            .iter()
            .map(|(p, size)| (Key(p.to_string()), size.map(entry)))
            .collect()
    }

    fn paths(dir: &Path) -> Vec<(String, u64)> {
        Entries::open(dir).map(|(p, e)| (p, e.size)).collect()
    }

    #[test]
    fn a_matching_entry_needs_both_size_and_mtime() {
        let e = entry(10);
        let same = Stamp {
            size: 10,
            mtime_ns: 5,
        };
        assert!(e.matches(same));
        assert!(!e.matches(Stamp {
            mtime_ns: 6,
            ..same
        }));
        assert!(!e.matches(Stamp { size: 11, ..same }));
    }

    #[test]
    fn keys_sort_in_walk_order() {
        let mut keys = vec![
            "/a/b.txt",
            "/a/b/x.txt",
            "/a/B.txt",
            "/a/b/x/y.txt",
            "/a/a.txt",
        ];
        keys.sort_by(|a, b| key_cmp(a, b));
        assert_eq!(
            keys,
            [
                "/a/B.txt",
                "/a/a.txt",
                "/a/b/x/y.txt",
                "/a/b/x.txt",
                "/a/b.txt"
            ]
        );
    }

    #[test]
    fn only_paths_inside_a_root_are_under_it() {
        assert!(is_under("/a/b/1.txt", "/a/b"));
        assert!(is_under("/a/b", "/a/b"));
        assert!(!is_under("/a/bc/2.txt", "/a/b"));
        assert!(!is_under("/other/3.txt", "/a/b"));
    }

    #[test]
    fn rewriting_merges_changes_in_order() {
        let dir = tempfile::tempdir().unwrap();
        assert!(paths(dir.path()).is_empty(), "no manifest yet: no entries");
        rewrite(
            dir.path(),
            &changes(&[("/a/b.txt", Some(1)), ("/a/b/x.txt", Some(2))]),
            |_, _| {},
        )
        .unwrap();
        rewrite(
            dir.path(),
            &changes(&[("/a/a.txt", Some(3)), ("/a/b/x.txt", None), ("/z", Some(4))]),
            |_, _| {},
        )
        .unwrap();
        assert_eq!(
            paths(dir.path()),
            [
                ("/a/a.txt".into(), 3),
                ("/a/b.txt".into(), 1),
                ("/z".into(), 4)
            ]
        );
        rewrite(dir.path(), &BTreeMap::new(), |path, e| {
            if path.starts_with("/a/") {
                e.size += 10;
            }
        })
        .unwrap();
        assert_eq!(
            paths(dir.path()),
            [
                ("/a/a.txt".into(), 13),
                ("/a/b.txt".into(), 11),
                ("/z".into(), 4)
            ]
        );
    }

    #[test]
    fn bad_and_out_of_order_lines_are_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let line = |p: &str, size| serde_json::to_string(&(p, entry(size))).unwrap();
        let text = [
            line("/a/1.txt", 1),
            "{not json".to_string(),
            line("/a/3.txt", 3),
            line("/a/2.txt", 2),
            line("/a/4.txt", 4),
        ]
        .join("\n");
        let compressed = zstd::stream::encode_all(text.as_bytes(), LEVEL).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), compressed).unwrap();
        assert_eq!(
            paths(dir.path()),
            [
                ("/a/1.txt".into(), 1),
                ("/a/3.txt".into(), 3),
                ("/a/4.txt".into(), 4)
            ]
        );
    }

    #[test]
    fn an_old_manifest_is_converted_once() {
        let dir = tempfile::tempdir().unwrap();
        let old = serde_json::json!({"files": {"/a/b.txt": entry(1), "/a/b/x.txt": entry(2)}});
        std::fs::write(dir.path().join(OLD_FILE_NAME), old.to_string()).unwrap();
        // Readable before it is converted (`morgue check` does not convert).
        assert_eq!(paths(dir.path()).len(), 2);
        migrate(dir.path()).unwrap();
        assert!(!dir.path().join(OLD_FILE_NAME).exists());
        assert_eq!(
            paths(dir.path()),
            [("/a/b/x.txt".into(), 2), ("/a/b.txt".into(), 1)]
        );
        migrate(dir.path()).unwrap();
        assert_eq!(paths(dir.path()).len(), 2);
    }

    #[test]
    fn an_uncompressed_manifest_is_read_and_replaced_by_the_next_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let line = |p: &str, size| serde_json::to_string(&(p, entry(size))).unwrap();
        let text = [line("/a/1.txt", 1), line("/a/2.txt", 2)].join("\n") + "\n";
        std::fs::write(dir.path().join(PLAIN_FILE_NAME), text).unwrap();
        assert_eq!(
            paths(dir.path()),
            [("/a/1.txt".into(), 1), ("/a/2.txt".into(), 2)]
        );
        rewrite(dir.path(), &changes(&[("/a/3.txt", Some(3))]), |_, _| {}).unwrap();
        assert!(!dir.path().join(PLAIN_FILE_NAME).exists());
        let compressed = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        let lines = String::from_utf8(zstd::stream::decode_all(&compressed[..]).unwrap()).unwrap();
        assert_eq!(lines.lines().count(), 3, "{lines}");
        assert_eq!(
            paths(dir.path()),
            [
                ("/a/1.txt".into(), 1),
                ("/a/2.txt".into(), 2),
                ("/a/3.txt".into(), 3)
            ]
        );
    }
}
