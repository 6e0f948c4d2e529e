//! `morgue check`: does the index hold exactly what the manifest says was indexed?
//!
//! Counts the live articles of every file and every article id in the index and compares them
//! with the manifest. A consistent index has each indexed file's articles exactly once, and
//! nothing else. After a run was killed the manifest may lag the last commit (files in the
//! index it does not list yet); the next `morgue index` repairs that.

use crate::error::MorgueError;
use crate::index::MorgueIndex;
use crate::index::manifest::{Entries, Outcome};
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, TERMINATED};

/// At most this many paths are listed per kind of problem (the counts are always complete).
const LISTED: usize = 20;

#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub consistent: bool,
    pub articles_in_index: u64,
    pub files_in_index: usize,
    /// Files the manifest lists as indexed, and the articles it says they hold.
    pub files_in_manifest: usize,
    pub articles_in_manifest: usize,
    /// Article ids present more than once.
    pub duplicate_ids: Problems,
    /// Files the manifest lists as indexed that have no articles in the index.
    pub missing_files: Problems,
    /// Files with articles in the index that the manifest does not list as indexed.
    pub unlisted_files: Problems,
    /// Files whose article count differs from the manifest's.
    pub miscounted_files: Problems,
}

/// A count and the first few paths (or ids) it counts.
#[derive(Debug, Default, Serialize)]
pub struct Problems {
    pub count: usize,
    pub examples: Vec<String>,
}

impl Problems {
    fn add(&mut self, example: impl Into<String>) {
        self.count += 1;
        if self.examples.len() < LISTED {
            self.examples.push(example.into());
        }
    }
}

pub fn check(index: &MorgueIndex) -> Result<CheckReport, MorgueError> {
    let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
    let reader = index.index.reader().map_err(tantivy_err)?;
    let searcher = reader.searcher();
    let mut per_file = live_counts(&searcher, index.fields.file).map_err(tantivy_err)?;
    let files_in_index = per_file.len();
    let per_id = live_counts(&searcher, index.fields.id).map_err(tantivy_err)?;

    let mut duplicate_ids = Problems::default();
    for (id, _) in per_id.iter().filter(|(_, n)| **n > 1) {
        duplicate_ids.add(id.as_str());
    }
    let mut missing_files = Problems::default();
    let mut miscounted_files = Problems::default();
    let mut files_in_manifest = 0;
    let mut articles_in_manifest = 0;
    // The manifest is streamed; what it lists is taken out of `per_file`, so what is left
    // there is what the index holds and the manifest does not list.
    for (path, entry) in Entries::open(&index.dir) {
        let Outcome::Indexed { articles, .. } = entry.outcome else {
            continue;
        };
        files_in_manifest += 1;
        articles_in_manifest += articles;
        match per_file.remove(&path) {
            None if articles > 0 => missing_files.add(path.as_str()),
            Some(found) if found != articles => {
                miscounted_files.add(format!("{path} ({found} in the index, {articles} listed)"))
            }
            _ => {}
        }
    }
    let mut unlisted_files = Problems::default();
    for path in per_file.keys() {
        unlisted_files.add(path.as_str());
    }
    let consistent = duplicate_ids.count == 0
        && missing_files.count == 0
        && unlisted_files.count == 0
        && miscounted_files.count == 0;
    Ok(CheckReport {
        consistent,
        articles_in_index: searcher.num_docs(),
        files_in_index,
        files_in_manifest,
        articles_in_manifest,
        duplicate_ids,
        missing_files,
        unlisted_files,
        miscounted_files,
    })
}

/// For each term of an untokenized field, how many live (not deleted) documents hold it.
fn live_counts(
    searcher: &tantivy::Searcher,
    field: Field,
) -> tantivy::Result<BTreeMap<String, usize>> {
    let mut counts = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let alive = segment.alive_bitset();
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut live = 0;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    live += 1;
                }
                doc = postings.advance();
            }
            if live > 0 {
                let key = String::from_utf8_lossy(terms.key()).into_owned();
                *counts.entry(key).or_insert(0) += live;
            }
        }
    }
    Ok(counts)
}
