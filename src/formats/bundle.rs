//! Bundles: `.zip`, `.tar`, `.tar.gz`/`.tgz`, read as folders. Each member is handed over
//! whole (it is one file of a known format, under the per-member limit) in the bundle's
//! order, so a bundle of any size is read with flat memory.
//!
//! Bombs are refused: a bundle whose members expand to more than [`MAX_RATIO`] times the
//! compressed bytes read so far, or a zip member that expands more than that on its own
//! (both once past [`RATIO_FLOOR`]), stops the bundle with a `too-large` skip. A member over
//! the per-member limit (`--max-file-size`) is a bad record of its own. Members are never
//! written to disk, so their names cannot escape anywhere.

use super::{Format, is_gzipped};
use crate::skip::{Skip, SkipReason};
use std::io::Read;
use std::path::Path;

/// A bundle may expand to at most this many times its compressed size.
pub const MAX_RATIO: u64 = 100;
/// Expansion ratios are only judged past this many expanded bytes: tiny files compress
/// oddly well.
pub const RATIO_FLOOR: u64 = 1 << 20;

/// One member of a bundle.
#[derive(Debug)]
pub struct Member {
    /// Its path inside the bundle, with `/` separators and no leading `./` or `/`.
    pub inner: String,
    pub format: Format,
    /// Its bytes (decompressed when the member is itself `.gz`), or why they were not read.
    pub bytes: Result<Vec<u8>, Skip>,
}

/// What the reader met inside a bundle.
#[derive(Debug)]
pub enum Seen {
    Member(Member),
    /// A member that is not a format morgue reads (or is hidden, or is not a regular file).
    Ignored,
}

/// The skip for a bundle or web archive found inside a bundle.
pub fn nested(format: Format) -> Skip {
    Skip::new(
        SkipReason::WrongShape,
        format!(
            "a {} inside a bundle is not read; unpack it and index it on its own",
            format.label()
        ),
    )
}

/// Counts expanded bytes against the compressed bytes behind them.
struct Gauge {
    expanded: u64,
}

impl Gauge {
    fn add(&mut self, n: u64, compressed: u64, what: &str) -> Result<(), Skip> {
        self.expanded += n;
        if self.expanded > RATIO_FLOOR && self.expanded / compressed.max(1) > MAX_RATIO {
            return Err(Skip::new(
                SkipReason::TooLarge,
                format!(
                    "{what} expands more than {MAX_RATIO} times ({} bytes from {compressed}): \
                     refused as a decompression bomb",
                    self.expanded
                ),
            ));
        }
        Ok(())
    }
}

/// A member's name as shown: `/` separators, no leading `./` or `/`.
fn clean_name(name: &str) -> String {
    let name = name.replace('\\', "/");
    let trimmed = name.trim_start_matches("./").trim_start_matches('/');
    trimmed.to_string()
}

/// A member morgue does not read: folders, hidden files (`.DS_Store`, `__MACOSX/`), and
/// unknown formats.
fn format_of(inner: &str) -> Option<Format> {
    let hidden = inner
        .split('/')
        .any(|part| part.starts_with('.') || part == "__MACOSX");
    if hidden || inner.is_empty() || inner.ends_with('/') {
        return None;
    }
    Format::from_path(Path::new(inner))
}

/// Reads one member's bytes: at most `limit` of them (more makes it a `too-large` bad
/// record), gunzipped when its name says so, and counted on `gauges` as they come, each
/// with the compressed bytes it is judged against. `Err` refuses the whole bundle.
fn read_member(
    reader: impl Read,
    inner: &str,
    limit: u64,
    gauges: &mut [(&mut Gauge, &dyn Fn() -> u64, &str)],
) -> Result<Result<Vec<u8>, Skip>, Skip> {
    let mut reader: Box<dyn Read + '_> = if is_gzipped(Path::new(inner)) {
        Box::new(flate2::read::MultiGzDecoder::new(reader))
    } else {
        Box::new(reader)
    };
    let mut bytes = Vec::new();
    let mut buffer = vec![0; 64 * 1024];
    // Past the limit the rest is still read (and judged), not kept: the stream must get past
    // it, and a bomb must not get past the gauges by being large.
    let mut read = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) if read > limit => {
                let detail = format!(
                    "member is {read} bytes, over the per-member limit of {limit} bytes \
                     (--max-file-size)"
                );
                return Ok(Err(Skip::new(SkipReason::TooLarge, detail)));
            }
            Ok(0) => return Ok(Ok(bytes)),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let detail = format!("member cannot be read: {e}");
                return Ok(Err(Skip::new(SkipReason::Malformed, detail)));
            }
        };
        for (gauge, compressed, what) in gauges.iter_mut() {
            gauge.add(n as u64, compressed(), what)?;
        }
        read += n as u64;
        if read > limit {
            bytes = Vec::new();
        } else {
            bytes.extend_from_slice(&buffer[..n]);
        }
    }
}

/// Calls `each` with every member of a zip archive, in the archive's order, until it returns
/// false. `Err` when the archive cannot be read as a whole, or is a bomb.
pub fn zip_members(
    file: std::fs::File,
    limit: u64,
    mut each: impl FnMut(Seen) -> bool,
) -> Result<(), Skip> {
    let unreadable = |e: zip::result::ZipError| {
        Skip::new(
            SkipReason::Malformed,
            format!("not a readable zip archive: {e}"),
        )
    };
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(unreadable)?;
    let mut total = Gauge { expanded: 0 };
    let mut compressed_so_far = 0u64;
    for index in 0..archive.len() {
        let name = archive
            .name_for_index(index)
            .and_then(|n| n.ok())
            .map(|n| n.into_owned())
            .unwrap_or_else(|| format!("member {}", index + 1));
        let mut entry = match archive.by_index(index) {
            Ok(entry) => entry,
            Err(e) => {
                let skip = Skip::new(SkipReason::Malformed, format!("member cannot be read: {e}"));
                let member = Member {
                    format: Format::from_path(Path::new(&name)).unwrap_or(Format::Text),
                    inner: clean_name(&name),
                    bytes: Err(skip),
                };
                if !each(Seen::Member(member)) {
                    return Ok(());
                }
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let inner = clean_name(&name);
        let Some(format) = format_of(&inner) else {
            if !each(Seen::Ignored) {
                return Ok(());
            }
            continue;
        };
        let compressed = entry.compressed_size();
        compressed_so_far += compressed;
        let bytes = if entry.size() > limit {
            let detail = format!(
                "member is {} bytes, over the per-member limit of {limit} bytes (--max-file-size)",
                entry.size()
            );
            Err(Skip::new(SkipReason::TooLarge, detail))
        } else {
            let mut own = Gauge { expanded: 0 };
            let so_far = compressed_so_far;
            let label = format!("member {inner}");
            read_member(
                &mut entry,
                &inner,
                limit,
                &mut [
                    (&mut own, &|| compressed, &label),
                    (&mut total, &|| so_far, "the bundle"),
                ],
            )?
        };
        if !each(Seen::Member(Member {
            inner,
            format,
            bytes,
        })) {
            return Ok(());
        }
    }
    Ok(())
}

/// Calls `each` with every member of a tar stream (already decompressed, when it was),
/// until it returns false. `compressed` says how many bytes of the file on disk have been
/// read so far, against which the expansion is judged. `Err` when the stream breaks or is a
/// bomb.
pub fn tar_members(
    input: impl Read,
    compressed: &dyn Fn() -> u64,
    limit: u64,
    mut each: impl FnMut(Seen) -> bool,
) -> Result<(), Skip> {
    let broken = |e: std::io::Error| {
        Skip::new(
            SkipReason::Malformed,
            format!("not a readable tar archive: {e}"),
        )
    };
    let mut archive = tar::Archive::new(input);
    let mut total = Gauge { expanded: 0 };
    for entry in archive.entries().map_err(broken)? {
        let mut entry = entry.map_err(broken)?;
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() {
            continue;
        }
        let inner = clean_name(&String::from_utf8_lossy(&entry.path_bytes()));
        let format = format_of(&inner).filter(|_| kind.is_file());
        let Some(format) = format else {
            // Its bytes still pass through the decompressor: count them.
            total.add(entry.size(), compressed(), "the bundle")?;
            if !each(Seen::Ignored) {
                return Ok(());
            }
            continue;
        };
        let bytes = read_member(
            &mut entry,
            &inner,
            limit,
            &mut [(&mut total, compressed, "the bundle")],
        )?;
        if !each(Seen::Member(Member {
            inner,
            format,
            bytes,
        })) {
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_formats_of_members() {
        assert_eq!(clean_name("./a/b.html"), "a/b.html");
        assert_eq!(clean_name("/a\\b.txt"), "a/b.txt");
        assert_eq!(format_of("a/b.html"), Some(Format::Html));
        assert_eq!(format_of("a/story.txt.gz"), Some(Format::Text));
        assert_eq!(format_of("__MACOSX/a/b.html"), None);
        assert_eq!(format_of("a/.hidden.txt"), None);
        assert_eq!(format_of("a/b.pdf"), None);
        assert_eq!(format_of("inner.zip"), Some(Format::Zip));
    }

    #[test]
    fn the_gauge_refuses_bombs_past_the_floor() {
        let mut gauge = Gauge { expanded: 0 };
        // Small files may compress very well.
        assert!(gauge.add(RATIO_FLOOR, 10, "x").is_ok());
        let skip = gauge.add(1, 10, "member a.txt").unwrap_err();
        assert_eq!(skip.reason, SkipReason::TooLarge);
        assert!(
            skip.detail
                .starts_with("member a.txt expands more than 100 times"),
            "{skip}"
        );
        let mut fine = Gauge { expanded: 0 };
        assert!(fine.add(50 * RATIO_FLOOR, RATIO_FLOOR, "x").is_ok());
    }
}
