//! Ranking quality with binary relevance: average precision, precision at k and nDCG at k.
//!
//! Definitions follow trec_eval: average precision divides by the number of relevant
//! documents, so a relevant document the ranking never retrieves counts as precision 0;
//! nDCG uses gain 1 for a relevant document and discount log2(rank + 1). A document listed
//! twice counts at its first rank only.
//!
//! Its unit tests are in `metrics_tests.rs` (see there why).

use std::collections::{BTreeSet, HashSet};

/// Mean over the ranks of the relevant documents retrieved of the precision at that rank,
/// summed and divided by all relevant documents (retrieved or not).
pub fn average_precision(ranking: &[u32], relevant: &BTreeSet<u32>) -> f64 {
    if relevant.is_empty() {
        return 0.0;
    }
    let mut found = 0;
    let mut sum = 0.0;
    for (rank, _) in first_hits(ranking, relevant) {
        found += 1;
        sum += found as f64 / rank as f64;
    }
    sum / relevant.len() as f64
}

/// Share of the first `k` ranks holding a relevant document (a short list is not excused).
pub fn precision_at(ranking: &[u32], relevant: &BTreeSet<u32>, k: usize) -> f64 {
    let hits = first_hits(ranking, relevant)
        .filter(|&(rank, _)| rank <= k)
        .count();
    hits as f64 / k as f64
}

/// Discounted cumulative gain of the first `k` ranks over that of the best possible ranking.
pub fn ndcg_at(ranking: &[u32], relevant: &BTreeSet<u32>, k: usize) -> f64 {
    let discount = |rank: usize| 1.0 / (rank as f64 + 1.0).log2();
    let dcg: f64 = first_hits(ranking, relevant)
        .filter(|&(rank, _)| rank <= k)
        .map(|(rank, _)| discount(rank))
        .sum();
    let ideal: f64 = (1..=k.min(relevant.len())).map(discount).sum();
    if ideal == 0.0 { 0.0 } else { dcg / ideal }
}

/// 1-based ranks of relevant documents, each document at its first appearance only.
fn first_hits<'a>(
    ranking: &'a [u32],
    relevant: &'a BTreeSet<u32>,
) -> impl Iterator<Item = (usize, u32)> + 'a {
    let mut seen = HashSet::new();
    ranking
        .iter()
        .enumerate()
        .filter(move |&(_, doc)| seen.insert(*doc))
        .filter(|&(_, doc)| relevant.contains(doc))
        .map(|(i, &doc)| (i + 1, doc))
}
