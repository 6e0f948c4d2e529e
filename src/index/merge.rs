//! Which segments tantivy merges while indexing: its log-structured policy, with merged
//! segments kept under a size.
//!
//! A merge maps every page of the segments it reads. With tantivy's default policy a large
//! archive ends in a few huge segments, and the last merges of a 300,000-article run mapped
//! 640 MB of index files at once: page cache, but counted in the process's peak RSS, which
//! then passed 1 GB while its heap stayed under 400 MB. Capping the merged size caps that, at
//! the cost of a few more segments for a search to visit (a handful per million articles).

use std::collections::HashMap;
use tantivy::IndexWriter;
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy, NoMergePolicy};

/// The merge policy for one `morgue index` run: no merge while it runs; the run calls
/// [`merge_committed`] after its last commit. Two reasons:
/// - tantivy 0.27 can lose a delete when a merge runs while deletes and commits go on: a
///   replaced file's old article survived beside its new version (a run killed during
///   `--force` and finished by a plain run, with commits every 50 ms, reproduced it;
///   `tests/robustness.rs`); after the last commit no delete is pending.
/// - memory: a merge maps every page of the segments it reads (up to [`MAX_MERGED_ARTICLES`],
///   ~200 MB), counted in the process's RSS. Beside the writer's arenas and queue that took a
///   first run over one 2 GB file past 400 MB; after the last commit the arenas are gone.
pub fn policy_during_run() -> Box<dyn MergePolicy> {
    Box::new(NoMergePolicy)
}

/// Runs the merges [`BoundedMergePolicy`] asks for on the committed segments, one at a time,
/// until it asks for none. Call only with no delete pending (right after a commit).
pub fn merge_committed<D: tantivy::Document>(
    writer: &mut IndexWriter<D>,
    index: &tantivy::Index,
) -> tantivy::Result<()> {
    let policy = BoundedMergePolicy::default();
    // Each round merges segments into fewer, larger ones; the bound only guards the loop.
    for _ in 0..64 {
        let candidates = policy.compute_merge_candidates(&index.searchable_segment_metas()?);
        if candidates.is_empty() {
            break;
        }
        for MergeCandidate(ids) in candidates {
            writer.merge(&ids).wait()?;
        }
    }
    Ok(())
}

/// Merges the committed segments into as few as hold `max_articles` live articles each
/// (`morgue index --optimize`): smallest first, each group filled up to the size. A search
/// opens every segment and merges facet counts across them, so an archive that is done
/// growing answers faster in fewer segments (a million articles: 30 segments -> 5). Such a
/// merge maps the segments it reads, counted in the process's peak RSS, which
/// [`MAX_MERGED_ARTICLES`] otherwise keeps down. Call only with no delete pending.
pub fn merge_down<D: tantivy::Document>(
    writer: &mut IndexWriter<D>,
    index: &tantivy::Index,
    max_articles: u32,
) -> tantivy::Result<()> {
    let metas = index.searchable_segment_metas()?;
    let groups = groups_up_to(
        metas
            .iter()
            .map(|m| (m.id(), m.num_docs(), m.has_deletes())),
        max_articles,
    );
    // All at once: tantivy runs them on its merge threads, one core each.
    let merges: Vec<_> = groups.iter().map(|ids| writer.merge(ids)).collect();
    for merge in merges {
        merge.wait()?;
    }
    Ok(())
}

/// Segments `(id, live articles, has deletes)` grouped, smallest first, into groups of at
/// most `max_articles`; only groups that change something (two or more segments, or one
/// with deleted articles to drop).
fn groups_up_to(
    segments: impl Iterator<Item = (SegmentId, u32, bool)>,
    max_articles: u32,
) -> Vec<Vec<SegmentId>> {
    let mut segments: Vec<(SegmentId, u32, bool)> = segments.collect();
    segments.sort_by_key(|&(_, docs, _)| docs);
    let mut groups: Vec<(Vec<SegmentId>, u32, bool)> = Vec::new();
    for (id, docs, deletes) in segments {
        match groups.last_mut() {
            Some((ids, total, any_deletes)) if total.saturating_add(docs) <= max_articles => {
                ids.push(id);
                *total += docs;
                *any_deletes |= deletes;
            }
            _ => groups.push((vec![id], docs, deletes)),
        }
    }
    groups
        .into_iter()
        .filter(|(ids, _, deletes)| ids.len() >= 2 || *deletes)
        .map(|(ids, _, _)| ids)
        .collect()
}

/// Largest segment a merge may produce, in articles: about 200 MB of index at 4.5 KB each.
pub const MAX_MERGED_ARTICLES: u32 = 45_000;

/// [`LogMergePolicy`] whose merges never produce more than `max_merged` documents: each
/// candidate keeps its smallest segments up to that total (a candidate of one segment, which
/// drops deleted documents, passes as it is).
#[derive(Debug)]
pub struct BoundedMergePolicy {
    log: LogMergePolicy,
    max_merged: u32,
}

impl BoundedMergePolicy {
    pub fn new(max_merged: u32) -> BoundedMergePolicy {
        let mut log = LogMergePolicy::default();
        // A segment over half the cap can only be merged alone (to drop deleted documents).
        log.set_max_docs_before_merge(max_merged as usize / 2);
        BoundedMergePolicy { log, max_merged }
    }
}

impl Default for BoundedMergePolicy {
    fn default() -> BoundedMergePolicy {
        BoundedMergePolicy::new(MAX_MERGED_ARTICLES)
    }
}

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        self.log
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|MergeCandidate(mut ids)| {
                let single = ids.len() == 1;
                let docs_of = |id: &SegmentId| docs.get(id).copied().unwrap_or(0);
                ids.sort_by_key(docs_of);
                let mut total = 0u32;
                let mut kept: Vec<SegmentId> = ids
                    .into_iter()
                    .take_while(|id| {
                        total = total.saturating_add(docs_of(id));
                        total <= self.max_merged
                    })
                    .collect();
                // Largest first, as tantivy's policy orders them (with the smallest first and
                // merges during replacing runs, old articles survived their deletes far more
                // often; see `policy_during_run`).
                kept.reverse();
                // One segment alone is tantivy's way to drop a segment's deleted documents.
                (!kept.is_empty() && (kept.len() >= 2 || single)).then_some(MergeCandidate(kept))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(crate::index::schema::build_schema());
        sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn merged_sizes(policy: &BoundedMergePolicy, metas: &[SegmentMeta]) -> Vec<u32> {
        let docs: HashMap<SegmentId, u32> = metas.iter().map(|s| (s.id(), s.num_docs())).collect();
        policy
            .compute_merge_candidates(metas)
            .iter()
            .map(|c| c.0.iter().map(|id| docs[id]).sum())
            .collect()
    }

    #[test]
    fn merging_down_fills_groups_smallest_first_up_to_the_size() {
        let ids: Vec<SegmentId> = (0..7).map(|_| SegmentId::generate_random()).collect();
        let sizes = [40, 10, 45, 30, 5, 45, 100];
        let deletes = [false, false, false, false, false, true, false];
        let groups = groups_up_to((0..7).map(|i| (ids[i], sizes[i], deletes[i])), 100);
        let as_sizes: Vec<Vec<u32>> = groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|id| sizes[ids.iter().position(|i| i == id).unwrap()])
                    .collect()
            })
            .collect();
        // 5+10+30+40 = 85 (45 would pass 100); 45+45 (one with deletes); 100 alone is left.
        assert_eq!(as_sizes, vec![vec![5, 10, 30, 40], vec![45, 45]]);
        // One segment with deleted articles is rewritten without them; one without, not.
        assert_eq!(groups_up_to([(ids[0], 10, true)].into_iter(), 100).len(), 1);
        assert!(groups_up_to([(ids[0], 10, false)].into_iter(), 100).is_empty());
    }

    #[test]
    fn merges_stay_under_the_cap_and_small_segments_still_merge() {
        let policy = BoundedMergePolicy::new(1_000);
        // Eight small segments: one merge of all of them, as tantivy's policy would.
        let small = segments(&[100; 8]);
        assert_eq!(merged_sizes(&policy, &small), vec![800]);
        // Eight of 400: tantivy would merge all eight (3,200); capped, the two smallest.
        let large = segments(&[400; 8]);
        assert_eq!(merged_sizes(&policy, &large), vec![800]);
        // Segments over half the cap are left alone.
        let over = segments(&[600; 8]);
        assert!(merged_sizes(&policy, &over).is_empty());
    }
}
