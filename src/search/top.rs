//! The best hits by score, with the pruning bound carried from one segment to the next.
//!
//! tantivy's `TopDocs` ranks each segment on its own, so every segment starts with no bound
//! and scores its first k matches in full before block-max WAND can skip anything. Here the
//! segments share one heap: once k hits are known, the k-th best score is the bound every
//! later segment starts from, and a block whose best possible score cannot beat it is skipped.
//! The list is the one `TopDocs` gives (ties go to the lower address), as the tests check.
//! [`Ranked`] and [`Best`] (a hit's rank, the k best so far) serve date order too.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, Score, Searcher};

/// The `limit` best hits after skipping the `offset` best, best first.
pub fn by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let k = limit.saturating_add(offset);
    if k == 0 {
        return Ok(Vec::new());
    }
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut best = Best::new(k);
    // Docs scoring at or below the bound cannot enter: with equal scores the earlier
    // address (an earlier segment, or a lower doc) ranks first.
    let bound = |best: &Best<ScoreKey>| best.threshold().map_or(Score::MIN, |worst| worst.key.0);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let start = bound(&best);
        weight.for_each_pruning(start, reader, &mut |doc, score| {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                return bound(&best);
            }
            best.offer(Ranked {
                key: ScoreKey(score),
                address: DocAddress::new(ord as u32, doc),
            });
            bound(&best)
        })?;
    }
    Ok(best
        .into_sorted()
        .into_iter()
        .skip(offset)
        .map(|hit| (hit.key.0, hit.address))
        .collect())
}

/// A hit ordered by rank, greater is better: the greater key, then the lower address (the
/// tie-break tantivy's collectors use, so our lists match theirs). Ranking by score and by
/// date differ only in the key.
#[derive(Debug, Clone, Copy)]
pub struct Ranked<K> {
    pub key: K,
    pub address: DocAddress,
}

impl<K: Ord> Ord for Ranked<K> {
    fn cmp(&self, other: &Ranked<K>) -> Ordering {
        self.key
            .cmp(&other.key)
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl<K: Ord> PartialOrd for Ranked<K> {
    fn partial_cmp(&self, other: &Ranked<K>) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<K: Ord> PartialEq for Ranked<K> {
    fn eq(&self, other: &Ranked<K>) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<K: Ord> Eq for Ranked<K> {}

/// A score as a ranking key. Scores are floats, which have no total order of their own;
/// `total_cmp` gives every score (NaN included) one place, so a heap of them stays sound.
#[derive(Debug, Clone, Copy)]
pub struct ScoreKey(pub Score);

impl Ord for ScoreKey {
    fn cmp(&self, other: &ScoreKey) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl PartialOrd for ScoreKey {
    fn partial_cmp(&self, other: &ScoreKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for ScoreKey {
    fn eq(&self, other: &ScoreKey) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for ScoreKey {}

/// The `k` greatest hits offered so far: a min-heap whose root is the one to beat.
pub struct Best<K> {
    heap: BinaryHeap<Reverse<Ranked<K>>>,
    k: usize,
}

impl<K: Ord> Best<K> {
    pub fn new(k: usize) -> Best<K> {
        // A huge k (a deep page) must not reserve memory for hits that may never come.
        Best {
            heap: BinaryHeap::with_capacity(k.min(4096) + 1),
            k,
        }
    }

    /// Keeps `hit` if it is among the `k` greatest so far.
    pub fn offer(&mut self, hit: Ranked<K>) {
        if self.heap.len() < self.k {
            self.heap.push(Reverse(hit));
        } else if self.heap.peek().is_some_and(|Reverse(worst)| hit > *worst) {
            self.heap.pop();
            self.heap.push(Reverse(hit));
        }
    }

    /// The least hit kept, once `k` are: a later hit must be greater to get in.
    pub fn threshold(&self) -> Option<&Ranked<K>> {
        match self.heap.peek() {
            Some(Reverse(worst)) if self.heap.len() == self.k => Some(worst),
            _ => None,
        }
    }

    /// The hits kept, in no particular order.
    pub fn into_vec(self) -> Vec<Ranked<K>> {
        self.heap.into_iter().map(|Reverse(hit)| hit).collect()
    }

    /// The hits kept, greatest first.
    pub fn into_sorted(self) -> Vec<Ranked<K>> {
        let mut hits = self.into_vec();
        hits.sort_unstable_by(|a, b| b.cmp(a));
        hits
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::by_score;
    use crate::index::schema::Fields;
    use crate::search::query::parse_user_query;
    use crate::search::test_index;
    use tantivy::Index;
    use tantivy::collector::TopDocs;

    /// Four segments of varied bodies, every fifth repeating one seen before (equal scores
    /// across segments), some titles; when asked, some articles deleted after the fact.
    pub(crate) fn segmented_index(with_deletes: bool) -> (Index, Fields) {
        let words = ["summit", "talks", "market", "report", "council", "minister"];
        let deletes = with_deletes.then_some((3, 11));
        test_index::segmented_index(&[120; 4], deletes, |fields, n, i, segment, doc| {
            let seed = if i % 5 == 0 { i % 7 } else { n * 7919 % 1009 };
            let body: Vec<&str> = (0..(4 + seed % 17))
                .map(|j| words[((seed + j * j) % 6) as usize])
                .collect();
            doc.add_text(fields.body, body.join(" the "));
            if (seed + segment) % 9 == 0 {
                doc.add_text(fields.title, words[(seed % 6) as usize]);
            }
        })
    }

    #[test]
    fn the_same_list_as_top_docs_ties_and_deletes_included() {
        for deletes in [false, true] {
            let (index, fields) = segmented_index(deletes);
            let searcher = index.reader().unwrap().searcher();
            assert!(searcher.segment_readers().len() >= 4);
            for text in [
                "summit",
                "the",
                "title:market",
                "body:council",
                "talks OR minister",
                // Unions of terms: pruned by block-max WAND, as a word in several
                // languages' fields is.
                "title:(talks OR minister OR market)",
                "body:talks OR title:summit OR body:market",
            ] {
                let query = parse_user_query(&index, &fields, text).unwrap();
                for (limit, offset) in [(10, 0), (1, 0), (7, 5), (3, 200), (500, 0)] {
                    let ours = by_score(&searcher, query.as_ref(), limit, offset).unwrap();
                    let theirs = searcher
                        .search(
                            query.as_ref(),
                            &TopDocs::with_limit(limit)
                                .and_offset(offset)
                                .order_by_score(),
                        )
                        .unwrap();
                    assert_eq!(ours, theirs, "{text} {limit}+{offset} deletes {deletes}");
                }
            }
            // The archive does hold ties, across segments too, so their order is tested.
            let query = parse_user_query(&index, &fields, "summit").unwrap();
            let all = by_score(&searcher, query.as_ref(), 500, 0).unwrap();
            let tie = all
                .windows(2)
                .any(|w| w[0].0 == w[1].0 && w[0].1.segment_ord != w[1].1.segment_ord);
            assert!(tie, "no tie across segments among {} hits", all.len());
        }
    }
}
