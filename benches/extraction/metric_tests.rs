//! Unit tests of the extraction bench's metric (`metric.rs`), as their own bench target with
//! the standard harness: `cargo test --bench extraction_metric`. The figures are worked by
//! hand from the benchmark's `evaluate.py`.

#[path = "metric.rs"]
mod metric;

use metric::{page_scores, scores, tokens};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn tokens_are_runs_of_word_characters_with_case_kept() {
    assert_eq!(
        tokens("Don't stop_now, Ünïcode 42!"),
        ["Don", "t", "stop_now", "Ünïcode", "42"]
    );
}

#[test]
fn shingles_compare_as_multisets_normalised_per_page() {
    // Truth has 3 shingles (a b c d, b c d e, c d e f); the prediction 2 (a b c d, b c d x).
    let (tp, fp, fn_) = page_scores("a b c d e f", "a b c d x");
    assert!(close(tp, 1.0 / 4.0) && close(fp, 1.0 / 4.0) && close(fn_, 2.0 / 4.0));
    // Shorter than four tokens: one shorter shingle.
    assert_eq!(page_scores("a b", "a b"), (1.0, 0.0, 0.0));
    assert_eq!(page_scores("", ""), (0.0, 0.0, 0.0));
}

#[test]
fn f1_is_the_harmonic_mean_of_averaged_precision_and_recall() {
    // Page 1 perfect; page 2 nothing predicted (recall 0, no precision: left out of its mean).
    let s = scores(&[(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]);
    assert!(close(s.precision, 1.0) && close(s.recall, 0.5));
    assert!(close(s.f1, 2.0 * 0.5 / 1.5));
}
