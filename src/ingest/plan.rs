//! Planning a run: the walk merged with the manifest, both in the same order, into the jobs
//! the readers do and the deletions the writer does. Runs on its own thread and holds one
//! walk entry and one manifest entry at a time, so memory does not grow with the archive.

use super::messages::{Job, Known, ToWriter};
use super::{IngestOptions, RunSummary};
use crate::index::manifest::{self, Entries, FileEntry, Outcome};
use crate::skip::{Problem, SkipReason};
use crate::walk::{self, WalkItem, WalkedFile};
use crossbeam_channel::Sender;
use indicatif::ProgressBar;
use std::sync::atomic::Ordering;

/// Whether a manifest entry still holds for this run.
pub(super) struct Verdicts<'a> {
    pub(super) options: &'a IngestOptions,
    pub(super) fingerprints: Fingerprints,
    /// The index stores tagger spans, so entities can be re-resolved without reading.
    pub(super) refreshable: bool,
    /// Files (manifest keys) whose entities must be re-resolved although their fingerprints
    /// are current: they write an acronym or surname the archive's table now reads otherwise.
    pub(super) stale: Option<&'a super::archive_aliases::Stale>,
}

impl Verdicts<'_> {
    /// Entities depend on the tagger model and the rules as much as on the files: a file whose
    /// entities were extracted with others is read again (as with --force).
    fn tags_current(&self, entry: &FileEntry, file: &WalkedFile) -> bool {
        !self.options.force
            && entry.enrichment == self.fingerprints.enrichment
            && still_valid(entry, file, self.options)
    }

    /// Nothing about the file needs redoing. A skipped file has no entities, so the alias
    /// lists cannot make it stale.
    fn current(&self, entry: &FileEntry, file: &WalkedFile) -> bool {
        self.tags_current(entry, file)
            && !self
                .stale
                .is_some_and(|stale| stale.contains(&walk::path_key(&file.path)))
            && (entry.aliases == self.fingerprints.aliases
                || matches!(entry.outcome, Outcome::Skipped { .. }))
    }

    /// The job for a walked file and what the manifest knew of it; `None` when the file is
    /// unchanged (it is counted, and its notes listed again, in `summary`).
    fn job(
        &self,
        file: WalkedFile,
        known: Option<FileEntry>,
        summary: &mut RunSummary,
    ) -> Option<Job> {
        match known {
            Some(entry) if entry.matches(file.stamp) && self.current(&entry, &file) => {
                match entry.outcome {
                    Outcome::Indexed {
                        notes,
                        ignored_records,
                        ..
                    } => {
                        summary.unchanged += 1;
                        summary.ignored_records += ignored_records;
                        // Bad records and warnings still stand: list them again.
                        notes.into_iter().for_each(|n| summary.note(n));
                    }
                    Outcome::Skipped { skip } => summary.skip(&walk::path_key(&file.path), &skip),
                }
                None
            }
            Some(entry)
                if entry.matches(file.stamp)
                    && self.refreshable
                    && self.tags_current(&entry, &file) =>
            {
                Some(Job::Refresh { file, entry })
            }
            known => {
                // The content hash may only vouch for a file when nothing else changed.
                let kind = Known::of(known.as_ref());
                let previous = known.filter(|e| self.current(e, &file));
                Some(Job::Read {
                    file,
                    known: kind,
                    previous,
                })
            }
        }
    }
}

/// What the planner counted (walked, unchanged, skipped, ignored files) and how many jobs it
/// handed to the readers.
#[derive(Default)]
pub(super) struct Planned {
    pub(super) summary: RunSummary,
    pub(super) jobs: usize,
}

/// Walks the roots, compares each file with its manifest entry and sends what needs doing:
/// jobs to the readers, deletions (files gone, or now ignored or unwalkable) to the writer.
/// Manifest entries outside the roots are left alone. Entries the walk did not reach because
/// the run stopped are left too: only a walk that went past a path may call it gone.
pub(super) fn plan(
    verdicts: &Verdicts,
    index_dir: &std::path::Path,
    jobs: Sender<Job>,
    writer: Sender<ToWriter>,
    progress: &ProgressBar,
) -> Planned {
    let options = verdicts.options;
    let roots = options.root_keys();
    let vanish = |path: String, entry: FileEntry| {
        if roots.iter().any(|root| manifest::is_under(&path, root)) {
            // The writer only goes away after the planner is done.
            let _ = writer.send(ToWriter::Vanished { path, entry });
        }
    };
    let mut entries = Entries::open(index_dir).peekable();
    let mut planned = Planned::default();
    let summary = &mut planned.summary;
    for item in walk::walk(&options.roots, options.follow_links) {
        if options.stop.load(Ordering::Relaxed) {
            summary.interrupted = true;
            break;
        }
        summary.files_seen += 1;
        let key = walk::path_key(item.path());
        while let Some((path, entry)) =
            entries.next_if(|(p, _)| crate::walk::key_cmp(p, &key).is_lt())
        {
            vanish(path, entry);
        }
        let known = entries.next_if(|(p, _)| *p == key).map(|(_, entry)| entry);
        match item {
            WalkItem::Ignored { why, .. } => {
                summary.note(Problem::ignored(&key, why));
                // A file that is no longer read loses its articles.
                if let Some(entry) = known {
                    vanish(key, entry);
                }
            }
            WalkItem::Failed { skip, .. } => {
                summary.skip(&key, &skip);
                if let Some(entry) = known {
                    vanish(key, entry);
                }
            }
            WalkItem::File(file) => {
                if let Some(job) = verdicts.job(file, known, summary) {
                    // Counted before it is sent: a job never read counts as pending.
                    planned.jobs += 1;
                    progress.inc_length(1);
                    if jobs.send(job).is_err() {
                        // The readers are gone (a write failed): nothing more can be done.
                        summary.interrupted = true;
                        break;
                    }
                }
            }
        }
    }
    if !summary.interrupted {
        // The walk saw everything, so files it did not see are gone.
        entries.for_each(|(path, entry)| vanish(path, entry));
    }
    planned
}

/// Whether a manifest entry's verdict still holds under this run's options: a size limit
/// may have been raised (or lowered) since the file was judged. A streamed file is never
/// judged by its size: the limit applies to each record, and records over it stay bad
/// records until the file changes or a `--force` run reads it again (a changed limit is not
/// worth reading a multi-GB file again on every run). A streamed file skipped as too large
/// (by a version that refused such files whole, or as a bomb, which is cheap to judge again)
/// is read again.
fn still_valid(entry: &FileEntry, file: &WalkedFile, options: &IngestOptions) -> bool {
    let too_large_before =
        matches!(&entry.outcome, Outcome::Skipped { skip } if skip.reason == SkipReason::TooLarge);
    if file.format.is_streamed() {
        return !too_large_before;
    }
    !too_large_before && entry.size <= options.max_file_size
}

/// What a file's entities depend on besides the file, in two parts, because they cost very
/// different amounts to bring up to date (see `Job`).
#[derive(Clone, Copy)]
pub(super) struct Fingerprints {
    /// Entities on or off, the rules' own data and version, the tagger model: a change means
    /// reading and tagging the file again.
    pub(super) enrichment: u64,
    /// The alias lists (built-in and the user's): a change only means re-resolving names.
    pub(super) aliases: u64,
}

impl Fingerprints {
    pub(super) fn of(options: &IngestOptions) -> Fingerprints {
        if !options.entities {
            return Fingerprints {
                enrichment: xxhash_rust::xxh3::xxh3_64(b"no-entities"),
                aliases: 0,
            };
        }
        let mut aliases = String::new();
        for entry in options.gazetteer.entries() {
            aliases.push_str(&format!(
                "{:?}\t{}\t{}\t{}\n",
                entry.kind,
                entry.canonical,
                entry.aliases.join("|"),
                entry.years
            ));
        }
        use crate::enrich::entities;
        // The tagger by the hash of its model: a retrained model re-tags every file even when
        // it has as many features as the one before.
        let enrichment = format!(
            "{}-{}-{}-{:016x}-{:016x}",
            env!("CARGO_PKG_VERSION"),
            entities::EXTRACTION_VERSION,
            crate::enrich::copies::SKETCH_VERSION,
            entities::rules_data_hash(),
            options.tagger.identity()
        );
        Fingerprints {
            enrichment: xxhash_rust::xxh3::xxh3_64(enrichment.as_bytes()),
            aliases: xxhash_rust::xxh3::xxh3_64(aliases.as_bytes()),
        }
    }
}
