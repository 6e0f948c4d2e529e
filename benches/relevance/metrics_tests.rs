//! Unit tests of the relevance bench's metrics (`metrics.rs`), built as their own bench target
//! with the standard test harness: `cargo test --bench relevance_metrics`. The `relevance`
//! target itself runs without a harness, so tests inside it would never run.

#[path = "metrics.rs"]
mod metrics;

use metrics::{average_precision, ndcg_at, precision_at};
use std::collections::BTreeSet;

fn set(docs: &[u32]) -> BTreeSet<u32> {
    docs.iter().copied().collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn average_precision_counts_unretrieved_documents_as_zero() {
    // Relevant at ranks 1, 3 and 6; a fourth relevant document (9) is never retrieved.
    let ranking = [1, 2, 3, 4, 5, 6];
    let relevant = set(&[1, 3, 6, 9]);
    let expected = (1.0 / 1.0 + 2.0 / 3.0 + 3.0 / 6.0) / 4.0;
    assert!(close(average_precision(&ranking, &relevant), expected));
    // All relevant documents first: 1.0. None retrieved: 0.
    assert!(close(average_precision(&[9, 6, 3, 1, 2], &relevant), 1.0));
    assert!(close(average_precision(&[2, 4, 5], &relevant), 0.0));
    assert!(close(average_precision(&[], &relevant), 0.0));
}

#[test]
fn a_repeated_document_counts_once() {
    let relevant = set(&[1, 3]);
    // Without dedup the second 1 would add 2/2 and lift AP above (1 + 2/3) / 2.
    assert!(close(
        average_precision(&[1, 1, 3], &relevant),
        (1.0 + 2.0 / 3.0) / 2.0
    ));
}

#[test]
fn precision_at_ten_divides_by_ten_even_for_short_lists() {
    let relevant = set(&[1, 3, 20]);
    assert!(close(precision_at(&[1, 2, 3], &relevant, 10), 0.2));
    let long: Vec<u32> = (1..=30).collect();
    assert!(close(precision_at(&long, &relevant, 10), 0.2));
}

#[test]
fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
    let relevant = set(&[7, 8]);
    assert!(close(ndcg_at(&[7, 8, 1, 2], &relevant, 10), 1.0));
    assert!(close(ndcg_at(&[8, 7], &relevant, 10), 1.0));
    // Relevant at ranks 2 and 4: (1/log2 3 + 1/log2 5) / (1 + 1/log2 3).
    let got = ndcg_at(&[1, 7, 2, 8], &relevant, 10);
    let expected = (1.0 / 3f64.log2() + 1.0 / 5f64.log2()) / (1.0 + 1.0 / 3f64.log2());
    assert!(close(got, expected), "{got} vs {expected}");
    assert!(got < 1.0);
    // Past the cutoff a relevant document earns nothing.
    let late: Vec<u32> = (100..110).chain([7, 8]).collect();
    assert!(close(ndcg_at(&late, &relevant, 10), 0.0));
}

#[test]
fn ndcg_ideal_is_capped_at_k_relevant_documents() {
    // Twelve relevant documents, ten of them in the top ten: a perfect top ten.
    let relevant: BTreeSet<u32> = (1..=12).collect();
    let ranking: Vec<u32> = (1..=10).collect();
    assert!(close(ndcg_at(&ranking, &relevant, 10), 1.0));
}
