//! The Zyte article-extraction-benchmark's metric, reproduced from its `evaluate.py`.
//!
//! Tokens are runs of word characters (Python's `re.findall(r'\w+')` on str, case kept):
//! here a char is a word char when `char::is_alphanumeric()` or `_`, which matches Python's
//! `\w` except for a few combining marks (irrelevant on this mostly English corpus).
//! Shingles are 4-token windows (a text shorter than 4 tokens is one shorter shingle), counted
//! as multisets; a page's tp/fp/fn are normalised by their sum. Precision is averaged over the
//! pages where tp+fp > 0, recall over those where tp+fn > 0, and F1 is the harmonic mean of the
//! two averages (not an average of per-page F1s): the benchmark's published figures are this.

use std::collections::HashMap;

pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let n = 4.min(tokens.len());
    for window in tokens.windows(n) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// (tp, fp, fn) of one page, normalised to sum to 1 (all zero when both texts are empty).
pub fn page_scores(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let (t, p) = (tokens(truth), tokens(predicted));
    let (ts, ps) = (shingles(&t), shingles(&p));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &tc) in &ts {
        let pc = ps.get(k).copied().unwrap_or(0);
        tp += tc.min(pc) as f64;
        fn_ += tc.saturating_sub(pc) as f64;
    }
    for (k, &pc) in &ps {
        fp += pc.saturating_sub(ts.get(k).copied().unwrap_or(0)) as f64;
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        (tp / sum, fp / sum, fn_ / sum)
    } else {
        (0.0, 0.0, 0.0)
    }
}

pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

pub fn scores(pages: &[(f64, f64, f64)]) -> Scores {
    let mean = |xs: Vec<f64>| xs.iter().sum::<f64>() / xs.len().max(1) as f64;
    let precision = mean(
        pages
            .iter()
            .filter(|(tp, fp, _)| tp + fp > 0.0)
            .map(|&(tp, fp, fn_)| page_precision(tp, fp, fn_))
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
            .map(|&(tp, fp, fn_)| page_recall(tp, fp, fn_))
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        precision,
        recall,
        f1,
    }
}

fn page_precision(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn page_recall(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}
