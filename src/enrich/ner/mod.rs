//! A trained named-entity tagger (PER/ORG/LOC/MISC) in the style of Ratinov & Roth (2009): an
//! averaged perceptron (an ensemble of three, weights averaged into one table) over hashed
//! sparse features, BILOU labels, left-to-right beam search (width 3) with the previous
//! predicted labels as features, Brown word clusters from a large external corpus, plus
//! document-level features (how a word is capitalised elsewhere in the article, what it was
//! tagged earlier in the article). An optional second stage re-tags a document seeing the
//! first stage's labels; the shipped model has none (it no longer paid for its time).
//!
//! It sees only words (no POS or chunk tags exist for real articles). Layout:
//!
//! - [`tokenize`]: raw text -> sentences of tokens, split the way CoNLL/Reuters text is.
//! - [`conll`]: reading CoNLL files (IOB1, IOB2, BILOU) into [`conll::Sentence`]s.
//! - `hashing`: the word and sequence hashes every feature, name and cluster key is made of.
//! - `features`: per-token feature hashes; shared by training and tagging.
//! - `lists`: the gazetteer and name lists (`data/ner/lists`) compiled into the model.
//! - `model`: the weight table and the model file format.
//! - `beam`: the beam over a sentence's labels, one for tagging and global training.
//! - [`train`]: the perceptron training loop.
//! - [`eval`]: conlleval-exact entity scoring.
//!
//! The trained model ships as `data/ner/model.bin` (see `data/ner/README.md`).

mod beam;
mod clusters;
pub mod conll;
pub mod eval;
mod features;
mod hashing;
mod lists;
mod model;
pub mod tokenize;
pub mod train;

use std::sync::OnceLock;

pub use conll::{Sentence, read_conll};
pub use eval::{Prf, Scores, evaluate};
pub(crate) use features::is_name_particle;
pub(crate) use lists::{
    is_listed_body, is_listed_organisation, is_listed_place, is_listed_surname, is_org_word,
    organisation_lists, place_lists,
};
pub use tokenize::{Token, tokenize};
pub use train::{TrainOptions, train};

use beam::Beam;
use features::{DocFeatures, Resources, WordCache};
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

impl Span {
    pub fn new(start: usize, end: usize, kind: NerType) -> Span {
        Span { start, end, kind }
    }
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
                    spans.push(Span::new(s, i, NerType::ALL[ot]));
                }
                if t < 4 {
                    open = Some((i, t));
                }
            }
            if matches!(p, L | U)
                && t < 4
                && let Some((s, ot)) = open.take()
            {
                spans.push(Span::new(s, i + 1, NerType::ALL[ot]));
            }
        }
        if let Some((s, ot)) = open {
            spans.push(Span::new(s, labels.len(), NerType::ALL[ot]));
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
    /// The beam search adds raw perceptron scores (a model trained on whole sentences, see
    /// `TrainOptions::global`) instead of per-token log-softmax probabilities.
    pub(crate) raw_scores: bool,
    /// See [`Tagger::identity`]: set when the model is loaded, computed on first use for a
    /// model trained in this process.
    identity: OnceLock<u64>,
    /// Distinct for every tagger made in this process: whose words a thread's
    /// [`WordCache`] holds.
    serial: u64,
}

thread_local! {
    static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

static BUILTIN_MODEL: &[u8] = include_bytes!("../../../data/ner/model.bin");

impl Tagger {
    pub(crate) fn new(
        weights: Weights,
        stage2: Option<Weights>,
        res: Resources,
        raw_scores: bool,
    ) -> Tagger {
        Tagger {
            weights,
            stage2,
            res,
            raw_scores,
            identity: OnceLock::new(),
            serial: {
                static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        }
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        let tagger = model::decode(bytes)?;
        let _ = tagger.identity.set(xxhash_rust::xxh3::xxh3_64(bytes));
        Ok(tagger)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        model::encode(self)
    }

    /// The model shipped in `data/ner/model.bin`, decoded on first use.
    pub fn builtin() -> &'static Tagger {
        Tagger::builtin_shared_ref()
    }

    /// The built-in model as a shared handle, for holders that may also hold a model read
    /// from a file ([`crate::archive::load_tagger`]).
    pub fn builtin_shared() -> std::sync::Arc<Tagger> {
        std::sync::Arc::clone(Tagger::builtin_shared_ref())
    }

    fn builtin_shared_ref() -> &'static std::sync::Arc<Tagger> {
        static TAGGER: OnceLock<std::sync::Arc<Tagger>> = OnceLock::new();
        TAGGER.get_or_init(|| match Tagger::from_bytes(BUILTIN_MODEL) {
            Ok(t) => std::sync::Arc::new(t),
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
        self.decode(sentences, true)
    }

    /// `skip_plain`: tokens that cannot begin a name are not scored where every kept
    /// hypothesis is outside a name (see [`beam_sentence`]).
    fn decode(&self, sentences: &[Vec<&str>], skip_plain: bool) -> Vec<Vec<u8>> {
        let mut doc = self.doc_features(sentences);
        let raw = self.raw_scores && skip_plain;
        let decode = |weights, doc: &mut DocFeatures| {
            decode_pass(weights, doc, sentences, self.raw_scores, raw)
        };
        let first = decode(&self.weights, &mut doc);
        match &self.stage2 {
            None => first,
            Some(w) => {
                doc.set_stage1(&first);
                decode(w, &mut doc)
            }
        }
    }

    /// The document's features, its words' token features taken from this thread's
    /// [`WordCache`] when it holds this tagger's.
    fn doc_features(&self, sentences: &[Vec<&str>]) -> DocFeatures {
        WORDS.with(|words| {
            let mut words = words.borrow_mut();
            if words.owner != self.serial {
                words.reset(self.serial);
            }
            DocFeatures::with_words(&self.res, sentences, &mut words)
        })
    }

    /// Number of feature rows in the model (for reports).
    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }

    /// What identifies this model, so stored tagger output can tell it came from another: a
    /// hash (xxh3) of the model file's bytes, as loaded, or for a model trained in this
    /// process, as it would be written. Any retraining changes it, even one that keeps the
    /// number of features.
    pub fn identity(&self) -> u64 {
        *self
            .identity
            .get_or_init(|| xxhash_rust::xxh3::xxh3_64(&self.to_bytes()))
    }
}

/// One left-to-right pass over a document: a beam search (greedy when `BEAM_WIDTH` is 1).
fn decode_pass(
    weights: &Weights,
    doc: &mut DocFeatures,
    sentences: &[Vec<&str>],
    raw: bool,
    skip_plain: bool,
) -> Vec<Vec<u8>> {
    let width = BEAM_WIDTH;
    let mut out = Vec::with_capacity(sentences.len());
    let mut scores = [0f32; label::COUNT];
    for (s, sentence) in sentences.iter().enumerate() {
        if width > 1 {
            let labels = beam_sentence(weights, doc, s, sentence.len(), width, raw, skip_plain);
            for (i, &l) in labels.iter().enumerate() {
                doc.record(s, i, l);
            }
            out.push(labels);
            continue;
        }
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

/// Hypotheses kept per token by the beam search; 1 decodes greedily.
const BEAM_WIDTH: usize = 3;

/// The temperature of the beam search's per-token softmax (older, token-by-token trained
/// models only; globally trained models add raw scores) is the model's largest weight
/// divided by this. Perceptron scores have no fixed scale (it grows with the training data and
/// the number of updates), so the temperature follows the model. On three seeds' models (dev
/// F1, `data/ner/README.md`) divisors 13-17 scored best, 20 about 0.1 lower, 10 and 25 about
/// 0.15-0.2 lower, 30 (used before) 0.15-0.2 lower and 45 0.35 lower. The shipped model's
/// largest weight is ~610, hence a temperature of ~40.
const TEMPERATURE_DIVISOR: f32 = 15.0;

/// Beam search over one sentence. Each hypothesis scores its labels by their log-softmax over
/// the labels allowed after its previous one (raw perceptron scores of a greedily trained
/// model would reward entering any entity whose continuation scores high); only well-formed
/// BILOU sequences are kept, and the best one that closes its last entity wins.
///
/// `skip_plain` (raw scores only): a lowercase word or punctuation that cannot begin a name
/// ([`DocFeatures::plain`]), met while no hypothesis is inside a name, is taken to be outside
/// any name without scoring its ~50 features: two thirds of news tokens are of this kind, and
/// scoring them was most of the tagger's time. The hypotheses keep their order exactly as
/// scoring would (their shared label-independent score is left out; their transitions to O
/// are added); what is lost is a name the model would begin at such a word (CoNLL-2003 dev
/// F1 94.14 -> 94.10; `tests/data/ner_sample.conll` the same).
fn beam_sentence(
    weights: &Weights,
    doc: &mut DocFeatures,
    s: usize,
    n: usize,
    width: usize,
    raw: bool,
    skip_plain: bool,
) -> Vec<u8> {
    let mut beam = Beam::new(n, width);
    let (mut base, mut extra) = ([0f32; label::COUNT], [0f32; label::COUNT]);
    let temperature = (weights.max_weight() / TEMPERATURE_DIVISOR).max(f32::MIN_POSITIVE);
    for i in 0..n {
        if skip_plain && doc.plain(s, i) && beam.closed() {
            // Every hypothesis goes on outside a name. The label-independent scores are the
            // same for all of them, so only the transition to O tells them apart.
            for h in 0..beam.hyps().len() {
                let hyp = beam.hyps()[h];
                weights.scores(&doc.label_features(s, i, hyp.prev, hyp.prev2), &mut extra);
                beam.push(hyp.score + extra[label::O as usize], h, label::O);
            }
            beam.prune(i + 1 == n);
            continue;
        }
        weights.scores(doc.base_features(s, i), &mut base);
        for h in 0..beam.hyps().len() {
            let hyp = beam.hyps()[h];
            weights.scores(&doc.label_features(s, i, hyp.prev, hyp.prev2), &mut extra);
            if raw {
                beam.extend_raw(h, &base, &extra);
                continue;
            }
            let prev = hyp.prev.unwrap_or(label::O);
            let mut local = [f32::NEG_INFINITY; label::COUNT];
            let mut max = f32::NEG_INFINITY;
            for l in 0..label::COUNT {
                if label::allowed(prev, l as u8) {
                    local[l] = (base[l] + extra[l]) / temperature;
                    max = max.max(local[l]);
                }
            }
            let z = max + local.iter().map(|&x| (x - max).exp()).sum::<f32>().ln();
            for (l, &x) in local.iter().enumerate() {
                if x > f32::NEG_INFINITY {
                    beam.push(hyp.score + x - z, h, l as u8);
                }
            }
        }
        beam.prune(i + 1 == n);
    }
    beam.best_labels()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_spans() {
        let spans = vec![
            Span::new(0, 2, NerType::Per),
            Span::new(2, 3, NerType::Per),
            Span::new(4, 7, NerType::Org),
        ];
        let labels = label::from_spans(8, &spans);
        assert_eq!(label::to_spans(&labels), spans);
        for w in labels.windows(2) {
            assert!(label::allowed(w[0], w[1]));
        }
    }

    #[test]
    fn beam_search_keeps_bilou_well_formed() {
        let tagger = Tagger::builtin();
        let doc: Vec<Vec<&str>> = [
            "BRUSSELS 1996-08-22",
            "The European Commission said on Thursday it disagreed with German advice .",
            "New York Yankees manager Joe Torre met Bank of Tokyo-Mitsubishi officials in St. Louis",
            "Germany 's representative to the European Union 's veterinary committee Werner Zwingmann",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        for labels in tagger.tag_labels(&doc) {
            let mut prev = label::O;
            for &l in &labels {
                assert!(label::allowed(prev, l), "{labels:?}");
                prev = l;
            }
            assert!(label::allowed(prev, label::O), "{labels:?}");
        }
        let spans = tagger.tag_document(&doc);
        assert!(spans[1].contains(&Span::new(1, 3, NerType::Org)));
        assert!(tagger.weights.max_weight() > 0.0);
    }

    #[test]
    fn retrained_models_of_the_same_size_have_different_identities() {
        let model = |bias: f32| {
            let rows = (1..20u64).map(move |k| {
                let mut w = [0f32; label::COUNT];
                w[k as usize % label::COUNT] = k as f32 + bias;
                (k * 7919, w)
            });
            Tagger::new(Weights::from_rows(rows), None, Resources::default(), true)
        };
        let (a, b) = (model(0.0), model(0.5));
        assert_eq!(a.feature_count(), b.feature_count());
        assert_ne!(a.identity(), b.identity());
        assert_eq!(a.identity(), model(0.0).identity());
        // A model keeps its identity through its file, and a loaded one is its file's hash.
        let bytes = a.to_bytes();
        let loaded = Tagger::from_bytes(&bytes).unwrap();
        assert_eq!(loaded.identity(), a.identity());
        assert_eq!(
            Tagger::builtin().identity(),
            xxhash_rust::xxh3::xxh3_64(BUILTIN_MODEL)
        );
    }

    #[test]
    fn skipping_plain_words_tags_the_written_sample_as_scoring_every_word_does() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ner_sample.conll"
        ))
        .unwrap();
        let sentences = conll::read_conll(&text).unwrap();
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let tagger = Tagger::builtin();
        let (skipping, scoring) = (tagger.decode(&words, true), tagger.decode(&words, false));
        let tokens: usize = words.iter().map(Vec::len).sum();
        let plain = {
            let doc = DocFeatures::new(&tagger.res, &words);
            (0..words.len())
                .flat_map(|s| (0..words[s].len()).map(move |i| (s, i)))
                .filter(|&(s, i)| doc.plain(s, i))
                .count()
        };
        assert!(plain * 2 > tokens, "{plain} of {tokens} tokens plain");
        assert_eq!(skipping, scoring);
    }

    #[test]
    fn a_thread_keeps_the_words_of_each_tagger_apart() {
        let doc: Vec<Vec<&str>> = [
            "Chancellor Gerhard Stoltenberg met bankers in Bonn on Monday .",
            "Stoltenberg said the Bundesbank would hold rates .",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        let builtin = Tagger::builtin();
        // The same weights without clusters or gazetteer: other token features.
        let bare = Tagger::new(builtin.weights.clone(), None, Resources::default(), true);
        let features = |mut d: DocFeatures| -> Vec<Vec<u64>> {
            (0..doc[0].len())
                .map(|i| d.base_features(0, i).to_vec())
                .collect()
        };
        let _ = builtin.doc_features(&doc);
        let bare_features = features(bare.doc_features(&doc));
        assert_eq!(bare_features, features(DocFeatures::new(&bare.res, &doc)));
        assert_ne!(bare_features, features(builtin.doc_features(&doc)));
        assert_eq!(
            features(builtin.doc_features(&doc)),
            features(DocFeatures::new(&builtin.res, &doc))
        );
    }

    #[test]
    fn builtin_model_loads_and_tags() {
        let tagger = Tagger::builtin();
        let text = "President Vladimir Putin spoke with Xi Jinping in Moscow on Monday .";
        let words: Vec<&str> = text.split(' ').collect();
        let spans = tagger.tag_document(&[words]);
        assert!(spans[0].contains(&Span::new(1, 3, NerType::Per)));
        assert!(spans[0].contains(&Span::new(8, 9, NerType::Loc)));
    }
}
