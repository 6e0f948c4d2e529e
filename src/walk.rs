//! Walking the archive: which files exist, which format each claims to be, and what could not
//! be walked.
//!
//! Hidden files and folders (name starting with `.`) are not entered. Symbolic links are not
//! followed unless asked; a link that is not followed is reported as ignored, a loop as a walk
//! error, so every entry the walker meets is accounted for.

use crate::formats::Format;
use crate::index::manifest::Stamp;
use crate::skip::{Skip, SkipReason};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One thing the walker met.
#[derive(Debug)]
pub enum WalkItem {
    /// A regular file with a format morgue reads.
    File(WalkedFile),
    /// A file morgue does not read (unknown extension, unfollowed link).
    Ignored { path: PathBuf, why: String },
    /// Something the walker could not enter or read the metadata of.
    Failed { path: PathBuf, skip: Skip },
}

#[derive(Debug)]
pub struct WalkedFile {
    /// Absolute path, the file's identity in the index and the manifest.
    pub path: PathBuf,
    /// Path relative to the root it was found under; dates in it count as publication dates.
    pub relative: PathBuf,
    pub format: Format,
    pub stamp: Stamp,
}

/// Walks every root (a folder or a single file) and returns what it met, in walk order.
pub fn walk(roots: &[PathBuf], follow_links: bool) -> Vec<WalkItem> {
    let mut items = Vec::new();
    for root in roots {
        walk_root(root, follow_links, &mut items);
    }
    items
}

fn walk_root(root: &Path, follow_links: bool, items: &mut Vec<WalkItem>) {
    let root_key = root_key(root);
    let walker = WalkDir::new(root)
        .follow_links(follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let detail = match err.loop_ancestor() {
                    Some(ancestor) => format!("symbolic link loop back to {}", ancestor.display()),
                    None => err
                        .io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string()),
                };
                items.push(WalkItem::Failed {
                    path,
                    skip: Skip::new(SkipReason::WalkError, detail),
                });
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let path = entry.path().to_path_buf();
        if file_type.is_symlink() {
            items.push(WalkItem::Ignored {
                path,
                why: "symbolic link (use --follow-links to index its target)".into(),
            });
            continue;
        }
        if !file_type.is_file() {
            items.push(WalkItem::Ignored {
                path,
                why: "not a regular file".into(),
            });
            continue;
        }
        let Some(format) = Format::from_path(&path) else {
            items.push(WalkItem::Ignored {
                path,
                why: "not a format morgue reads".into(),
            });
            continue;
        };
        let metadata = match entry.metadata() {
            Ok(m) => m,
            Err(err) => {
                items.push(WalkItem::Failed {
                    path,
                    skip: Skip::new(SkipReason::Unreadable, err.to_string()),
                });
                continue;
            }
        };
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let (path, relative) = if relative.as_os_str().is_empty() {
            // The root itself is a file.
            (
                root_key.clone(),
                PathBuf::from(path.file_name().unwrap_or_default()),
            )
        } else {
            (root_key.join(&relative), relative)
        };
        items.push(WalkItem::File(WalkedFile {
            path,
            relative,
            format,
            stamp: Stamp::of(&metadata),
        }));
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The absolute, normalised form of a root the user named: files below it are keyed by this
/// plus their path inside it, so `archive`, `./archive` and `../x/archive` name the same files.
/// Links inside the archive are not resolved, so files keep the paths users know them by.
pub fn root_key(root: &Path) -> PathBuf {
    std::fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf())
}
