//! `morgue index`: walk -> read -> parse -> enrich -> write, incrementally.
//!
//! A planner thread merges the walk with the manifest (`plan`), files are read, parsed and
//! enriched in parallel on all cores (`read`, rayon), and their documents go through a bounded
//! channel to the one thread that owns the tantivy `IndexWriter` (`sink`), so memory stays flat
//! however large the archive. What the stages send each other is defined in `messages`, so no
//! stage depends on another. Every file the walker meets ends up in exactly one
//! count of the [`RunSummary`]: indexed (new, updated, unchanged), skipped (by reason) or
//! ignored.

pub mod archive_aliases;
mod backlog;
mod bands;
mod messages;
mod name_variants;
mod plan;
mod read;
mod sink;
mod stream;

use crate::enrich::Enricher;
use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::index::manifest::{self, FileEntry};
use crate::index::{self, MorgueIndex};
use crate::skip::{Problem, ProblemKind, Skip, SkipReason};
use crate::walk::{self, WalkedFile};
use crossbeam_channel::{Receiver, Sender};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use messages::{FileResult, Job, Known, ToWriter};
use plan::Fingerprints;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sink::Sink;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tantivy::IndexWriter;

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
    pub tagger: std::sync::Arc<crate::enrich::ner::Tagger>,
    /// Longer article bodies are cut here (at a word boundary), with a warning saying so.
    pub max_body_bytes: usize,
    /// Commit (and save the manifest) at least this often, so a killed run keeps its work.
    pub commit_interval: Duration,
    /// Set from outside (a Ctrl-C handler) to stop early: files already read are committed,
    /// the rest are left for the next run.
    pub stop: Arc<AtomicBool>,
    /// Called with each file's path just before it is read (tests change files here).
    pub before_read: Option<ReadHook>,
    /// After the run, merge the archive into segments of up to this many articles, past the
    /// cap that keeps a run's memory down (`morgue index --optimize`).
    pub optimize: Option<u32>,
    /// A streamed file (NDJSON, WARC) larger than this many bytes has its articles refreshed
    /// in parts, or only its stale ones, rather than all rebuilt in memory at once
    /// ([`DEFAULT_REFRESH_IN_MEMORY`] from the CLI; tests lower it).
    pub refresh_in_memory: u64,
}

/// See [`IngestOptions::refresh_in_memory`].
pub const DEFAULT_REFRESH_IN_MEMORY: u64 = 16 << 20;

impl IngestOptions {
    /// The manifest keys of the roots: a manifest entry under one of them is this run's to
    /// keep, refresh or delete.
    fn root_keys(&self) -> Vec<String> {
        self.roots
            .iter()
            .map(|r| walk::path_key(&walk::root_key(r)))
            .collect()
    }
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
    /// Records of web archives and members of bundles that are not articles (requests,
    /// images, unknown formats): counted, not listed.
    #[serde(default)]
    pub ignored_records: usize,
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
    /// Files whose articles' entities were re-resolved from the index because the alias
    /// lists changed (these are among `unchanged`) or because the archive's alias table
    /// changed at the end of the run (then possibly among the files this run indexed): not
    /// read, parsed or tagged again. A file re-resolved in two of the table's rounds counts
    /// twice.
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

    /// Adds what another stage counted.
    fn absorb(&mut self, other: RunSummary) {
        self.files_seen += other.files_seen;
        self.indexed_new += other.indexed_new;
        self.indexed_updated += other.indexed_updated;
        self.unchanged += other.unchanged;
        for (reason, n) in other.skipped {
            *self.skipped.entry(reason).or_default() += n;
        }
        self.ignored += other.ignored;
        self.deleted += other.deleted;
        self.articles_written += other.articles_written;
        self.bad_records += other.bad_records;
        self.ignored_records += other.ignored_records;
        self.warnings += other.warnings;
        self.bytes_read += other.bytes_read;
        self.interrupted |= other.interrupted;
        self.pending += other.pending;
        self.commits += other.commits;
        self.entities_refreshed += other.entities_refreshed;
        self.problems.extend(other.problems);
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

/// Runs one index pass over `options.roots` into the index at `index_dir`.
///
/// Three stages run at once, joined by bounded channels so memory stays flat: the planner
/// (walk merged with the manifest, its own thread), the readers (parse and enrich, rayon) and
/// the writer (this thread). The index is committed every `options.commit_interval` and at the
/// end, and the manifest is rewritten right after each commit, so a run killed at any point
/// leaves the last commit intact and the next run picks up from it (see `index::manifest` for
/// why that converges).
///
/// Then the archive's alias table (`archive_aliases`: acronyms and surnames) is rebuilt from
/// the index; when it changed, a second pass re-resolves, from the index, the articles that
/// write a changed acronym or surname, and so on until the table stays as it is (at most
/// [`MAX_TABLE_ROUNDS`] times). Segments are merged after the first pass (see [`merge`]).
pub fn run(index_dir: &Path, options: &IngestOptions) -> Result<RunSummary, MorgueError> {
    let started = Instant::now();
    let table = archive_aliases::Table::load(index_dir)?;
    let gazetteer = |table: &archive_aliases::Table| table.under(options.gazetteer.clone());
    let mut summary = run_pass(index_dir, options, &gazetteer(&table), None)?;
    if !summary.interrupted {
        merge(index_dir, None)?;
    }
    // Re-resolved articles change the pairs the table is built from ("Simon Easterby" named
    // in full where "S Easterby" was), so the table is rebuilt until it links as before:
    // one run leaves the table the next run would build.
    let mut table = table;
    for _ in 0..MAX_TABLE_ROUNDS {
        if !options.entities || summary.interrupted {
            break;
        }
        let Some((pass, rebuilt)) =
            refresh_for_archive_aliases(index_dir, options, &table, &gazetteer)?
        else {
            break;
        };
        summary.entities_refreshed += pass.entities_refreshed;
        summary.commits += pass.commits;
        summary.interrupted |= pass.interrupted;
        table = rebuilt;
    }
    finish(index_dir, options, &mut summary)?;
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    summary
        .problems
        .sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
    index::write_json_atomically(&index_dir.join(index::LAST_RUN), &summary)?;
    Ok(summary)
}

/// Rounds of rebuilding the archive's alias table and re-resolving what its changes touch, at
/// most, in one run. Archives seen so far settle in one to three (CoNLL 1996: three); a
/// table still changing after these goes on settling in the next run.
const MAX_TABLE_ROUNDS: usize = 4;

/// Rebuilds the archive's alias table from the index and, when its links changed, runs a
/// pass over the articles a changed entry may change (an acronym, surname, firm's short
/// name or band). Returns that pass's summary and the new table, if it ran.
fn refresh_for_archive_aliases(
    index_dir: &Path,
    options: &IngestOptions,
    table: &archive_aliases::Table,
    gazetteer: &impl Fn(&archive_aliases::Table) -> Gazetteer,
) -> Result<Option<(RunSummary, archive_aliases::Table)>, MorgueError> {
    let indexed = MorgueIndex::open(index_dir)?;
    // Without readahead: the table's lookups and the stale articles' reads are scattered
    // over the index (with it, a 2 GB file's run mapped ~450 MB of index here at once).
    let searcher = random_access_searcher(index_dir)?;
    let reopen = || random_access_searcher(index_dir).ok();
    let rebuilt = archive_aliases::Table::build(&indexed, &searcher, &reopen, &options.gazetteer)?;
    if rebuilt == *table {
        return Ok(None);
    }
    rebuilt.save(index_dir)?;
    if rebuilt.same_links(table) {
        return Ok(None);
    }
    let stale = archive_aliases::files_to_refresh(&indexed, &searcher, &reopen, table, &rebuilt)?;
    // Their maps of the index are not needed by the second pass.
    drop((indexed, searcher));
    if stale.is_empty() {
        return Ok(None);
    }
    let pass = run_pass(index_dir, options, &gazetteer(&rebuilt), Some(&stale))?;
    Ok(Some((pass, rebuilt)))
}

/// Merges the committed segments as `index::merge`'s policy asks, then (`optimize`) down
/// to segments of that many articles, and removes the merged segments' files.
///
/// It runs after the first pass, not after a second one: the table's pass replaces a few
/// articles scattered over the archive, and merging its small segments at once rewrote whole
/// segments to absorb them, with their pages mapped at the run's peak RSS (a 600 MB file:
/// three segments of 12,500 articles for 1,400 replacements, 272 MB of maps). The next run's
/// merges take them in with the rest. Merging before the table is built also leaves the
/// table and the second pass fewer segments to read.
fn merge(index_dir: &Path, optimize: Option<u32>) -> Result<(), MorgueError> {
    let morgue_index = MorgueIndex::open(index_dir)?;
    let index = &morgue_index.index;
    let mut writer: IndexWriter<backlog::Queued> = morgue_index.writer(1, MERGE_WRITER_MEMORY)?;
    writer.set_merge_policy(index::merge::policy_during_run());
    let write_failed = |e| MorgueError::write_failed(index_dir, e);
    match optimize {
        None => index::merge::merge_committed(&mut writer, index).map_err(write_failed)?,
        Some(articles) => {
            index::merge::merge_down(&mut writer, index, articles).map_err(write_failed)?
        }
    }
    // The merged segments' files, now unused, go now rather than at the next run's commit
    // (after an optimize, as much again as the index on disk).
    writer
        .garbage_collect_files()
        .wait()
        .map_err(write_failed)?;
    Ok(())
}

/// After the last pass: `--optimize`'s merges, then the stored facet ordinals and the count
/// of articles.
fn finish(
    index_dir: &Path,
    options: &IngestOptions,
    summary: &mut RunSummary,
) -> Result<(), MorgueError> {
    if let Some(articles) = options.optimize.filter(|_| !summary.interrupted) {
        merge(index_dir, Some(articles))?;
    }
    let morgue_index = MorgueIndex::open(index_dir)?;
    let searcher = morgue_index
        .index
        .reader()
        .map_err(|e| MorgueError::tantivy(index_dir, e))?
        .searcher();
    crate::search::facets::store_global_ords(&searcher, index_dir)
        .map_err(|e| MorgueError::io(index_dir, e))?;
    summary.articles_in_index = searcher.num_docs();
    Ok(())
}

/// The writer that only merges indexes nothing: tantivy's smallest budget.
const MERGE_WRITER_MEMORY: usize = 15_000_000;

/// One pass of [`run`], with `gazetteer` (the options' plus the archive's alias table), and `stale`
/// files re-resolved whatever their fingerprints say.
fn run_pass(
    index_dir: &Path,
    options: &IngestOptions,
    gazetteer: &Gazetteer,
    stale: Option<&archive_aliases::Stale>,
) -> Result<RunSummary, MorgueError> {
    index::release_freed_writer_memory();
    let morgue_index = MorgueIndex::open_or_create(index_dir)?;
    // Take the writer lock before walking, so a second run fails at once.
    let writer: IndexWriter<backlog::Queued> =
        morgue_index.writer(options.writer_threads, options.writer_memory)?;
    manifest::migrate(index_dir)?;
    if options.force {
        forget_enrichment(index_dir, options)?;
    }
    let verdicts = plan::Verdicts {
        options,
        fingerprints: Fingerprints::of(options),
        refreshable: options.entities && morgue_index.fields.tagged_spans.is_some(),
        stale,
    };
    let today = jiff::ZonedDateTime::now().date();
    let enricher = Enricher::new(
        options
            .entities
            .then_some((gazetteer, options.tagger.clone())),
        today,
    );
    let fields = &morgue_index.fields;

    // The last commit as the run found it: what deletes check and refreshes read from. A
    // second pass reads a few stale articles scattered over the store: without readahead.
    let before = match stale {
        Some(_) => Some(random_access_searcher(index_dir)?),
        None => indexed_before(&morgue_index, index_dir)?,
    };
    // Segments are merged only after the last commit (see `index::merge`).
    writer.set_merge_policy(index::merge::policy_during_run());
    let mut sink = Sink::new(
        writer,
        index_dir,
        fields,
        before.clone(),
        options.commit_interval,
    );
    let progress = progress_bar(options.progress);
    let reopen = || random_access_searcher(index_dir).ok();
    let readers = Readers {
        options,
        enricher: &enricher,
        fields,
        before: before.as_ref(),
        fingerprints: verdicts.fingerprints,
        stale,
        reopen: &reopen,
    };
    let mut summary = run_stages(index_dir, &verdicts, &readers, &mut sink, &progress)?;
    sink.commit(&mut summary)?;
    Ok(summary)
}

/// Runs the planner (its own thread), the readers (rayon) and the writer (this thread) until
/// every walked file is done or the run stops, and returns what they counted; files planned
/// but never read count as pending. Nothing is committed after the last interval's commit:
/// the caller makes the final one.
fn run_stages(
    index_dir: &Path,
    verdicts: &plan::Verdicts,
    readers: &Readers,
    sink: &mut Sink,
    progress: &ProgressBar,
) -> Result<RunSummary, MorgueError> {
    let (job_sender, jobs) = crossbeam_channel::bounded::<Job>(256);
    let (sender, receiver) = crossbeam_channel::bounded::<ToWriter>(64);
    let mut summary = RunSummary::default();
    let (planned, written) = std::thread::scope(|scope| {
        let planner = scope.spawn({
            let sender = sender.clone();
            move || plan::plan(verdicts, index_dir, job_sender, sender, progress)
        });
        scope.spawn(move || readers.run(jobs, sender));
        let written = write_all(&receiver, sink, &mut summary, progress, readers.options);
        let planned = planner
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (planned, written)
    });
    progress.finish_and_clear();
    let received = written?;
    summary.absorb(planned.summary);
    summary.pending = planned.jobs - received;
    summary.interrupted |= summary.pending > 0;
    Ok(summary)
}

/// The reader stage: what each rayon worker needs to turn a job into a message for the writer.
struct Readers<'a> {
    options: &'a IngestOptions,
    enricher: &'a Enricher,
    fields: &'a crate::index::schema::Fields,
    /// The last commit as the run found it, which refreshes rebuild articles from.
    before: Option<&'a tantivy::Searcher>,
    fingerprints: Fingerprints,
    /// The articles a changed archive alias table made stale (second pass only).
    stale: Option<&'a archive_aliases::Stale>,
    /// Opens a searcher over the last commit for each part of a big refresh.
    reopen: &'a read::Reopen<'a>,
}

impl<'a> Readers<'a> {
    /// Does every job on all cores, until the planner is done or the run is stopped.
    fn run(&self, jobs: crossbeam_channel::Receiver<Job>, sender: Sender<ToWriter>) {
        jobs.into_iter()
            .par_bridge()
            .for_each_with(sender, |sender, job| {
                if self.options.stop.load(Ordering::Relaxed) {
                    return;
                }
                // The receiver only goes away when writing failed; stop quietly then.
                if let Some(message) = self.job(job, sender) {
                    let _ = sender.send(message);
                }
            });
    }

    /// The message a job ends with; `None` when a streamed file was left half-read because
    /// the run stopped.
    fn job(&self, job: Job, sender: &Sender<ToWriter>) -> Option<ToWriter> {
        match job {
            Job::Read {
                file,
                previous,
                known,
            } => Some(ToWriter::File {
                known,
                result: self.read(&file, previous.as_ref(), known, sender)?,
            }),
            // A big streamed file's articles go to the writer in parts, as when it is read.
            Job::Refresh { file, entry }
                if file.format.is_streamed()
                    && file.stamp.size > self.options.refresh_in_memory =>
            {
                self.refresh_streamed(file, &entry, sender)
            }
            Job::Refresh { file, entry } => Some(ToWriter::File {
                known: Known::Indexed,
                result: match self
                    .refresh_from()
                    .and_then(|from| read::refresh_file(&file, &entry, from))
                {
                    Some(result) => result,
                    None => self.read(&file, None, Known::Indexed, sender)?,
                },
            }),
        }
    }

    fn refresh_from(&self) -> Option<read::Refresh<'a>> {
        Some(read::Refresh {
            searcher: self.before?,
            reopen: Some(self.reopen),
            fingerprints: self.fingerprints,
            enricher: self.enricher,
            fields: self.fields,
        })
    }

    /// Refreshes a big streamed file [`REFRESH_PART`] articles at a time: only its stale
    /// articles when the archive's alias table changed (each replaced by its id), else all of
    /// them. When the index cannot vouch for it after all, the parts sent are undone and the
    /// file is read.
    fn refresh_streamed(
        &self,
        file: WalkedFile,
        entry: &FileEntry,
        sender: &Sender<ToWriter>,
    ) -> Option<ToWriter> {
        let path = walk::path_key(&file.path);
        let send = |message| {
            !self.options.stop.load(std::sync::atomic::Ordering::Relaxed)
                && sender.send(message).is_ok()
        };
        let mut part = |docs| {
            send(ToWriter::Part {
                path: path.clone(),
                known: Known::Indexed,
                docs,
            })
        };
        let mut replace = |docs| {
            send(ToWriter::Replace {
                path: path.clone(),
                docs,
            })
        };
        let stale = self.stale.and_then(|s| s.articles(&path));
        let refreshed = match (self.refresh_from(), stale) {
            (Some(from), Some(ids)) => {
                read::refresh_articles(ids, from, REFRESH_PART, &mut replace)
                    .map(|()| read::refreshed_entry(entry, self.fingerprints))
            }
            (Some(from), None) => {
                read::refresh_in_parts(&file, entry, from, REFRESH_PART, &mut part)
            }
            (None, _) => Err(read::RefreshStopped::NotVouched { sent: false }),
        };
        let result = match refreshed {
            Ok(entry) => FileResult::Indexed {
                path,
                entry,
                docs: Vec::new(),
                refreshed: true,
            },
            Err(read::RefreshStopped::Refused) => return None,
            Err(read::RefreshStopped::NotVouched { sent }) => {
                if sent {
                    sender.send(ToWriter::Restart { path }).ok()?;
                }
                self.read(&file, None, Known::Indexed, sender)?
            }
        };
        Some(ToWriter::File {
            known: Known::Indexed,
            result,
        })
    }

    fn read(
        &self,
        file: &WalkedFile,
        previous: Option<&FileEntry>,
        known: Known,
        sender: &Sender<ToWriter>,
    ) -> Option<FileResult> {
        if let Some(hook) = &self.options.before_read {
            hook(&file.path);
        }
        if file.format.is_streamed() {
            let streamer = stream::Streamer {
                finisher: read::Finisher {
                    options: self.options,
                    enricher: self.enricher,
                    fields: self.fields,
                },
                fingerprints: self.fingerprints,
                stop: &self.options.stop,
            };
            return streamer.read(file, previous, known, sender);
        }
        Some(read::read_file(
            file,
            previous,
            self.fingerprints,
            self.options,
            self.enricher,
            self.fields,
        ))
    }
}

/// Articles per part of a big streamed file's refresh.
const REFRESH_PART: usize = 1_000;

/// The writer stage, on the calling thread: applies every message until the planner and
/// readers are done, committing when due. Returns how many files reached it, or the first
/// write error; after one, the planner and readers are told to stop and what they still
/// send is drained without being written.
fn write_all(
    receiver: &Receiver<ToWriter>,
    sink: &mut Sink,
    summary: &mut RunSummary,
    progress: &ProgressBar,
    options: &IngestOptions,
) -> Result<usize, MorgueError> {
    let mut received = 0;
    let mut write_error = None;
    loop {
        // Wake up when a commit is due even if no file arrives (one long file must not hold
        // back the commit of everything read before it). After a write error nothing is
        // committed any more.
        let next = if write_error.is_some() {
            receiver
                .recv()
                .map_err(|_| crossbeam_channel::RecvTimeoutError::Disconnected)
        } else {
            receiver.recv_timeout(sink.time_to_wait())
        };
        let message = match next {
            Ok(message) => Some(message),
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        };
        if let Some(ToWriter::File { .. }) = message {
            progress.inc(1);
            received += 1;
        }
        if write_error.is_some() {
            continue;
        }
        let applied = match message {
            Some(message) => sink.apply(message, summary),
            None => Ok(()),
        };
        if let Err(e) = applied.and_then(|()| sink.commit_if_due(summary)) {
            // Tell the planner and readers to stop: nothing more can be written.
            options.stop.store(true, Ordering::Relaxed);
            write_error = Some(e);
        }
    }
    match write_error {
        Some(e) => Err(e),
        None => Ok(received),
    }
}

/// A `--force` run marks every file under its roots as extracted with no known fingerprint,
/// and writes that before reading: if the run is stopped, the files it did not reach yet are
/// read again by the next plain run instead of counting as unchanged. Each file's entry gets
/// the real fingerprints back when its new articles are committed.
fn forget_enrichment(index_dir: &Path, options: &IngestOptions) -> Result<(), MorgueError> {
    let roots = options.root_keys();
    manifest::rewrite(index_dir, &BTreeMap::new(), |path, entry| {
        if roots.iter().any(|root| manifest::is_under(path, root)) {
            entry.enrichment = UNKNOWN_FINGERPRINT;
        }
    })
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

/// A searcher over the last commit whose file maps read no more than each lookup needs
/// (`MADV_RANDOM`): rebuilding a few thousand stored articles spread over a big docstore
/// with the kernel's readahead mapped ~550 MB of their neighbours into the process on a
/// 2 GB file (README, "Memory").
fn random_access_searcher(index_dir: &Path) -> Result<tantivy::Searcher, MorgueError> {
    use tantivy::directory::{Advice, MmapDirectory};
    let tantivy_err = |e| MorgueError::tantivy(index_dir, e);
    let directory = MmapDirectory::open_with_madvice(index_dir, Advice::Random)
        .map_err(|e| tantivy_err(e.into()))?;
    let reader = tantivy::Index::open(directory)
        .map_err(tantivy_err)?
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(tantivy_err)?;
    Ok(reader.searcher())
}

/// A bar whose length grows as the planner finds files to read.
fn progress_bar(enabled: bool) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}
