//! Walking the archive: which files exist, which format each claims to be, and what could not
//! be walked.
//!
//! Hidden files and folders (name starting with `.`) are not entered. Symbolic links are not
//! followed unless asked; a link that is not followed is reported as ignored, a loop as a walk
//! error, so every entry the walker meets is accounted for.

use crate::formats::Format;
use crate::skip::{Skip, SkipReason};
use std::cmp::Ordering;
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

/// Walks every root (a folder or a single file) and yields what it meets, lazily, in the
/// manifest's order ([`key_cmp`] of the paths' keys), so a run can merge the walk
/// with the manifest without holding either. A root inside another root (or named twice) is
/// walked once, as part of the outer one, so no file is met twice and its path-derived date
/// does not depend on which root came last.
pub fn walk(roots: &[PathBuf], follow_links: bool) -> impl Iterator<Item = WalkItem> {
    let mut keyed: Vec<(PathBuf, PathBuf)> =
        roots.iter().map(|r| (root_key(r), r.clone())).collect();
    keyed.sort_by(|a, b| key_cmp(&path_key(&a.0), &path_key(&b.0)));
    let mut outer: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (key, root) in keyed {
        if !outer.iter().any(|(o, _)| key.starts_with(o)) {
            outer.push((key, root));
        }
    }
    outer
        .into_iter()
        .flat_map(move |(key, root)| walk_root(root, key, follow_links))
}

fn walk_root(
    root: PathBuf,
    root_key: PathBuf,
    follow_links: bool,
) -> impl Iterator<Item = WalkItem> {
    WalkDir::new(&root)
        .follow_links(follow_links)
        // Sorted by the names' keys, not their bytes, so odd names sort as the manifest does.
        .sort_by(|a, b| path_key(Path::new(a.file_name())).cmp(&path_key(Path::new(b.file_name()))))
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()))
        .filter_map(move |entry| item(entry, &root, &root_key))
}

/// What one walkdir entry is; `None` for folders (their files are what counts).
fn item(
    entry: walkdir::Result<walkdir::DirEntry>,
    root: &Path,
    root_key: &Path,
) -> Option<WalkItem> {
    // Every path reported is absolute and normalised, like the keys of indexed files.
    let keyed = |path: &Path| match path.strip_prefix(root) {
        Ok(inside) if !inside.as_os_str().is_empty() => root_key.join(inside),
        _ => root_key.to_path_buf(),
    };
    let entry = match entry {
        Ok(entry) => entry,
        Err(err) => {
            let path = keyed(err.path().unwrap_or(root));
            let detail = match err.loop_ancestor() {
                Some(ancestor) => format!("symbolic link loop back to {}", ancestor.display()),
                None => err
                    .io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| err.to_string()),
            };
            return Some(WalkItem::Failed {
                path,
                skip: Skip::new(SkipReason::WalkError, detail),
            });
        }
    };
    let file_type = entry.file_type();
    if file_type.is_dir() {
        return None;
    }
    let path = entry.path();
    let key = keyed(path);
    let ignored = |why: &str| {
        Some(WalkItem::Ignored {
            path: key.clone(),
            why: why.into(),
        })
    };
    if file_type.is_symlink() {
        return ignored("symbolic link (use --follow-links to index its target)");
    }
    if !file_type.is_file() {
        return ignored("not a regular file");
    }
    let Some(format) = Format::from_path(path) else {
        return ignored("not a format morgue reads");
    };
    let metadata = match entry.metadata() {
        Ok(m) => m,
        Err(err) => {
            return Some(WalkItem::Failed {
                path: key,
                skip: Skip::new(SkipReason::Unreadable, err.to_string()),
            });
        }
    };
    let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let relative = if relative.as_os_str().is_empty() {
        // The root itself is a file.
        PathBuf::from(path.file_name().unwrap_or_default())
    } else {
        relative
    };
    Some(WalkItem::File(WalkedFile {
        path: key,
        relative,
        format,
        stamp: Stamp::of(&metadata),
    }))
}

impl WalkItem {
    /// The item's absolute, normalised path.
    pub fn path(&self) -> &Path {
        match self {
            WalkItem::File(file) => &file.path,
            WalkItem::Ignored { path, .. } | WalkItem::Failed { path, .. } => path,
        }
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

/// The string form of a path used as its key in the index and manifest. Names that are not
/// valid UTF-8 keep their odd bytes as `%XX`, so two such files never share a key.
pub fn path_key(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.to_string();
    }
    let mut key = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        key.push_str(chunk.valid());
        for byte in chunk.invalid() {
            key.push_str(&format!("%{byte:02X}"));
        }
    }
    key
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

/// The order of the walk, which the manifest keeps too: path components compared one by one, so a
/// folder's files come right after it (`b/x.txt` before `b.txt`, as the walker meets them).
pub fn key_cmp(a: &str, b: &str) -> Ordering {
    Path::new(a).components().cmp(Path::new(b).components())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn keys_of_non_utf8_names_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = path_key(Path::new(std::ffi::OsStr::from_bytes(b"/a/\xff.txt")));
        let b = path_key(Path::new(std::ffi::OsStr::from_bytes(b"/a/\xfe.txt")));
        assert_eq!(a, "/a/%FF.txt");
        assert_ne!(a, b);
        assert_eq!(path_key(Path::new("/a/caf\u{e9}.txt")), "/a/caf\u{e9}.txt");
    }

    #[test]
    fn nested_roots_are_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/story.txt"), "Title: x\n\ny\n").unwrap();
        let roots = [
            dir.path().join("a/b"),
            dir.path().join("a"),
            dir.path().join("a"),
        ];
        let files: Vec<_> = walk(&roots, false)
            .filter_map(|i| match i {
                WalkItem::File(f) => Some(f.relative),
                _ => None,
            })
            .collect();
        assert_eq!(files, [PathBuf::from("b/story.txt")]);
    }

    #[test]
    fn files_are_met_in_manifest_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let names = [
            "b/x.txt",
            "b.txt",
            "B.txt",
            "b-c.txt",
            "a/z/1.txt",
            "a.md",
            "b/y/2.txt",
        ];
        for name in names {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "Title: x\n\ny\n").unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            // 0xFF sorts after every ASCII byte, but its key "%FF" before letters.
            let odd = std::ffi::OsStr::from_bytes(b"\xff.txt");
            std::fs::write(root.join(odd), "Title: x\n\ny\n").unwrap();
        }
        let other = dir.path().join("other.txt");
        std::fs::write(&other, "Title: x\n\ny\n").unwrap();
        let keys: Vec<String> = walk(&[other, root], false)
            .map(|item| path_key(item.path()))
            .collect();
        assert_eq!(keys.len(), names.len() + 1 + usize::from(cfg!(unix)));
        let mut sorted = keys.clone();
        sorted.sort_by(|a, b| key_cmp(a, b));
        assert_eq!(keys, sorted);
    }
}
