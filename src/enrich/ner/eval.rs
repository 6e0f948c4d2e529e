//! Entity-level scoring exactly as CoNLL-2003's `conlleval` does it: an entity is correct only
//! if its span and type both match a gold entity; a predicted entity with a wrong boundary or
//! type is a false positive *and* the gold one it overlaps is a false negative. Precision,
//! recall and F1 are in percent, as conlleval prints them.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use super::conll::{Sentence, documents};
use super::{NerType, Span, Tagger};

/// Precision, recall and F1 (percent) with the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Exactly matching entities.
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    fn from_counts(correct: usize, predicted: usize, gold: usize) -> Prf {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        let (precision, recall) = (pct(correct, predicted), pct(correct, gold));
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            correct,
            predicted,
            gold,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Keyed by "PER", "ORG", "LOC", "MISC".
    pub per_type: BTreeMap<String, Prf>,
    pub overall: Prf,
}

impl Scores {
    /// A conlleval-like table.
    pub fn table(&self) -> String {
        let row = |name: &str, p: &Prf| {
            format!(
                "{name:>8}: precision {:6.2}%  recall {:6.2}%  F1 {:6.2}  ({} gold, {} predicted, {} correct)\n",
                p.precision, p.recall, p.f1, p.gold, p.predicted, p.correct
            )
        };
        let mut s = row("overall", &self.overall);
        for (k, p) in &self.per_type {
            s.push_str(&row(k, p));
        }
        s
    }
}

/// Scores predicted spans against gold spans, sentence by sentence.
pub fn score(gold: &[Vec<Span>], predicted: &[Vec<Span>]) -> Scores {
    let mut counts: BTreeMap<NerType, [usize; 3]> =
        NerType::ALL.iter().map(|&t| (t, [0; 3])).collect();
    for (g, p) in gold.iter().zip(predicted) {
        let gset: HashSet<&Span> = g.iter().collect();
        for s in p {
            let c = counts.entry(s.kind).or_default();
            c[1] += 1;
            if gset.contains(s) {
                c[0] += 1;
            }
        }
        for s in g {
            counts.entry(s.kind).or_default()[2] += 1;
        }
    }
    let total = counts
        .values()
        .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
    Scores {
        per_type: counts
            .iter()
            .map(|(t, c)| (t.as_str().to_string(), Prf::from_counts(c[0], c[1], c[2])))
            .collect(),
        overall: Prf::from_counts(total[0], total[1], total[2]),
    }
}

/// Tags `sentences` document by document (see [`documents`]), in parallel across documents.
pub fn tag_sentences(tagger: &Tagger, sentences: &[Sentence]) -> Vec<Vec<Span>> {
    let docs = documents(sentences);
    let tagged: Vec<Vec<Vec<Span>>> = docs
        .par_iter()
        .map(|r| {
            let words: Vec<Vec<&str>> = sentences[r.clone()]
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            tagger.tag_document(&words)
        })
        .collect();
    tagged.into_iter().flatten().collect()
}

/// Tags `sentences` and scores the result against their gold spans.
pub fn evaluate(tagger: &Tagger, sentences: &[Sentence]) -> Scores {
    let predicted = tag_sentences(tagger, sentences);
    let gold: Vec<Vec<Span>> = sentences.iter().map(|s| s.spans.clone()).collect();
    score(&gold, &predicted)
}

#[cfg(test)]
mod tests {
    use super::super::conll::read_conll;
    use super::*;

    /// Gold and predicted tags side by side (word gold pred), as conlleval reads them.
    fn gold_pred(text: &str) -> (Vec<Vec<Span>>, Vec<Vec<Span>>) {
        let g: String = text
            .lines()
            .map(|l| {
                l.rsplit_once(' ')
                    .map_or(String::new(), |(a, _)| a.to_string())
                    + "\n"
            })
            .collect();
        let p: String = text
            .lines()
            .map(|l| {
                let c: Vec<&str> = l.split(' ').collect();
                if c.len() == 3 {
                    format!("{} {}\n", c[0], c[2])
                } else {
                    "\n".into()
                }
            })
            .collect();
        let spans = |t: &str| {
            read_conll(t)
                .unwrap()
                .into_iter()
                .map(|s| s.spans)
                .collect()
        };
        (spans(&g), spans(&p))
    }

    #[test]
    fn partial_matches_are_both_false_positive_and_false_negative() {
        // conlleval on this input prints: 6 phrases; found: 4; correct: 2; precision 50.00%,
        // recall 33.33%, FB1 40.00; LOC P 100 R 50; ORG P 0 R 0 F 0; PER P 50 R 33.33 F 40.
        let text = "\
Jan B-PER B-PER
Kowalski I-PER I-PER
met O O
Ola B-PER B-PER
Nilsen I-PER O
in O O
Oslo B-LOC B-LOC
and O O
Bergen B-LOC B-ORG

Norsk B-ORG O
Hydro I-ORG O
called O O
Per B-PER O
";
        let (g, p) = gold_pred(text);
        let s = score(&g, &p);
        assert_eq!(
            (s.overall.correct, s.overall.predicted, s.overall.gold),
            (2, 4, 6)
        );
        assert!((s.overall.precision - 50.0).abs() < 1e-9);
        assert!((s.overall.recall - 100.0 / 3.0).abs() < 1e-9);
        assert!((s.overall.f1 - 40.0).abs() < 1e-9);
        let per = s.per_type["PER"];
        assert_eq!((per.correct, per.predicted, per.gold), (1, 2, 3));
        let org = s.per_type["ORG"];
        assert_eq!(
            (org.correct, org.predicted, org.gold, org.f1),
            (0, 1, 1, 0.0)
        );
        let loc = s.per_type["LOC"];
        assert_eq!((loc.correct, loc.predicted, loc.gold), (1, 1, 2));
    }

    #[test]
    fn iob1_style_predictions_are_read_like_conlleval() {
        // An I- after O starts an entity; an I- of another type starts a new one.
        let text = "A I-ORG I-ORG\nB I-ORG I-LOC\nc O O\nD I-PER I-PER\n";
        let (g, p) = gold_pred(text);
        let s = score(&g, &p);
        assert_eq!(
            (s.overall.correct, s.overall.predicted, s.overall.gold),
            (1, 3, 2)
        );
    }
}
