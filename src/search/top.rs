//! The best hits by score, with the pruning bound carried from one segment to the next.
//!
//! tantivy's `TopDocs` ranks each segment on its own, so every segment starts with no bound
//! and scores its first k matches in full before block-max WAND can skip anything. Here the
//! segments share one heap: once k hits are known, the k-th best score is the bound every
//! later segment starts from, and a block whose best possible score cannot beat it is skipped.
//! The list is the one `TopDocs` gives (ties go to the lower address), as the tests check.

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
    let mut heap: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(k.min(4096) + 1);
    // Docs scoring at or below the bound cannot enter: with equal scores the earlier
    // address (an earlier segment, or a lower doc) ranks first.
    let bound = |heap: &BinaryHeap<Reverse<Ranked>>| match heap.peek() {
        Some(Reverse(worst)) if heap.len() == k => worst.score,
        _ => Score::MIN,
    };
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let start = bound(&heap);
        weight.for_each_pruning(start, reader, &mut |doc, score| {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                return bound(&heap);
            }
            let hit = Ranked {
                score,
                address: DocAddress::new(ord as u32, doc),
            };
            if heap.len() < k {
                heap.push(Reverse(hit));
            } else if heap.peek().is_some_and(|Reverse(worst)| hit > *worst) {
                heap.pop();
                heap.push(Reverse(hit));
            }
            bound(&heap)
        })?;
    }
    let mut best: Vec<Ranked> = heap.into_iter().map(|Reverse(hit)| hit).collect();
    best.sort_unstable_by(|a, b| b.cmp(a));
    Ok(best
        .into_iter()
        .skip(offset)
        .map(|hit| (hit.score, hit.address))
        .collect())
}

/// A hit ordered by rank: a higher score is greater; of equal scores, the lower address.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: Score,
    address: DocAddress,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

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
