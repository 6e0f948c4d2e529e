//! Reading one file on a worker thread: bytes -> parsed, enriched tantivy documents, or the
//! reason it is skipped. Never panics on data.

use super::IngestOptions;
use super::messages::FileResult;
use super::plan::Fingerprints;
use crate::article::Article;
use crate::enrich::Enricher;
use crate::formats;
use crate::index::document::to_document;
use crate::index::manifest::{self, FileEntry, Outcome};
use crate::skip::{Problem, Skip, SkipReason};
use crate::walk::{self, WalkedFile};
use std::io::Read;
use std::path::Path;
use tantivy::schema::Value;
use tantivy::{TantivyDocument, Term};

/// Reads, hashes, parses and enriches one file. Runs on a worker thread; never panics on data.
pub(super) fn read_file(
    file: &WalkedFile,
    previous: Option<&FileEntry>,
    fingerprints: Fingerprints,
    options: &IngestOptions,
    enricher: &Enricher,
    fields: &crate::index::schema::Fields,
) -> FileResult {
    let path = walk::path_key(&file.path);
    let entry_with = |hash: String, outcome: Outcome| entry(file, fingerprints, hash, outcome);
    let skipped = |hash: String, skip: Skip| FileResult::Skipped {
        path: path.clone(),
        entry: Some(entry_with(hash, Outcome::Skipped { skip: skip.clone() })),
        skip,
    };
    if file.stamp.size > options.max_file_size {
        let detail = format!(
            "{} bytes is over the limit of {} bytes (--max-file-size)",
            file.stamp.size, options.max_file_size
        );
        return skipped(String::new(), Skip::new(SkipReason::TooLarge, detail));
    }
    let bytes = match read_at_most(&file.path, options.max_file_size) {
        Ok(bytes) => bytes,
        Err(skip) => {
            return FileResult::Skipped {
                path,
                entry: None,
                skip,
            };
        }
    };
    let hash = manifest::content_hash(&bytes);
    if let Some(previous) = previous.filter(|p| p.hash == hash) {
        return vouched(path, entry_with(hash, previous.outcome.clone()));
    }
    let gunzipped;
    let (bytes, name) = if formats::is_gzipped(&file.path) {
        gunzipped = match gunzip(&bytes, options.max_file_size) {
            Ok(plain) => plain,
            Err(skip) => return skipped(hash, skip),
        };
        // `story.txt.gz` is parsed as `story.txt` (its name is the title of last resort).
        (&gunzipped, file.path.with_extension(""))
    } else {
        (&bytes, file.path.clone())
    };
    let parsed = match formats::parse_file(file.format, &name, bytes) {
        Ok(parsed) => parsed,
        Err(skip) => return skipped(hash, skip),
    };
    let mut notes: Vec<Problem> = parsed
        .bad_records
        .iter()
        .map(|(record, skip)| Problem::bad_record(&path, *record, skip))
        .collect();
    notes.extend(
        parsed
            .warnings
            .iter()
            .map(|w| Problem::warning(&path, None, w)),
    );
    let finisher = Finisher {
        options,
        enricher,
        fields,
    };
    let docs: Vec<_> = parsed
        .articles
        .into_iter()
        .map(|article| finisher.document(article, &path, file, file.format, &mut notes))
        .collect();
    let outcome = Outcome::Indexed {
        articles: docs.len(),
        notes,
        ignored_records: 0,
    };
    FileResult::Indexed {
        path,
        entry: entry_with(hash, outcome),
        docs,
        refreshed: false,
    }
}

/// A file's manifest entry as this run writes it.
pub(super) fn entry(
    file: &WalkedFile,
    fingerprints: Fingerprints,
    hash: String,
    outcome: Outcome,
) -> FileEntry {
    FileEntry {
        size: file.stamp.size,
        mtime_ns: file.stamp.mtime_ns,
        hash,
        enrichment: fingerprints.enrichment,
        aliases: fingerprints.aliases,
        outcome,
    }
}

/// A file whose stamp changed but whose content hash did not: its verdict stands.
pub(super) fn vouched(path: String, entry: FileEntry) -> FileResult {
    match &entry.outcome {
        Outcome::Indexed { .. } => FileResult::Unchanged { path, entry },
        Outcome::Skipped { skip } => FileResult::Skipped {
            path,
            skip: skip.clone(),
            entry: Some(entry),
        },
    }
}

/// The last steps of every parsed article, whole files and streamed records alike.
pub(super) struct Finisher<'a> {
    pub(super) options: &'a IngestOptions,
    pub(super) enricher: &'a Enricher,
    pub(super) fields: &'a crate::index::schema::Fields,
}

impl Finisher<'_> {
    /// Caps, enriches and converts one article of the file at `path` (in `format`, a
    /// bundle member's own); its warnings go to `notes`, under the member's path for a
    /// bundle's member. Dates in a member's path inside the bundle count as path dates.
    pub(super) fn document(
        &self,
        mut article: Article,
        path: &str,
        file: &WalkedFile,
        format: formats::Format,
        notes: &mut Vec<Problem>,
    ) -> TantivyDocument {
        let (shown, relative) = match &article.member {
            Some(member) => (
                format!("{path}!/{member}"),
                std::borrow::Cow::Owned(file.relative.join(member)),
            ),
            None => (path.to_string(), std::borrow::Cow::Borrowed(&file.relative)),
        };
        if let Some(warning) = cap_lengths(&mut article, self.options.max_body_bytes) {
            notes.push(Problem::warning(&shown, article.record, &warning));
        }
        for warning in self.enricher.enrich(&mut article, &relative) {
            notes.push(Problem::warning(&shown, article.record, &warning));
        }
        to_document(self.fields, path, format.label(), &article)
    }
}

/// Rebuilds the articles of an unchanged file with entities resolved under the current alias
/// lists, from what the index stores (text, metadata, tagger spans): no reading, parsing or
/// tagging. `None` when the index cannot vouch for the file (its article count differs from
/// the manifest's, an article lacks its spans); the caller then reads the file.
pub(super) fn refresh_file(
    file: &WalkedFile,
    entry: &FileEntry,
    from: Refresh<'_>,
) -> Option<FileResult> {
    let mut docs = Vec::new();
    let entry = refresh_in_parts(file, entry, from, usize::MAX, &mut |part| {
        docs.extend(part);
        true
    })
    .ok()?;
    Some(FileResult::Indexed {
        path: walk::path_key(&file.path),
        entry,
        docs,
        refreshed: true,
    })
}

/// What a refresh reads the stored articles from and re-resolves them with.
#[derive(Clone, Copy)]
pub(super) struct Refresh<'a> {
    pub searcher: &'a tantivy::Searcher,
    /// Opens a new searcher over the index's last commit, for one part of a big refresh (see
    /// [`rebuild_in_parts`]); `None` reads everything through `searcher`.
    pub reopen: Option<&'a Reopen<'a>>,
    pub fingerprints: Fingerprints,
    pub enricher: &'a Enricher,
    pub fields: &'a crate::index::schema::Fields,
}

/// A way to open a searcher over the index's last commit.
pub(super) type Reopen<'a> = dyn Fn() -> Option<tantivy::Searcher> + Sync + 'a;

impl<'a> Refresh<'a> {
    /// The same refresh read through `searcher` alone.
    fn through<'s>(&self, searcher: &'s tantivy::Searcher) -> Refresh<'s>
    where
        'a: 's,
    {
        Refresh {
            searcher,
            reopen: None,
            ..*self
        }
    }

    /// A searcher for one part of a big refresh: a new one over the same commit as `searcher`
    /// when `reopen` gives one, so that the index pages the part reads leave the process with
    /// it. Reading 6,000 stale articles scattered over a 2 GB file's index through one
    /// searcher kept ~400 MB of its files mapped (each article's id lookup, postings and
    /// store block: ~67 KB); a searcher per 1,000 articles keeps a sixth of that.
    fn part_searcher(&self) -> std::borrow::Cow<'_, tantivy::Searcher> {
        let segments = |s: &tantivy::Searcher| -> Vec<_> {
            s.segment_readers()
                .iter()
                .map(|r| (r.segment_id(), r.num_deleted_docs()))
                .collect()
        };
        match self.reopen.and_then(|reopen| reopen()) {
            // Another commit since (a long run commits on its interval): its addresses differ.
            Some(fresh) if segments(&fresh) == segments(self.searcher) => {
                std::borrow::Cow::Owned(fresh)
            }
            _ => std::borrow::Cow::Borrowed(self.searcher),
        }
    }
}

/// Why a refresh stopped: the index cannot vouch for the file, after `sent` parts had gone to
/// `emit` (which must then be undone), or `emit` refused a part (the run is stopping).
pub(super) enum RefreshStopped {
    NotVouched { sent: bool },
    Refused,
}

/// [`refresh_file`] for a file of any size: the rebuilt articles go to `emit` in parts of at
/// most `part` documents (a big streamed file is never held whole), in index order. Returns
/// the file's manifest entry under the current fingerprints.
pub(super) fn refresh_in_parts(
    file: &WalkedFile,
    entry: &FileEntry,
    from: Refresh<'_>,
    part: usize,
    emit: &mut dyn FnMut(Vec<TantivyDocument>) -> bool,
) -> Result<FileEntry, RefreshStopped> {
    let Refresh {
        searcher,
        fingerprints,
        fields,
        ..
    } = from;
    let not_vouched = |sent| RefreshStopped::NotVouched { sent };
    let spans_field = fields.tagged_spans.ok_or(not_vouched(false))?;
    let Outcome::Indexed { articles, .. } = &entry.outcome else {
        return Err(not_vouched(false));
    };
    let path = walk::path_key(&file.path);
    let query = tantivy::query::TermQuery::new(
        Term::from_field_text(fields.file, &path),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let found = searcher
        .search(&query, &tantivy::collector::DocSetCollector)
        .map_err(|_| not_vouched(false))?;
    if found.len() != *articles {
        return Err(not_vouched(false));
    }
    let mut addresses: Vec<_> = found.into_iter().collect();
    addresses.sort();
    rebuild_in_parts(&addresses, from, spans_field, part, emit)?;
    Ok(refreshed_entry(entry, fingerprints))
}

/// A refreshed file's manifest entry: as before, under the current fingerprints.
pub(super) fn refreshed_entry(entry: &FileEntry, fingerprints: Fingerprints) -> FileEntry {
    FileEntry {
        enrichment: fingerprints.enrichment,
        aliases: fingerprints.aliases,
        ..entry.clone()
    }
}

/// Rebuilds only the articles with these `ids` (of a big file the archive's alias table made
/// stale in a few places), in parts for `emit`: the writer replaces each by its id.
pub(super) fn refresh_articles(
    ids: &std::collections::HashSet<String>,
    from: Refresh<'_>,
    part: usize,
    emit: &mut dyn FnMut(Vec<TantivyDocument>) -> bool,
) -> Result<(), RefreshStopped> {
    let spans_field = from
        .fields
        .tagged_spans
        .ok_or(RefreshStopped::NotVouched { sent: false })?;
    let ids: Vec<&String> = ids.iter().collect();
    let mut sent = false;
    for chunk in ids.chunks(part.max(1)) {
        // The ids are looked up part by part too: the lookups map pages as the reads do.
        let searcher = from.part_searcher();
        let mut addresses = Vec::with_capacity(chunk.len());
        for id in chunk {
            let query = tantivy::query::TermQuery::new(
                Term::from_field_text(from.fields.id, id),
                tantivy::schema::IndexRecordOption::Basic,
            );
            let found = searcher
                .search(&query, &tantivy::collector::DocSetCollector)
                .map_err(|_| RefreshStopped::NotVouched { sent })?;
            addresses.extend(found);
        }
        addresses.sort();
        emit_rebuilt(&addresses, from.through(&searcher), spans_field, sent, emit)?;
        sent = true;
    }
    Ok(())
}

/// The articles at `addresses` rebuilt and handed to `emit` `part` at a time, each part
/// read through its own searcher ([`Refresh::part_searcher`]).
fn rebuild_in_parts(
    addresses: &[tantivy::DocAddress],
    from: Refresh<'_>,
    spans_field: tantivy::schema::Field,
    part: usize,
    emit: &mut dyn FnMut(Vec<TantivyDocument>) -> bool,
) -> Result<(), RefreshStopped> {
    let mut sent = false;
    for chunk in addresses.chunks(part.max(1)) {
        let searcher = from.part_searcher();
        emit_rebuilt(chunk, from.through(&searcher), spans_field, sent, emit)?;
        sent = true;
    }
    Ok(())
}

/// One part: the articles at `addresses` rebuilt ([`rebuilt`]) through `from` and handed to
/// `emit`, after parts already went if `sent`.
fn emit_rebuilt(
    addresses: &[tantivy::DocAddress],
    from: Refresh<'_>,
    spans_field: tantivy::schema::Field,
    sent: bool,
    emit: &mut dyn FnMut(Vec<TantivyDocument>) -> bool,
) -> Result<(), RefreshStopped> {
    let docs = addresses
        .iter()
        .map(|&address| rebuilt(from, spans_field, address))
        .collect::<Option<Vec<_>>>()
        .ok_or(RefreshStopped::NotVouched { sent })?;
    if emit(docs) {
        Ok(())
    } else {
        Err(RefreshStopped::Refused)
    }
}

/// One stored article rebuilt with its entities re-resolved from its stored tagger spans;
/// `None` when it has none or they do not fit its text.
fn rebuilt(
    from: Refresh<'_>,
    spans_field: tantivy::schema::Field,
    address: tantivy::DocAddress,
) -> Option<TantivyDocument> {
    let fields = from.fields;
    let stored: TantivyDocument = from.searcher.doc(address).ok()?;
    let text = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or("")
    };
    let spans = stored.get_first(spans_field).and_then(|v| v.as_bytes())?;
    let year = stored
        .get_first(fields.date)
        .and_then(|v| v.as_datetime())
        .and_then(crate::index::document::date_from_tantivy)
        .map(|d| i32::from(d.year()));
    let entities = from
        .enricher
        .reextract(text(fields.title), text(fields.body), spans, year)?;
    Some(crate::index::document::with_entities(
        fields, &stored, &entities,
    ))
}

/// Titles longer than this are cut: a title is a line, not a page.
const MAX_TITLE_BYTES: usize = 1_000;

/// Cuts an over-long body (and title) at a word boundary, so one huge file cannot stall a
/// run, and says what was left out: the cut is reported, never silent.
fn cap_lengths(article: &mut Article, max_body: usize) -> Option<String> {
    if article.title.len() > MAX_TITLE_BYTES {
        let end = cut_point(&article.title, MAX_TITLE_BYTES);
        article.title.truncate(end);
        article.title.push('…');
    }
    let total = article.body.len();
    if total <= max_body {
        return None;
    }
    let end = cut_point(&article.body, max_body);
    article.body.truncate(end);
    Some(format!(
        "body is {total} bytes; only the first {end} bytes are indexed and searchable (--max-body-size)"
    ))
}

/// The largest char boundary at or before `max`, moved back to the last white space within
/// 200 bytes when there is one, so the cut does not split a word.
fn cut_point(text: &str, max: usize) -> usize {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window_start = end.saturating_sub(200);
    match text[..end].rfind(char::is_whitespace) {
        Some(space) if space >= window_start && space > 0 => space,
        _ => end,
    }
}

/// The content of a single gzipped file (`story.txt.gz`): at most `limit` bytes, and at most
/// `bundle::MAX_RATIO` times the compressed size once past `bundle::RATIO_FLOOR`.
fn gunzip(compressed: &[u8], limit: u64) -> Result<Vec<u8>, Skip> {
    use formats::bundle::{MAX_RATIO, RATIO_FLOOR};
    let ratio_cap = (compressed.len() as u64)
        .saturating_mul(MAX_RATIO)
        .max(RATIO_FLOOR);
    let cap = limit.min(ratio_cap);
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(compressed)
        .take(cap.saturating_add(1))
        .read_to_end(&mut plain)
        .map_err(|e| Skip::new(SkipReason::Malformed, format!("not valid gzip: {e}")))?;
    if plain.len() as u64 > cap {
        let detail = if cap == limit {
            format!("expands to more than {limit} bytes (--max-file-size)")
        } else {
            format!("expands more than {MAX_RATIO} times: refused as a decompression bomb")
        };
        return Err(Skip::new(SkipReason::TooLarge, detail));
    }
    Ok(plain)
}

/// Reads a file, refusing to read past `limit` even if it grew since it was walked.
fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, Skip> {
    let unreadable = |e: std::io::Error| Skip::new(SkipReason::Unreadable, e.to_string());
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(Skip::new(
            SkipReason::TooLarge,
            format!("grew past the limit of {limit} bytes (--max-file-size) while being read"),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_reports_unreadable_and_oversize_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone.txt");
        let skip = read_at_most(&missing, 100).unwrap_err();
        assert_eq!(skip.reason, SkipReason::Unreadable);
        assert!(skip.detail.contains("No such file"), "{skip}");

        let grown = dir.path().join("grown.txt");
        std::fs::write(&grown, "x".repeat(101)).unwrap();
        assert_eq!(
            read_at_most(&grown, 100).unwrap_err().reason,
            SkipReason::TooLarge
        );
        assert_eq!(read_at_most(&grown, 101).unwrap().len(), 101);
    }

    #[test]
    fn long_bodies_are_cut_at_a_word_boundary_and_reported() {
        let mut article = Article {
            body: "alpha beta gamma délta".to_string(),
            ..Article::default()
        };
        assert_eq!(cap_lengths(&mut article, 100), None);
        let warning = cap_lengths(&mut article, 14).expect("cut is reported");
        assert_eq!(article.body, "alpha beta");
        assert!(warning.contains("body is 23 bytes"), "{warning}");
        assert!(warning.contains("first 10 bytes"), "{warning}");

        // No space to cut at: cut at a char boundary, never inside "é".
        let mut article = Article {
            body: "ééééé".to_string(),
            ..Article::default()
        };
        cap_lengths(&mut article, 5).expect("cut is reported");
        assert_eq!(article.body, "éé");
    }

    #[test]
    fn long_titles_are_cut() {
        let mut article = Article {
            title: "word ".repeat(1_000),
            body: "short".to_string(),
            ..Article::default()
        };
        assert_eq!(cap_lengths(&mut article, 100), None);
        assert!(article.title.len() <= MAX_TITLE_BYTES + '…'.len_utf8());
        assert!(article.title.ends_with("word…"), "{}", article.title);
    }
}
