//! A trained named-entity tagger (PER/ORG/LOC/MISC) in the style of Ratinov & Roth (2009): an
//! averaged perceptron over hashed sparse features, BILOU labels, greedy left-to-right decoding
//! with the previous predicted labels as features, plus document-level features (how a word is
//! capitalised elsewhere in the article, what it was tagged earlier in the article).
//!
//! It sees only words (no POS or chunk tags exist for real articles). Layout:
//!
//! - [`tokenize`]: raw text -> sentences of tokens, split the way CoNLL/Reuters text is.
//! - [`conll`]: reading CoNLL files (IOB1, IOB2, BILOU) into [`conll::Sentence`]s.
//! - `features`: per-token feature hashes; shared by training and tagging.
//! - `lists`: the gazetteer and name lists (`data/ner/lists`) compiled into the model.
//! - `model`: the weight table and the model file format.
//! - [`train`]: the perceptron training loop.
//! - [`eval`]: conlleval-exact entity scoring.
//!
//! The trained model ships as `data/ner/model.bin` (see `data/ner/README.md`).

mod clusters;
pub mod conll;
pub mod eval;
mod features;
mod lists;
mod model;
pub mod tokenize;
pub mod train;

use std::sync::OnceLock;

pub use conll::{Sentence, read_conll};
pub use eval::{Prf, Scores, evaluate};
pub use tokenize::{Token, tokenize};
pub use train::{TrainOptions, train};

use features::{DocFeatures, Resources};
use model::Weights;

/// The four CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NerType {
    Per,
    Org,
    Loc,
    Misc,
}

impl NerType {
    pub const ALL: [NerType; 4] = [NerType::Per, NerType::Org, NerType::Loc, NerType::Misc];

    /// The CoNLL tag suffix: "PER", "ORG", "LOC", "MISC".
    pub fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Org => "ORG",
            NerType::Loc => "LOC",
            NerType::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<NerType> {
        NerType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// An entity: tokens `start..end` of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    /// Exclusive token index.
    pub end: usize,
    pub kind: NerType,
}

/// BILOU labels as small integers: 0 is O; type `t`, position `p` (B, I, L, U) is
/// `1 + 4 * t + p`. Seventeen labels in all.
pub(crate) mod label {
    use super::{NerType, Span};

    pub const COUNT: usize = 17;
    pub const O: u8 = 0;
    pub const B: u8 = 0;
    pub const I: u8 = 1;
    pub const L: u8 = 2;
    pub const U: u8 = 3;

    pub fn make(kind: NerType, pos: u8) -> u8 {
        1 + 4 * kind.index() as u8 + pos
    }

    /// Type index 0..4 of a non-O label, or 4 for O (used by the prediction history).
    pub fn type_of(label: u8) -> usize {
        if label == O {
            4
        } else {
            ((label - 1) / 4) as usize
        }
    }

    pub fn pos_of(label: u8) -> u8 {
        (label - 1) % 4
    }

    /// Whether `cur` may follow `prev` in a well-formed BILOU sequence.
    pub fn allowed(prev: u8, cur: u8) -> bool {
        let open = prev != O && matches!(pos_of(prev), B | I);
        if open {
            cur != O && type_of(cur) == type_of(prev) && matches!(pos_of(cur), I | L)
        } else {
            cur == O || matches!(pos_of(cur), B | U)
        }
    }

    /// Labels for `n` tokens carrying `spans`.
    pub fn from_spans(n: usize, spans: &[Span]) -> Vec<u8> {
        let mut out = vec![O; n];
        for s in spans {
            if s.end - s.start == 1 {
                out[s.start] = make(s.kind, U);
            } else {
                out[s.start] = make(s.kind, B);
                for l in &mut out[s.start + 1..s.end - 1] {
                    *l = make(s.kind, I);
                }
                out[s.end - 1] = make(s.kind, L);
            }
        }
        out
    }

    /// Spans of a label sequence. Lenient: a B or I run that is never closed still ends where
    /// the type changes, so even an ill-formed sequence gives sensible spans.
    pub fn to_spans(labels: &[u8]) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut open: Option<(usize, usize)> = None; // (start, type)
        for (i, &l) in labels.iter().enumerate() {
            let (t, p) = if l == O {
                (4, 0)
            } else {
                (type_of(l), pos_of(l))
            };
            let continues = matches!(open, Some((_, ot)) if ot == t) && matches!(p, I | L);
            if !continues {
                if let Some((s, ot)) = open.take() {
                    spans.push(Span {
                        start: s,
                        end: i,
                        kind: NerType::ALL[ot],
                    });
                }
                if t < 4 {
                    open = Some((i, t));
                }
            }
            if matches!(p, L | U)
                && t < 4
                && let Some((s, ot)) = open.take()
            {
                spans.push(Span {
                    start: s,
                    end: i + 1,
                    kind: NerType::ALL[ot],
                });
            }
        }
        if let Some((s, ot)) = open {
            spans.push(Span {
                start: s,
                end: labels.len(),
                kind: NerType::ALL[ot],
            });
        }
        spans
    }
}

/// A trained tagger: weights plus the word clusters and gazetteer it was trained with.
/// Immutable once built, so it is `Send + Sync` and shared by reference across threads.
pub struct Tagger {
    pub(crate) weights: Weights,
    /// Second stage: re-tags the document seeing the first stage's labels everywhere in it.
    pub(crate) stage2: Option<Weights>,
    pub(crate) res: Resources,
}

static BUILTIN_MODEL: &[u8] = include_bytes!("../../../data/ner/model.bin");

impl Tagger {
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        model::decode(bytes)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        model::encode(self)
    }

    /// The model shipped in `data/ner/model.bin`, decoded on first use.
    pub fn builtin() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| match Tagger::from_bytes(BUILTIN_MODEL) {
            Ok(t) => t,
            // The shipped file is checked by a unit test; failing here means a broken commit.
            Err(e) => panic!("built-in NER model is malformed: {e}"),
        })
    }

    /// Tags one document (its sentences in order: document-level features look across them).
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Span>> {
        self.tag_labels(sentences)
            .iter()
            .map(|labels| label::to_spans(labels))
            .collect()
    }

    /// BILOU label ids per sentence.
    pub(crate) fn tag_labels(&self, sentences: &[Vec<&str>]) -> Vec<Vec<u8>> {
        let mut doc = DocFeatures::new(&self.res, sentences);
        let first = decode_pass(&self.weights, &mut doc, sentences);
        match &self.stage2 {
            None => first,
            Some(w) => {
                doc.set_stage1(&first);
                decode_pass(w, &mut doc, sentences)
            }
        }
    }

    /// Number of feature rows in the model (for reports).
    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }
}

/// One greedy left-to-right pass over a document.
fn decode_pass(weights: &Weights, doc: &mut DocFeatures, sentences: &[Vec<&str>]) -> Vec<Vec<u8>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut scores = [0f32; label::COUNT];
    for (s, sentence) in sentences.iter().enumerate() {
        let mut labels = Vec::with_capacity(sentence.len());
        for i in 0..sentence.len() {
            let feats = doc.features(s, i, &labels);
            weights.scores(feats, &mut scores);
            let prev = labels.last().copied().unwrap_or(label::O);
            let best = features::best_allowed(prev, &scores);
            labels.push(best);
            doc.record(s, i, best);
        }
        out.push(labels);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_spans() {
        let spans = vec![
            Span {
                start: 0,
                end: 2,
                kind: NerType::Per,
            },
            Span {
                start: 2,
                end: 3,
                kind: NerType::Per,
            },
            Span {
                start: 4,
                end: 7,
                kind: NerType::Org,
            },
        ];
        let labels = label::from_spans(8, &spans);
        assert_eq!(label::to_spans(&labels), spans);
        for w in labels.windows(2) {
            assert!(label::allowed(w[0], w[1]));
        }
    }

    #[test]
    fn builtin_model_loads_and_tags() {
        let tagger = Tagger::builtin();
        let text = "President Vladimir Putin spoke with Xi Jinping in Moscow on Monday .";
        let words: Vec<&str> = text.split(' ').collect();
        let spans = tagger.tag_document(&[words]);
        assert!(spans[0].contains(&Span {
            start: 1,
            end: 3,
            kind: NerType::Per
        }));
        assert!(spans[0].contains(&Span {
            start: 8,
            end: 9,
            kind: NerType::Loc
        }));
    }
}
