//! Reading one record-oriented file as a stream: NDJSON (plain or `.gz`), WARC (`.warc`,
//! `.warc.gz`) and bundles (`.zip`, `.tar`, `.tar.gz`), with flat memory however large.
//!
//! A producer thread reads the file once, in order: it hashes the bytes on disk as they go
//! by (the manifest's content hash, without a second read), decompresses, and cuts the
//! stream into pieces of about [`PIECE_BYTES`] (whole NDJSON lines, HTML response records,
//! bundle members), handed through a bounded channel to the rayon workers, which parse,
//! enrich and convert them on every core and send each piece's documents straight to the
//! writer as a `ToWriter::Part`. At most a few pieces are in flight, and the writer's
//! channel is bounded, so memory does not grow with the file.
//!
//! The file's `File` message, with its manifest entry, goes only after every part: the writer
//! deletes the file's old articles before its first part, and a run that stops (or dies)
//! half-way leaves the manifest as it was, so the next run reads the file again and its
//! first part deletes whatever half got committed (see `sink`). `--max-file-size` limits
//! each record here, not the file.

use super::messages::{FileResult, Known, ToWriter};
use super::read::{self, Finisher};
use crate::formats::bundle::{self, Member, Seen};
use crate::formats::warc::{self, Payload};
use crate::formats::{self, Format, decode, records};
use crate::index::manifest::{FileEntry, Outcome};
use crate::skip::{Problem, Skip, SkipReason};
use crate::walk::{self, WalkedFile};
use crossbeam_channel::Sender;
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use xxhash_rust::xxh3::Xxh3;

/// About this much raw input makes one piece: small enough that the pieces in flight and
/// the parts queued for the writer stay a few dozen MB, large enough to keep messages few.
const PIECE_BYTES: usize = 64 * 1024;

/// A run of the input that one worker turns into one part.
enum Piece {
    /// Whole NDJSON lines, the first numbered `first` (from 1).
    Lines { first: usize, bytes: Vec<u8> },
    /// WARC records that hold HTML pages.
    Pages(Vec<warc::Record>),
    /// Bundle members of formats morgue reads.
    Members(Vec<Member>),
}

/// What the producer found besides the pieces.
#[derive(Default)]
struct Produced {
    notes: Vec<Problem>,
    ignored_records: usize,
    /// The first bad record the producer met, for a file with no good one.
    first_bad: Option<(usize, Skip)>,
    /// The file cannot be read as a whole (not a WARC, a broken bundle, a bomb).
    fatal: Option<Skip>,
    /// Records read, for "no HTML page in N records".
    records: usize,
    stopped: bool,
}

/// What the workers made of the pieces.
#[derive(Default)]
struct Made {
    articles: usize,
    notes: Vec<Problem>,
    first_bad: Option<(usize, Skip)>,
    /// The first NDJSON line that was not UTF-8 (decoded as Windows-1252).
    first_latin1: Option<usize>,
}

impl Made {
    fn bad(&mut self, number: usize, skip: Skip) {
        if self.first_bad.as_ref().is_none_or(|(n, _)| number < *n) {
            self.first_bad = Some((number, skip));
        }
    }
}

/// The bytes of the file on disk read so far, and their running hash.
#[derive(Default)]
struct HashState {
    hasher: Xxh3,
    read: u64,
}

/// A reader that hashes what passes through it.
struct Hashing {
    file: std::fs::File,
    state: Arc<Mutex<HashState>>,
}

impl Read for Hashing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.hasher.update(&buf[..n]);
        state.read += n as u64;
        Ok(n)
    }
}

/// What a streamed read needs besides the file.
pub(super) struct Streamer<'a> {
    pub(super) finisher: Finisher<'a>,
    pub(super) fingerprints: super::plan::Fingerprints,
    pub(super) stop: &'a AtomicBool,
}

impl Streamer<'_> {
    /// Reads a record-oriented file, sending its documents to the writer in parts, and
    /// returns its `File` result; `None` when the run stopped half-way (nothing more is sent
    /// for the file: the next run reads it again).
    pub(super) fn read(
        &self,
        file: &WalkedFile,
        previous: Option<&FileEntry>,
        known: Known,
        sender: &Sender<ToWriter>,
    ) -> Option<FileResult> {
        let path = walk::path_key(&file.path);
        let entry = |hash: String, outcome| read::entry(file, self.fingerprints, hash, outcome);
        let unreadable = |e: std::io::Error| FileResult::Skipped {
            path: path.clone(),
            entry: None,
            skip: Skip::new(SkipReason::Unreadable, e.to_string()),
        };
        // Only a file of the same size can hash the same: only then is it worth a read of
        // its own before parsing (a touched file, a copy).
        let mut known_hash = None;
        if let Some(previous) = previous.filter(|p| p.size == file.stamp.size) {
            let hash = match hash_file(&file.path) {
                Ok(hash) => hash,
                Err(e) => return Some(unreadable(e)),
            };
            if hash == previous.hash {
                return Some(read::vouched(path, entry(hash, previous.outcome.clone())));
            }
            known_hash = Some(hash);
        }
        if file.format == Format::JsonLines
            && !formats::is_gzipped(&file.path)
            && starts_with_utf16_bom(&file.path)
        {
            // Rare enough to read whole (within --max-file-size), as before streaming.
            let options = self.finisher.options;
            let f = &self.finisher;
            return Some(read::read_file(
                file,
                previous,
                self.fingerprints,
                options,
                f.enricher,
                f.fields,
            ));
        }
        if file.format == Format::Zip && known_hash.is_none() {
            // A zip is read from its end (the central directory), so it cannot be hashed
            // on the way: one quick pass first.
            match hash_file(&file.path) {
                Ok(hash) => known_hash = Some(hash),
                Err(e) => return Some(unreadable(e)),
            }
        }
        let opened = match std::fs::File::open(&file.path) {
            Ok(opened) => opened,
            Err(e) => return Some(unreadable(e)),
        };
        let state = Arc::new(Mutex::new(HashState::default()));
        let (produced, made) = self.run(file, opened, &state, &path, known, sender);
        if produced.stopped {
            return None;
        }
        let hash = match known_hash {
            Some(hash) => hash,
            None => match finish_hash(&file.path, &state) {
                Ok(hash) => hash,
                Err(e) => return Some(unreadable(e)),
            },
        };
        let skipped = |skip: Skip| {
            Some(FileResult::Skipped {
                path: path.clone(),
                entry: Some(entry(hash.clone(), Outcome::Skipped { skip: skip.clone() })),
                skip,
            })
        };
        if let Some(fatal) = produced.fatal {
            return skipped(fatal);
        }
        if made.articles == 0 {
            return skipped(nothing_indexed(file.format, &produced, &made));
        }
        let mut notes = produced.notes;
        notes.extend(made.notes);
        if let Some(line) = made.first_latin1 {
            let warning = format!(
                "not valid UTF-8 (first at line {line}); such lines decoded as Windows-1252"
            );
            notes.push(Problem::warning(&path, None, &warning));
        }
        notes.sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
        let outcome = Outcome::Indexed {
            articles: made.articles,
            notes,
            ignored_records: produced.ignored_records,
        };
        Some(FileResult::Indexed {
            path,
            entry: entry(hash, outcome),
            docs: Vec::new(),
            refreshed: false,
        })
    }

    /// The producer on a thread of its own, the workers on the rayon pool, until the file
    /// is read or the run stops.
    fn run(
        &self,
        file: &WalkedFile,
        opened: std::fs::File,
        state: &Arc<Mutex<HashState>>,
        path: &str,
        known: Known,
        sender: &Sender<ToWriter>,
    ) -> (Produced, Made) {
        let limit = self.finisher.options.max_file_size;
        let abandon = AtomicBool::new(false);
        let made = Mutex::new(Made::default());
        let in_flight = 2 * rayon::current_num_threads().max(1);
        let (pieces, received) = crossbeam_channel::bounded::<Piece>(in_flight);
        let produced = std::thread::scope(|scope| {
            let producer = scope.spawn(|| {
                let keep_going =
                    || !self.stop.load(Ordering::Relaxed) && !abandon.load(Ordering::Relaxed);
                let send = |piece| keep_going() && pieces.send(piece).is_ok();
                let mut produced = Produced::default();
                let hashing = Hashing {
                    file: opened,
                    state: Arc::clone(state),
                };
                produce(file, hashing, state, limit, path, &send, &mut produced);
                produced.stopped |= self.stop.load(Ordering::Relaxed);
                drop(pieces);
                produced
            });
            received.into_iter().par_bridge().for_each(|piece| {
                if self.stop.load(Ordering::Relaxed) || abandon.load(Ordering::Relaxed) {
                    return;
                }
                let mut mine = Made::default();
                let docs = self.make(piece, file, path, &mut mine);
                if !docs.is_empty() {
                    let part = ToWriter::Part {
                        path: path.to_string(),
                        known,
                        docs,
                    };
                    if sender.send(part).is_err() {
                        abandon.store(true, Ordering::Relaxed);
                    }
                }
                let mut made = made.lock().unwrap_or_else(|e| e.into_inner());
                made.articles += mine.articles;
                made.notes.append(&mut mine.notes);
                if let Some((n, skip)) = mine.first_bad {
                    made.bad(n, skip);
                }
                made.first_latin1 = match (made.first_latin1, mine.first_latin1) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            });
            producer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        let mut produced = produced;
        produced.stopped |= abandon.load(Ordering::Relaxed);
        (
            produced,
            made.into_inner().unwrap_or_else(|e| e.into_inner()),
        )
    }

    /// One piece's documents; its bad records and warnings go to `made`.
    fn make(
        &self,
        piece: Piece,
        file: &WalkedFile,
        path: &str,
        made: &mut Made,
    ) -> Vec<tantivy::TantivyDocument> {
        let mut articles = Vec::new();
        match piece {
            Piece::Lines { first, bytes } => {
                for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                    let number = first + i;
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    let line = if number == 1 {
                        line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
                    } else {
                        line
                    };
                    if line.trim_ascii().is_empty() {
                        continue;
                    }
                    let text = match std::str::from_utf8(line) {
                        Ok(text) => std::borrow::Cow::Borrowed(text),
                        Err(_) => {
                            made.first_latin1.get_or_insert(number);
                            encoding_rs::WINDOWS_1252
                                .decode_without_bom_handling(line)
                                .0
                        }
                    };
                    match records::ndjson_line(&text, number) {
                        Ok(article) => articles.push((article, file.format)),
                        Err(skip) => self.bad(made, path, number, skip),
                    }
                }
            }
            Piece::Pages(pages) => {
                for record in pages {
                    let Payload::Html(html) = warc::payload(&record) else {
                        continue;
                    };
                    let (url, date) = (record.target_uri.as_deref(), record.date.as_deref());
                    match records::web_page(&html, record.number, url, date) {
                        Ok(parsed) => {
                            self.take(parsed, path, &mut articles, made, Format::Html, None)
                        }
                        Err(skip) => self.bad(made, path, record.number, skip),
                    }
                }
            }
            Piece::Members(members) => {
                for (member, bytes) in members
                    .into_iter()
                    .filter_map(|m| m.bytes.ok().map(|b| (m.inner, (m.format, b))))
                {
                    let (format, bytes) = bytes;
                    let shown = format!("{path}!/{member}");
                    match formats::parse_file(format, Path::new(&member), &bytes) {
                        Ok(parsed) => {
                            let member = Some(member.as_str());
                            self.take(parsed, path, &mut articles, made, format, member)
                        }
                        Err(skip) => made.notes.push(Problem::bad_member(&shown, &skip)),
                    }
                }
            }
        }
        made.articles += articles.len();
        articles
            .into_iter()
            .map(|(article, format)| {
                self.finisher
                    .document(article, path, file, format, &mut made.notes)
            })
            .collect()
    }

    fn bad(&self, made: &mut Made, path: &str, number: usize, skip: Skip) {
        made.notes.push(Problem::bad_record(path, number, &skip));
        made.bad(number, skip);
    }

    /// A parsed record's (or member's) articles into `articles`; its bad records and
    /// warnings into `made`, under the member's path for a bundle's member.
    fn take(
        &self,
        parsed: formats::ParsedFile,
        path: &str,
        articles: &mut Vec<(crate::article::Article, Format)>,
        made: &mut Made,
        format: Format,
        member: Option<&str>,
    ) {
        let shown = match member {
            Some(member) => format!("{path}!/{member}"),
            None => path.to_string(),
        };
        let record = parsed.articles.first().and_then(|a| a.record);
        for warning in &parsed.warnings {
            made.notes.push(Problem::warning(&shown, record, warning));
        }
        for (n, skip) in &parsed.bad_records {
            made.notes.push(Problem::bad_record(&shown, *n, skip));
        }
        for mut article in parsed.articles {
            article.member = member.map(str::to_string);
            articles.push((article, format));
        }
    }
}

/// The producer: reads the file in order and hands out pieces through `send` (false: stop).
fn produce(
    file: &WalkedFile,
    hashing: Hashing,
    state: &Mutex<HashState>,
    limit: u64,
    path: &str,
    send: &dyn Fn(Piece) -> bool,
    produced: &mut Produced,
) {
    let raw = BufReader::with_capacity(1 << 16, hashing);
    let input: Box<dyn BufRead + Send> = if formats::is_gzipped(&file.path) {
        let decoder = flate2::bufread::MultiGzDecoder::new(raw);
        Box::new(BufReader::with_capacity(1 << 16, decoder))
    } else {
        Box::new(raw)
    };
    match file.format {
        Format::Warc => produce_pages(input, limit, path, send, produced),
        Format::Tar => {
            let compressed = || state.lock().map(|s| s.read).unwrap_or(u64::MAX);
            produce_members(path, send, produced, |each| {
                bundle::tar_members(input, &compressed, limit, each)
            });
        }
        Format::Zip => {
            // Read through a reader of its own (it seeks); the hash was taken before.
            drop(input);
            match std::fs::File::open(&file.path) {
                Ok(zip) => produce_members(path, send, produced, |each| {
                    bundle::zip_members(zip, limit, each)
                }),
                Err(e) => produced.fatal = Some(Skip::new(SkipReason::Unreadable, e.to_string())),
            }
        }
        _ => produce_lines(input, limit, path, send, produced),
    }
}

/// NDJSON: whole lines, a piece at a time; a line over the limit is a bad record, passed
/// over without being held.
fn produce_lines(
    mut input: Box<dyn BufRead + Send>,
    limit: u64,
    path: &str,
    send: &dyn Fn(Piece) -> bool,
    produced: &mut Produced,
) {
    let mut bytes = Vec::with_capacity(PIECE_BYTES + 4096);
    let mut first = 1;
    let mut number = 0;
    let mut seen_text = false;
    loop {
        let start = bytes.len();
        let read = (&mut input)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut bytes);
        let n = match read {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                let skip = Skip::new(SkipReason::Malformed, format!("unreadable: {e}"));
                if number == 0 {
                    produced.fatal = Some(skip);
                } else {
                    let detail = format!("the rest of the file cannot be read: {}", skip.detail);
                    let skip = Skip::new(SkipReason::Malformed, detail);
                    produced
                        .notes
                        .push(Problem::bad_record(path, number + 1, &skip));
                }
                break;
            }
        };
        number += 1;
        if number == 1
            && let Some(skip) = decode::sniff_binary(&bytes[start..])
        {
            produced.fatal = Some(skip);
            return;
        }
        seen_text |= !bytes[start..].trim_ascii().is_empty();
        let complete = bytes.ends_with(b"\n") || (n as u64) <= limit;
        if !complete {
            bytes.truncate(start);
            let rest = input.skip_until(b'\n').unwrap_or(0);
            let detail = format!(
                "line is {} bytes, over the per-record limit of {limit} bytes (--max-file-size)",
                n + rest
            );
            let skip = Skip::new(SkipReason::TooLarge, detail);
            produced
                .notes
                .push(Problem::bad_record(path, number, &skip));
            produced.first_bad.get_or_insert((number, skip));
            // Keep the numbering of the lines after it: an empty line stands in for it.
            bytes.push(b'\n');
        }
        if bytes.len() >= PIECE_BYTES {
            let piece = Piece::Lines {
                first,
                bytes: std::mem::take(&mut bytes),
            };
            if !send(piece) {
                produced.stopped = true;
                return;
            }
            first = number + 1;
        }
    }
    if !bytes.is_empty() && !send(Piece::Lines { first, bytes }) {
        produced.stopped = true;
    }
    if number == 0 {
        produced.fatal = Some(Skip::new(SkipReason::Empty, "file is empty (0 bytes)"));
    } else if !seen_text && produced.fatal.is_none() {
        produced.fatal = Some(Skip::new(SkipReason::Empty, "only white space"));
    }
}

/// WARC: the records that hold HTML pages, a piece at a time; the others are counted.
fn produce_pages(
    input: Box<dyn BufRead + Send>,
    limit: u64,
    path: &str,
    send: &dyn Fn(Piece) -> bool,
    produced: &mut Produced,
) {
    let mut pages = Vec::new();
    let mut bytes = 0;
    for record in warc::Reader::new(input, limit) {
        let record = match record {
            Ok(record) => record,
            Err(skip) if produced.records == 0 => {
                let detail = format!("not a WARC file: {}", skip.detail);
                produced.fatal = Some(Skip::new(skip.reason, detail));
                return;
            }
            Err(skip) => {
                let detail = format!("the rest of the file cannot be read: {}", skip.detail);
                let skip = Skip::new(skip.reason, detail);
                let number = produced.records + 1;
                produced
                    .notes
                    .push(Problem::bad_record(path, number, &skip));
                produced.first_bad.get_or_insert((number, skip));
                break;
            }
        };
        produced.records += 1;
        match warc::payload(&record) {
            Payload::Html(html) => bytes += html.len(),
            Payload::Ignored => {
                produced.ignored_records += 1;
                continue;
            }
            Payload::Bad(skip) => {
                produced
                    .notes
                    .push(Problem::bad_record(path, record.number, &skip));
                produced.first_bad.get_or_insert((record.number, skip));
                continue;
            }
        }
        pages.push(record);
        if bytes >= PIECE_BYTES {
            bytes = 0;
            if !send(Piece::Pages(std::mem::take(&mut pages))) {
                produced.stopped = true;
                return;
            }
        }
    }
    if !pages.is_empty() && !send(Piece::Pages(pages)) {
        produced.stopped = true;
    }
}

/// Bundles: members of known formats, a piece at a time; the others are counted, the
/// unreadable ones are bad records.
fn produce_members(
    path: &str,
    send: &dyn Fn(Piece) -> bool,
    produced: &mut Produced,
    read: impl FnOnce(&mut dyn FnMut(Seen) -> bool) -> Result<(), Skip>,
) {
    let mut members = Vec::new();
    let mut bytes = 0;
    let mut stopped = false;
    let mut each = |seen: Seen| -> bool {
        produced.records += 1;
        let member = match seen {
            Seen::Ignored => {
                produced.ignored_records += 1;
                return true;
            }
            Seen::Member(member) => member,
        };
        if let Err(skip) = &member.bytes {
            let shown = format!("{path}!/{}", member.inner);
            produced.notes.push(Problem::bad_member(&shown, skip));
            produced
                .first_bad
                .get_or_insert((produced.records, skip.clone()));
            return true;
        }
        bytes += member.bytes.as_ref().map_or(0, Vec::len);
        members.push(member);
        if bytes >= PIECE_BYTES {
            bytes = 0;
            if !send(Piece::Members(std::mem::take(&mut members))) {
                stopped = true;
                return false;
            }
        }
        true
    };
    let result = read(&mut each);
    if let Err(skip) = result {
        produced.fatal = Some(skip);
        return;
    }
    if stopped || (!members.is_empty() && !send(Piece::Members(members))) {
        produced.stopped = true;
    }
}

/// Why a streamed file that yielded no article is skipped.
fn nothing_indexed(format: Format, produced: &Produced, made: &Made) -> Skip {
    let first_bad = [produced.first_bad.as_ref(), made.first_bad.as_ref()]
        .into_iter()
        .flatten()
        .min_by_key(|(n, _)| *n);
    match (format, first_bad) {
        (Format::JsonLines, first_bad) => records::no_valid_record("line", first_bad),
        (Format::Warc, Some(first_bad)) => records::no_valid_record("record", Some(first_bad)),
        (Format::Warc, None) => Skip::new(
            SkipReason::NoText,
            format!("no HTML page in its {} records", produced.records),
        ),
        (_, Some(first_bad)) if made.notes.is_empty() => {
            records::no_valid_record("member", Some(first_bad))
        }
        (_, _) => {
            let detail = format!(
                "no member morgue could index ({} members, {} not in a format morgue reads)",
                produced.records, produced.ignored_records
            );
            Skip::new(SkipReason::NoText, detail)
        }
    }
}

/// The content hash of a whole file, read in blocks.
fn hash_file(path: &Path) -> std::io::Result<String> {
    let state = Mutex::new(HashState::default());
    let mut file = std::fs::File::open(path)?;
    hash_rest(&mut file, &state)?;
    let state = state.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(format!("{:016x}", state.hasher.digest()))
}

/// The hash of the file once the producer is done: what it read, plus whatever it left
/// (trailing bytes after the last record, the rest of a refused bomb), read raw.
fn finish_hash(path: &Path, state: &Mutex<HashState>) -> std::io::Result<String> {
    let read = state.lock().map(|s| s.read).unwrap_or(0);
    let mut file = std::fs::File::open(path)?;
    file.seek(std::io::SeekFrom::Start(read))?;
    hash_rest(&mut file, state)?;
    let state = state.lock().unwrap_or_else(|e| e.into_inner());
    Ok(format!("{:016x}", state.hasher.digest()))
}

fn hash_rest(file: &mut std::fs::File, state: &Mutex<HashState>) -> std::io::Result<()> {
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
        state.hasher.update(&buffer[..n]);
        state.read += n as u64;
    }
}

fn starts_with_utf16_bom(path: &Path) -> bool {
    let mut start = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok()
        && (start == [0xFF, 0xFE] || start == [0xFE, 0xFF])
}
