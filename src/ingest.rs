//! `morgue index`: walk -> read -> parse -> enrich -> write, incrementally.
//!
//! Files are read, parsed and enriched in parallel on all cores (rayon); their documents go
//! through a bounded channel to the one thread that owns the tantivy `IndexWriter`, so memory
//! stays flat however large the archive. Every file the walker meets ends up in exactly one
//! count of the [`RunSummary`]: indexed (new, updated, unchanged), skipped (by reason) or
//! ignored.

use crate::article::Article;
use crate::enrich::Enricher;
use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::formats;
use crate::index::document::to_document;
use crate::index::manifest::{self, FileEntry, Manifest, Outcome};
use crate::index::{self, MorgueIndex};
use crate::skip::{Problem, ProblemKind, Skip, SkipReason};
use crate::walk::{self, WalkItem, WalkedFile};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tantivy::schema::Value;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// A function called with a file's path just before the file is read.
pub type ReadHook = Arc<dyn Fn(&Path) + Send + Sync>;

/// How an index run behaves; the CLI fills this from flags.
#[derive(Clone)]
pub struct IngestOptions {
    pub roots: Vec<PathBuf>,
    pub follow_links: bool,
    /// Files larger than this are skipped as `too-large` without being read.
    pub max_file_size: u64,
    /// Re-read and re-parse every file, ignoring the manifest.
    pub force: bool,
    /// Total memory budget of the tantivy writer, in bytes.
    pub writer_memory: usize,
    pub writer_threads: usize,
    /// Draw a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    pub gazetteer: Gazetteer,
    /// Extract entities (the default); off makes indexing faster and entity fields empty.
    pub entities: bool,
    /// The entity tagger for names the gazetteer does not know.
    pub tagger: &'static crate::enrich::ner::Tagger,
    /// Longer article bodies are cut here (at a word boundary), with a warning saying so.
    pub max_body_bytes: usize,
    /// Commit (and save the manifest) at least this often, so a killed run keeps its work.
    pub commit_interval: Duration,
    /// Set from outside (a Ctrl-C handler) to stop early: files already read are committed,
    /// the rest are left for the next run.
    pub stop: Arc<AtomicBool>,
    /// Called with each file's path just before it is read (tests change files here).
    pub before_read: Option<ReadHook>,
}

/// What one run did. Serialized as `morgue index --json` and saved as `last_run.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RunSummary {
    /// Every file the walker met:
    /// `indexed_new + indexed_updated + unchanged + skipped + ignored + pending`.
    pub files_seen: usize,
    pub indexed_new: usize,
    pub indexed_updated: usize,
    pub unchanged: usize,
    /// Files skipped, by reason.
    pub skipped: BTreeMap<SkipReason, usize>,
    pub ignored: usize,
    /// Files that vanished since the last run and whose articles were removed.
    pub deleted: usize,
    /// Articles written in this run (new and replaced).
    pub articles_written: usize,
    /// Records inside otherwise good files that could not be read (an NDJSON line, say).
    pub bad_records: usize,
    pub warnings: usize,
    pub bytes_read: u64,
    pub elapsed_secs: f64,
    /// Articles in the index after this run.
    pub articles_in_index: u64,
    /// The run was stopped early (Ctrl-C): everything counted above is committed.
    #[serde(default)]
    pub interrupted: bool,
    /// Files walked but not read because the run stopped early; the next run reads them.
    #[serde(default)]
    pub pending: usize,
    /// Index commits during the run (one at the end, more on long runs).
    #[serde(default)]
    pub commits: usize,
    /// Unchanged files (counted in `unchanged`) whose articles' entities were re-resolved
    /// from the index because the alias lists changed: not read, parsed or tagged again.
    #[serde(default)]
    pub entities_refreshed: usize,
    /// Every skipped or ignored file, bad record and warning, with its path and reason.
    pub problems: Vec<Problem>,
}

impl RunSummary {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// True when some file, or some record inside a file, could not be indexed.
    pub fn is_partial(&self) -> bool {
        self.skipped_total() > 0 || self.bad_records > 0
    }

    /// Counts a skipped file and lists it.
    fn skip(&mut self, path: &str, skip: &Skip) {
        *self.skipped.entry(skip.reason).or_default() += 1;
        self.problems.push(Problem::skipped(path, skip));
    }

    /// Counts an ignored file, bad record or warning and lists it.
    fn note(&mut self, problem: Problem) {
        match problem.kind {
            ProblemKind::Ignored => self.ignored += 1,
            ProblemKind::BadRecord => self.bad_records += 1,
            ProblemKind::Warning => self.warnings += 1,
            ProblemKind::Skipped => {}
        }
        self.problems.push(problem);
    }
}

/// What a worker does with one walked file.
enum Job {
    /// Read, parse and enrich it (`previous` may vouch for it by content hash).
    Read {
        file: WalkedFile,
        previous: Option<FileEntry>,
    },
    /// Unchanged, but the alias lists changed: re-resolve its articles' entities from the
    /// index, falling back to reading it when the index cannot say.
    Refresh { file: WalkedFile, entry: FileEntry },
}

/// The result of reading one file, sent from the worker threads to the writer.
enum FileResult {
    /// Stamp changed but content did not: only the manifest entry is refreshed.
    Unchanged { path: String, entry: FileEntry },
    /// `entry.outcome` lists the file's bad records and warnings.
    Indexed {
        path: String,
        entry: FileEntry,
        docs: Vec<TantivyDocument>,
        /// The file was not read: an unchanged file's articles were rebuilt from the index
        /// with their entities re-resolved.
        refreshed: bool,
    },
    Skipped {
        path: String,
        /// `None` when the file could not be read at all, so there is nothing to remember.
        entry: Option<FileEntry>,
        skip: Skip,
    },
}

/// Runs one index pass over `options.roots` into the index at `index_dir`.
///
/// The index is committed every `options.commit_interval` and at the end, and the manifest is
/// saved right after each commit, so a run killed at any point leaves the last commit intact
/// and the next run picks up from it (see `index::manifest` for why that converges).
pub fn run(index_dir: &Path, options: &IngestOptions) -> Result<RunSummary, MorgueError> {
    let started = Instant::now();
    index::release_freed_writer_memory();
    let morgue_index = MorgueIndex::open_or_create(index_dir)?;
    // Take the writer lock before walking, so a second run fails at once.
    let writer: IndexWriter = morgue_index
        .index
        .writer_with_num_threads(options.writer_threads, options.writer_memory)
        .map_err(|e| MorgueError::tantivy(index_dir, e))?;
    let mut manifest = Manifest::load(index_dir);
    // Entities depend on the tagger model and the rules as much as on the files: a file
    // whose entities were extracted with others is read again (as with --force). When only
    // the alias lists changed, its articles are re-resolved from the index instead.
    let fingerprints = Fingerprints::of(options);
    let tags_current = |entry: &FileEntry| {
        !options.force && entry.enrichment == fingerprints.enrichment && still_valid(entry, options)
    };
    // A skipped file has no entities, so the alias lists cannot make it stale.
    let current = |entry: &FileEntry| {
        tags_current(entry)
            && (entry.aliases == fingerprints.aliases
                || matches!(entry.outcome, Outcome::Skipped { .. }))
    };
    let refreshable = options.entities && morgue_index.fields.tagged_spans.is_some();
    let today = jiff::ZonedDateTime::now().date();
    let enricher = Enricher::new(
        options
            .entities
            .then_some((&options.gazetteer, options.tagger)),
        today,
    );
    let fields = &morgue_index.fields;

    let mut summary = RunSummary::default();
    let mut seen = HashSet::new();
    let mut to_read: Vec<Job> = Vec::new();
    for item in walk::walk(&options.roots, options.follow_links) {
        if options.stop.load(Ordering::Relaxed) {
            summary.interrupted = true;
            break;
        }
        summary.files_seen += 1;
        match item {
            WalkItem::Ignored { path, why } => {
                summary.note(Problem::ignored(&walk::path_key(&path), why));
            }
            WalkItem::Failed { path, skip } => summary.skip(&walk::path_key(&path), &skip),
            WalkItem::File(file) => {
                let key = walk::path_key(&file.path);
                seen.insert(key.clone());
                match manifest.unchanged(&key, file.stamp) {
                    Some(entry) if current(entry) => match &entry.outcome {
                        Outcome::Indexed { notes, .. } => {
                            summary.unchanged += 1;
                            // Bad records and warnings still stand: list them again.
                            notes.iter().cloned().for_each(|n| summary.note(n));
                        }
                        Outcome::Skipped { skip } => summary.skip(&key, skip),
                    },
                    Some(entry) if refreshable && tags_current(entry) => {
                        let entry = entry.clone();
                        to_read.push(Job::Refresh { file, entry });
                    }
                    _ => {
                        // The content hash may only vouch for a file when nothing else changed.
                        let previous = manifest.files.get(&key).filter(|e| current(e)).cloned();
                        to_read.push(Job::Read { file, previous });
                    }
                }
            }
        }
    }

    if options.force {
        forget_enrichment(&mut manifest, &to_read, index_dir)?;
    }

    // The last commit as the run found it: what deletes check and refreshes read from.
    let before = indexed_before(&morgue_index, index_dir)?;
    // A run that may replace articles merges only after its last commit (see `index::merge`).
    let replacing = before.is_some();
    writer.set_merge_policy(index::merge::policy_during_run(replacing));
    let mut sink = Sink {
        writer,
        index_dir,
        fields,
        manifest,
        indexed_before: before.clone(),
        last_commit: Instant::now(),
        commit_interval: options.commit_interval,
        uncommitted: false,
    };
    let progress = progress_bar(options.progress, to_read.len() as u64);
    let (sender, receiver) = crossbeam_channel::bounded::<FileResult>(64);
    let mut write_error = None;
    let mut received = 0;
    std::thread::scope(|scope| {
        let to_read = &to_read;
        let enricher = &enricher;
        let searcher = before.as_ref();
        scope.spawn(move || {
            to_read.par_iter().for_each_with(sender, |sender, job| {
                if options.stop.load(Ordering::Relaxed) {
                    return;
                }
                let read = |file: &WalkedFile, previous: Option<&FileEntry>| {
                    if let Some(hook) = &options.before_read {
                        hook(&file.path);
                    }
                    read_file(file, previous, fingerprints, options, enricher, fields)
                };
                let result = match job {
                    Job::Read { file, previous } => read(file, previous.as_ref()),
                    Job::Refresh { file, entry } => searcher
                        .and_then(|searcher| {
                            refresh_file(file, entry, searcher, fingerprints, enricher, fields)
                        })
                        .unwrap_or_else(|| read(file, None)),
                };
                // The receiver only goes away when writing failed; stop quietly then.
                let _ = sender.send(result);
            });
        });
        loop {
            // Wake up when a commit is due even if no file arrives (one long file must not
            // hold back the commit of everything read before it). After a write error nothing
            // is committed any more: just drain what the readers still send.
            let next = if write_error.is_some() {
                receiver
                    .recv()
                    .map_err(|_| crossbeam_channel::RecvTimeoutError::Disconnected)
            } else {
                receiver.recv_timeout(sink.time_to_wait())
            };
            let result = match next {
                Ok(result) => Some(result),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
            };
            if result.is_some() {
                progress.inc(1);
                received += 1;
            }
            if write_error.is_some() {
                continue;
            }
            let applied = match result {
                Some(result) => sink.apply(result, &mut summary),
                None => Ok(()),
            };
            if let Err(e) = applied.and_then(|()| sink.commit_if_due(&mut summary)) {
                // Tell the readers to stop: nothing more can be written.
                options.stop.store(true, Ordering::Relaxed);
                write_error = Some(e);
            }
        }
    });
    progress.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e);
    }
    summary.pending = to_read.len() - received;
    summary.interrupted |= summary.pending > 0;

    if !summary.interrupted {
        // The walk saw everything, so files it did not see are gone.
        let roots: Vec<String> = options
            .roots
            .iter()
            .map(|r| walk::path_key(&walk::root_key(r)))
            .collect();
        let vanished: Vec<String> = sink.manifest.vanished(&roots, &seen).cloned().collect();
        for path in vanished {
            if let Some(entry) = sink.manifest.files.remove(&path) {
                index::delete_file(&sink.writer, fields, &path)
                    .map_err(|e| MorgueError::write_failed(index_dir, e))?;
                if matches!(entry.outcome, Outcome::Indexed { .. }) {
                    summary.deleted += 1;
                }
            }
        }
    }
    sink.commit(&mut summary)?;
    if replacing && !summary.interrupted {
        index::merge::merge_committed(&mut sink.writer, &morgue_index.index)
            .map_err(|e| MorgueError::write_failed(index_dir, e))?;
    }

    let reader = morgue_index
        .index
        .reader()
        .map_err(|e| MorgueError::tantivy(index_dir, e))?;
    summary.articles_in_index = reader.searcher().num_docs();
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    summary
        .problems
        .sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
    index::write_json_atomically(&index_dir.join(index::LAST_RUN), &summary)?;
    Ok(summary)
}

/// The writer side of a run: the one `IndexWriter`, and the manifest that must only ever
/// describe what the last commit holds.
struct Sink<'a> {
    writer: IndexWriter,
    index_dir: &'a Path,
    fields: &'a crate::index::schema::Fields,
    manifest: Manifest,
    /// The index as the run found it (`None` when it was empty): only files it holds, or
    /// that the manifest knows, can have articles to delete.
    indexed_before: Option<tantivy::Searcher>,
    last_commit: Instant,
    commit_interval: Duration,
    /// Something was applied since the last commit.
    uncommitted: bool,
}

impl Sink<'_> {
    /// Applies one file's result (committed later, by `commit_if_due` or the final commit).
    fn apply(&mut self, result: FileResult, summary: &mut RunSummary) -> Result<(), MorgueError> {
        if let Err(error) = apply(
            result,
            &mut self.writer,
            self.fields,
            &mut self.manifest,
            self.indexed_before.as_ref(),
            summary,
        ) {
            return Err(MorgueError::write_failed(self.index_dir, self.cause(error)));
        }
        self.uncommitted = true;
        Ok(())
    }

    /// How long the writer may wait for the next file before a commit is due: the rest of
    /// the interval, or a whole one when there is nothing to commit (never zero then, so
    /// waiting does not spin).
    fn time_to_wait(&self) -> Duration {
        if self.uncommitted {
            self.commit_interval
                .saturating_sub(self.last_commit.elapsed())
        } else {
            self.commit_interval
        }
    }

    /// Commits when the interval has passed and something was applied since the last commit.
    fn commit_if_due(&mut self, summary: &mut RunSummary) -> Result<(), MorgueError> {
        if self.uncommitted && self.last_commit.elapsed() >= self.commit_interval {
            self.commit(summary)?;
        }
        Ok(())
    }

    /// When an indexing thread died (a write failed), adding a document only says so; the
    /// thread's own error (the disk is full, say) comes out when the writer joins its threads,
    /// which a commit attempt does. The manifest is not saved: if the commit went through, the
    /// manifest lags the index, which the next run repairs.
    fn cause(&mut self, error: tantivy::TantivyError) -> tantivy::TantivyError {
        match error {
            tantivy::TantivyError::ErrorInThread(_) => self.writer.commit().err().unwrap_or(error),
            other => other,
        }
    }

    /// Commits the index, then saves the manifest. A run killed between the two leaves a
    /// manifest that lags the index, which the next run repairs (it deletes a file's articles
    /// by path before adding them again); the reverse order could lose articles.
    fn commit(&mut self, summary: &mut RunSummary) -> Result<(), MorgueError> {
        self.writer
            .commit()
            .map_err(|e| MorgueError::write_failed(self.index_dir, e))?;
        self.manifest.save(self.index_dir)?;
        self.uncommitted = false;
        summary.commits += 1;
        self.last_commit = Instant::now();
        Ok(())
    }
}

/// Reads, hashes, parses and enriches one file. Runs on a worker thread; never panics on data.
fn read_file(
    file: &WalkedFile,
    previous: Option<&FileEntry>,
    fingerprints: Fingerprints,
    options: &IngestOptions,
    enricher: &Enricher,
    fields: &crate::index::schema::Fields,
) -> FileResult {
    let path = walk::path_key(&file.path);
    let entry_with = |hash: String, outcome: Outcome| FileEntry {
        size: file.stamp.size,
        mtime_ns: file.stamp.mtime_ns,
        hash,
        enrichment: fingerprints.enrichment,
        aliases: fingerprints.aliases,
        outcome,
    };
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
        let entry = entry_with(hash, previous.outcome.clone());
        return match &previous.outcome {
            Outcome::Indexed { .. } => FileResult::Unchanged { path, entry },
            Outcome::Skipped { skip } => FileResult::Skipped {
                path,
                skip: skip.clone(),
                entry: Some(entry),
            },
        };
    }
    let parsed = match formats::parse_file(file.format, &file.path, &bytes) {
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
    let mut docs = Vec::with_capacity(parsed.articles.len());
    for mut article in parsed.articles {
        if let Some(warning) = cap_lengths(&mut article, options.max_body_bytes) {
            notes.push(Problem::warning(&path, article.record, &warning));
        }
        for warning in enricher.enrich(&mut article, &file.relative) {
            notes.push(Problem::warning(&path, article.record, &warning));
        }
        docs.push(to_document(fields, &path, file.format.label(), &article));
    }
    let outcome = Outcome::Indexed {
        articles: docs.len(),
        notes,
    };
    FileResult::Indexed {
        path,
        entry: entry_with(hash, outcome),
        docs,
        refreshed: false,
    }
}

/// Rebuilds the articles of an unchanged file with entities resolved under the current alias
/// lists, from what the index stores (text, metadata, tagger spans): no reading, parsing or
/// tagging. `None` when the index cannot vouch for the file (its article count differs from
/// the manifest's, an article lacks its spans); the caller then reads the file.
fn refresh_file(
    file: &WalkedFile,
    entry: &FileEntry,
    searcher: &tantivy::Searcher,
    fingerprints: Fingerprints,
    enricher: &Enricher,
    fields: &crate::index::schema::Fields,
) -> Option<FileResult> {
    let spans_field = fields.tagged_spans?;
    let Outcome::Indexed { articles, .. } = &entry.outcome else {
        return None;
    };
    let path = walk::path_key(&file.path);
    let query = tantivy::query::TermQuery::new(
        Term::from_field_text(fields.file, &path),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let found = searcher
        .search(&query, &tantivy::collector::DocSetCollector)
        .ok()?;
    if found.len() != *articles {
        return None;
    }
    let mut addresses: Vec<_> = found.into_iter().collect();
    addresses.sort();
    let mut docs = Vec::with_capacity(addresses.len());
    for address in addresses {
        let stored: TantivyDocument = searcher.doc(address).ok()?;
        let text = |field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
        };
        let spans = stored.get_first(spans_field).and_then(|v| v.as_bytes())?;
        let entities = enricher.reextract(text(fields.title), text(fields.body), spans)?;
        docs.push(crate::index::document::with_entities(
            fields, &stored, &entities,
        ));
    }
    let entry = FileEntry {
        enrichment: fingerprints.enrichment,
        aliases: fingerprints.aliases,
        ..entry.clone()
    };
    Some(FileResult::Indexed {
        path,
        entry,
        docs,
        refreshed: true,
    })
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

/// Whether a manifest entry's verdict still holds under this run's options: a size limit
/// may have been raised (or lowered) since the file was judged.
fn still_valid(entry: &FileEntry, options: &IngestOptions) -> bool {
    let too_large_before =
        matches!(&entry.outcome, Outcome::Skipped { skip } if skip.reason == SkipReason::TooLarge);
    !too_large_before && entry.size <= options.max_file_size
}

/// What a file's entities depend on besides the file, in two parts, because they cost very
/// different amounts to bring up to date (see `Job`).
#[derive(Clone, Copy)]
struct Fingerprints {
    /// Entities on or off, the rules' own data and version, the tagger model: a change means
    /// reading and tagging the file again.
    enrichment: u64,
    /// The alias lists (built-in and the user's): a change only means re-resolving names.
    aliases: u64,
}

impl Fingerprints {
    fn of(options: &IngestOptions) -> Fingerprints {
        if !options.entities {
            return Fingerprints {
                enrichment: xxhash_rust::xxh3::xxh3_64(b"no-entities"),
                aliases: 0,
            };
        }
        let mut aliases = String::new();
        for entry in options.gazetteer.entries() {
            aliases.push_str(&format!(
                "{:?}\t{}\t{}\n",
                entry.kind,
                entry.canonical,
                entry.aliases.join("|")
            ));
        }
        use crate::enrich::entities;
        let enrichment = format!(
            "{}-{}-{:016x}-{}",
            env!("CARGO_PKG_VERSION"),
            entities::EXTRACTION_VERSION,
            xxhash_rust::xxh3::xxh3_64(entities::rules_data().as_bytes()),
            options.tagger.feature_count()
        );
        Fingerprints {
            enrichment: xxhash_rust::xxh3::xxh3_64(enrichment.as_bytes()),
            aliases: xxhash_rust::xxh3::xxh3_64(aliases.as_bytes()),
        }
    }
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

/// A `--force` run marks every file it is about to read as extracted with no known
/// fingerprint, and saves that before reading: if the run is stopped, the files it did not
/// reach yet are read again by the next plain run instead of counting as unchanged. Each
/// file's entry gets the real fingerprints back when its new articles are committed.
fn forget_enrichment(
    manifest: &mut Manifest,
    to_read: &[Job],
    index_dir: &Path,
) -> Result<(), MorgueError> {
    for job in to_read {
        let file = match job {
            Job::Read { file, .. } | Job::Refresh { file, .. } => file,
        };
        if let Some(entry) = manifest.files.get_mut(&walk::path_key(&file.path)) {
            entry.enrichment = UNKNOWN_FINGERPRINT;
        }
    }
    manifest.save(index_dir)
}

/// No run extracts with this fingerprint (see `Fingerprints::of`).
const UNKNOWN_FINGERPRINT: u64 = 0;

/// The index's last commit as this run starts, or `None` when it holds no articles.
fn indexed_before(
    morgue_index: &MorgueIndex,
    index_dir: &Path,
) -> Result<Option<tantivy::Searcher>, MorgueError> {
    let searcher = morgue_index
        .index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| MorgueError::tantivy(index_dir, e))?
        .searcher();
    Ok((!searcher.segment_readers().is_empty()).then_some(searcher))
}

/// Applies one file's result to the index, the manifest and the summary (writer thread).
fn apply(
    result: FileResult,
    writer: &mut IndexWriter,
    fields: &crate::index::schema::Fields,
    manifest: &mut Manifest,
    indexed_before: Option<&tantivy::Searcher>,
    summary: &mut RunSummary,
) -> tantivy::Result<()> {
    // A file's old articles are deleted before its new ones go in. Each file is applied once
    // per run, so it can only have articles if the index had them when the run started (after
    // a crash the manifest may not know them) or the manifest knows it (updates, and a file
    // walked twice). Deleting only then keeps a first run of a large archive from queueing
    // one delete per file.
    let delete_old = |writer: &IndexWriter, manifest: &Manifest, path: &str| {
        let held = manifest.files.contains_key(path)
            || indexed_before.is_some_and(|s| index::holds_file(s, fields, path));
        if held {
            index::delete_file(writer, fields, path)
        } else {
            Ok(())
        }
    };
    match result {
        FileResult::Unchanged { path, entry } => {
            summary.unchanged += 1;
            manifest.files.insert(path, entry);
        }
        FileResult::Skipped { path, entry, skip } => {
            // A file that was indexed before and is broken now loses its old articles.
            delete_old(writer, manifest, &path)?;
            summary.skip(&path, &skip);
            match entry {
                Some(entry) => {
                    summary.bytes_read += entry.size;
                    manifest.files.insert(path, entry);
                }
                None => {
                    manifest.files.remove(&path);
                }
            }
        }
        FileResult::Indexed {
            path,
            entry,
            docs,
            refreshed,
        } => {
            let was_indexed = matches!(
                manifest.files.get(&path).map(|e| &e.outcome),
                Some(Outcome::Indexed { .. })
            );
            if refreshed {
                summary.unchanged += 1;
                summary.entities_refreshed += 1;
            } else if was_indexed {
                summary.indexed_updated += 1;
                summary.bytes_read += entry.size;
            } else {
                summary.indexed_new += 1;
                summary.bytes_read += entry.size;
            }
            // Delete first even for files new to the manifest: after a crash the index may hold
            // articles of a file the manifest never heard of.
            delete_old(writer, manifest, &path)?;
            summary.articles_written += docs.len();
            for doc in docs {
                writer.add_document(doc)?;
            }
            if let Outcome::Indexed { notes, .. } = &entry.outcome {
                notes.iter().cloned().for_each(|n| summary.note(n));
            }
            manifest.files.insert(path, entry);
        }
    }
    Ok(())
}

fn progress_bar(enabled: bool, len: u64) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
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
