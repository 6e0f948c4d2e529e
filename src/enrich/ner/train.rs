//! Training: an averaged perceptron over the features of `features.rs`. By default it is a
//! structured perceptron over whole sentences: the same width-3 beam search as tagging, adding
//! raw scores, with an early update where the gold labels fall out of the beam. Training the
//! way the model decodes scores about 1.3 dev F1 above token-by-token training decoded with a
//! log-softmax beam (`data/ner/README.md`). Previous labels and the prediction history are the
//! model's own predictions, so training sees the errors tagging will make.
//!
//! Deterministic for a given seed: the document order of each epoch comes from a seeded
//! generator and everything else is sequential.

use std::ops::Range;

use rayon::prelude::*;

use super::beam::{Beam, ROOT};
use super::conll::{Sentence, documents};
use super::features::{self, DocFeatures, Resources};
use super::hashing::IdMap;
use super::label::{self, COUNT};
use super::model::Weights;
use super::{Tagger, eval};

#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seeds the document order of each epoch.
    pub seed: u64,
    /// Use the built-in gazetteer (`data/gazetteer`) as features.
    pub gazetteer: bool,
    /// With `gazetteer`, also the name lists of `data/ner/lists`.
    pub lists: bool,
    /// Finest number of word clusters induced from the training words (0 = none).
    pub clusters: usize,
    /// Train a second stage that sees the first stage's labels for the whole document.
    pub stage2: bool,
    /// Passes over the training data for the second stage (it converges faster: most of
    /// its work is already done by the first stage's labels).
    pub stage2_epochs: usize,
    /// Jackknife folds for the second stage's training labels.
    pub folds: usize,
    /// Share of training tokens (chosen by the seeded generator) whose own word features are
    /// hidden, so the model also learns to tag from shape, clusters, gazetteers and context:
    /// what it must do for the many names unseen in training.
    pub word_dropout: f64,
    /// Brown cluster features from `data/ner/lists/brown_clusters.tsv`.
    pub brown: bool,
    /// Models trained per stage, each on its own seeded order and word dropout, whose weights
    /// are averaged into one: an ensemble that tags as fast as a single model (a linear
    /// model's averaged weights score exactly like the average of its members' scores).
    pub members: usize,
    /// Train on whole sentences (a structured perceptron over the beam search, decoded then
    /// with raw score sums) instead of token by token; `None` trains token by token (decoded
    /// then with a per-token log-softmax, as older model files still are). Default: early
    /// update.
    pub global: Option<GlobalUpdate>,
    /// Beam width when training globally.
    pub train_beam: usize,
}

/// Where a globally trained perceptron updates when the beam search goes wrong (Huang, Fayong
/// & Guo 2012, "Structured perceptron with inexact search").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalUpdate {
    /// At the first token where the gold prefix falls out of the beam (Collins & Roark 2004).
    Early,
    /// At the prefix where the beam's best outscores the gold prefix by the most.
    MaxViolation,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 1,
            gazetteer: true,
            lists: true,
            clusters: 1000,
            stage2: false,
            stage2_epochs: 5,
            folds: 5,
            word_dropout: 0.1,
            brown: true,
            members: 3,
            global: Some(GlobalUpdate::Early),
            train_beam: 3,
        }
    }
}

/// Weights being learned, with the running sums for averaging: the averaged weight is
/// `w - u / c` where `u` sums `c * delta` over every update made at step `c`.
struct Learner {
    rows: IdMap<u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
    /// Last epoch's summary, for logs.
    progress: String,
}

impl Learner {
    fn scores(&self, feats: &[u64], out: &mut [f32; COUNT]) {
        *out = [0.0; COUNT];
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let row = &self.w[r as usize * COUNT..(r as usize + 1) * COUNT];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u64], gold: u8, pred: u8) {
        self.add(feats, gold, 1.0);
        self.add(feats, pred, -1.0);
    }

    /// Adds `d` to label `l`'s weight of every feature in `feats`.
    fn add(&mut self, feats: &[u64], l: u8, d: f32) {
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.rows.entry(f).or_insert(next) as usize;
            if r == self.w.len() / COUNT {
                self.w.extend_from_slice(&[0.0; COUNT]);
                self.u.extend_from_slice(&[0.0; COUNT]);
            }
            self.w[r * COUNT + l as usize] += d;
            self.u[r * COUNT + l as usize] += self.c * d as f64;
        }
    }

    /// The averaged weights, rows sorted by key so the model bytes are reproducible.
    fn averaged(&self) -> Weights {
        let rows = self.averaged_rows();
        Weights::from_rows(rows.iter().copied())
    }

    fn averaged_rows(&self) -> Vec<(u64, [f32; COUNT])> {
        let mut keys: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let c = self.c.max(1.0);
        keys.iter()
            .map(move |&(k, r)| {
                let r = r as usize * COUNT;
                let mut out = [0f32; COUNT];
                for (l, o) in out.iter_mut().enumerate() {
                    *o = (self.w[r + l] as f64 - self.u[r + l] / c) as f32;
                }
                (k, out)
            })
            .collect()
    }
}

/// A small seeded generator (xorshift64*) for shuffling; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains a tagger on `train`; with `dev`, logs its scores after every epoch.
///
/// With `options.stage2`, the second stage is trained on first-stage labels that are honest:
/// each training document's labels come from a first-stage model trained on the other folds
/// (jackknifing), so the second stage learns how far to trust a first stage that errs.
pub fn train(
    train: &[Sentence],
    dev: Option<&[Sentence]>,
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let res = resources(train, options, log);
    let docs = documents(train);
    log(&format!(
        "{} sentences in {} documents",
        train.len(),
        docs.len()
    ));
    let tagger = |weights: Weights, stage2: Option<Weights>| {
        Tagger::new(weights, stage2, res.clone(), options.global.is_some())
    };
    let stage1 = FitOptions::new(options, options.epochs);
    let first = fit(&res, train, &docs, None, &stage1, &mut |l| {
        let line = dev_line(&tagger(l.averaged(), None), dev);
        log(&format!("stage 1 {}{line}", l.progress));
    });
    log(&format!(
        "stage 1 done{}",
        dev_line(&tagger(first.clone(), None), dev)
    ));
    if !options.stage2 {
        return tagger(first, None);
    }
    let folds = options.folds.max(2);
    let labels = jackknifed_labels(&res, train, &docs, &stage1, folds, options.global);
    log(&format!("jackknifed first-stage labels over {folds} folds"));
    let stage2 = FitOptions::new(options, options.stage2_epochs);
    let second = fit(&res, train, &docs, Some(&labels), &stage2, &mut |l| {
        let t = tagger(first.clone(), Some(l.averaged()));
        log(&format!("stage 2 {}{}", l.progress, dev_line(&t, dev)));
    });
    tagger(first, Some(second))
}

/// What the model carries besides its weights, as `options` ask: the gazetteer and name
/// lists, the Brown clusters, and word clusters induced from `train`.
fn resources(train: &[Sentence], options: &TrainOptions, log: &mut dyn FnMut(&str)) -> Resources {
    let mut res = Resources::default();
    if options.gazetteer {
        let names = super::lists::compile(options.lists);
        (res.gazetteer, res.gaz_max_len) = (names.keys, names.max_len);
        log(&format!("gazetteer: {} names", res.gazetteer.len()));
    }
    if options.brown {
        res.brown = super::lists::compile_brown();
        log(&format!("brown clusters: {} words", res.brown.len()));
    }
    if options.clusters > 0 {
        let text = words_of(train);
        res.clusters = super::clusters::induce(&text, options.clusters, options.seed);
        log(&format!(
            "clusters: {} words, finest level {} clusters",
            res.clusters.len(),
            options.clusters
        ));
    }
    res
}

/// The dev scores of `t` for a log line, or nothing without dev data.
fn dev_line(t: &Tagger, dev: Option<&[Sentence]>) -> String {
    match dev {
        Some(dev) => {
            let s = eval::evaluate(t, dev);
            format!(
                " | dev F1 {:.2} (P {:.2} R {:.2})",
                s.overall.f1, s.overall.precision, s.overall.recall
            )
        }
        None => String::new(),
    }
}

/// First-stage labels for every sentence of `train`, each document's from a first-stage model
/// trained (with `stage1`) on the documents of the other `folds` (in parallel, one per fold).
fn jackknifed_labels(
    res: &Resources,
    train: &[Sentence],
    docs: &[Range<usize>],
    stage1: &FitOptions,
    folds: usize,
    global: Option<GlobalUpdate>,
) -> Vec<Vec<u8>> {
    let held_out: Vec<Vec<(usize, Vec<Vec<u8>>)>> = (0..folds)
        .into_par_iter()
        .map(|f| {
            let rest: Vec<_> = docs
                .iter()
                .enumerate()
                .filter(|(d, _)| d % folds != f)
                .map(|(_, r)| r.clone())
                .collect();
            let weights = fit(res, train, &rest, None, stage1, &mut |_| {});
            let t = Tagger::new(weights, None, res.clone(), global.is_some());
            docs.iter()
                .enumerate()
                .filter(|(d, _)| d % folds == f)
                .map(|(_, r)| (r.start, t.tag_labels(&words_of(&train[r.clone()]))))
                .collect()
        })
        .collect();
    let mut labels: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
    for (start, doc) in held_out.into_iter().flatten() {
        for (k, l) in doc.into_iter().enumerate() {
            labels[start + k] = l;
        }
    }
    labels
}

fn words_of(sentences: &[Sentence]) -> Vec<Vec<&str>> {
    sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect()
}

/// How one stage's perceptrons are trained (from [`TrainOptions`]).
#[derive(Clone, Copy)]
struct FitOptions {
    /// Passes over the training documents.
    epochs: usize,
    /// Seeds the document order and the word dropout (each member adds its own offset).
    seed: u64,
    /// See `TrainOptions::word_dropout`.
    word_dropout: f64,
    /// Perceptrons averaged into one (see `TrainOptions::members`).
    members: usize,
    global: Global,
}

impl FitOptions {
    /// A stage of `epochs` passes with the rest of `options`.
    fn new(options: &TrainOptions, epochs: usize) -> FitOptions {
        FitOptions {
            epochs,
            seed: options.seed,
            word_dropout: options.word_dropout,
            members: options.members,
            global: options.global.map(|g| (g, options.train_beam.max(1))),
        }
    }
}

/// Trains `options.members` perceptrons (see [`fit_one`]) with different seeds and averages
/// their weights (see `TrainOptions::members`).
fn fit(
    res: &Resources,
    train: &[Sentence],
    docs: &[Range<usize>],
    stage1: Option<&[Vec<u8>]>,
    options: &FitOptions,
    epoch_done: &mut dyn FnMut(&Learner),
) -> Weights {
    // Member 0 runs here and reports its epochs; the others run beside it. Member seeds
    // differ, so each sees its own document order and word dropout.
    let member = |m: u64| FitOptions {
        seed: options.seed.wrapping_add(m * 0x1000),
        ..*options
    };
    let all: Vec<Vec<(u64, [f32; COUNT])>> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..options.members.max(1) as u64)
            .map(|m| {
                let options = member(m);
                scope.spawn(move || fit_one(res, train, docs, stage1, &options, &mut |_| {}))
            })
            .collect();
        let first = fit_one(res, train, docs, stage1, &member(0), epoch_done);
        std::iter::once(first)
            .chain(
                others
                    .into_iter()
                    .map(|h| h.join().expect("member training")),
            )
            .collect()
    });
    if all.len() == 1 {
        return Weights::from_rows(all[0].iter().copied());
    }
    let n = all.len() as f32;
    let mut sum: std::collections::BTreeMap<u64, [f32; COUNT]> = Default::default();
    for rows in &all {
        for (k, w) in rows {
            let e = sum.entry(*k).or_insert([0.0; COUNT]);
            for (a, b) in e.iter_mut().zip(w) {
                *a += b / n;
            }
        }
    }
    Weights::from_rows(sum.iter().map(|(&k, &w)| (k, w)))
}

/// One member (`options.members` is not read): the perceptron loop over `docs` (ranges of
/// `train`); `stage1` gives first-stage labels per sentence when training the second stage.
/// Calls `epoch_done` after every epoch. Returns the averaged weight rows, sorted by key.
fn fit_one(
    res: &Resources,
    train: &[Sentence],
    docs: &[Range<usize>],
    stage1: Option<&[Vec<u8>]>,
    options: &FitOptions,
    epoch_done: &mut dyn FnMut(&Learner),
) -> Vec<(u64, [f32; COUNT])> {
    let &FitOptions {
        epochs,
        seed,
        word_dropout: dropout,
        global,
        ..
    } = options;
    let mut docs = docs.to_vec();
    let mut learner = Learner {
        rows: IdMap::default(),
        w: Vec::new(),
        u: Vec::new(),
        c: 1.0,
        progress: String::new(),
    };
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut scores = [0f32; COUNT];
    let (mut drops, mut base) = (Vec::new(), Vec::new());
    for epoch in 1..=epochs {
        rng.shuffle(&mut docs);
        let (mut errors, mut tokens) = (0usize, 0usize);
        for range in &docs {
            let sents = &train[range.clone()];
            let mut doc = DocFeatures::new(res, &words_of(sents));
            if let Some(s1) = stage1 {
                doc.set_stage1(&s1[range.clone()]);
            }
            for (s, sent) in sents.iter().enumerate() {
                let gold = label::from_spans(sent.words.len(), &sent.spans);
                if let Some(global) = global {
                    drops.clear();
                    drops.extend(gold.iter().map(|_| {
                        dropout > 0.0 && ((rng.next() >> 11) as f64) < dropout * 2f64.powi(53)
                    }));
                    let pred = train_sentence(
                        &mut learner,
                        &mut doc,
                        (s, &gold, &drops),
                        &mut base,
                        global,
                    );
                    for (i, (&p, &g)) in pred.iter().zip(&gold).enumerate() {
                        errors += (p != g) as usize;
                        doc.record(s, i, p);
                    }
                    learner.c += gold.len() as f64;
                    tokens += gold.len();
                    continue;
                }
                let mut labels = Vec::with_capacity(gold.len());
                for (i, &g) in gold.iter().enumerate() {
                    doc.drop_word =
                        dropout > 0.0 && ((rng.next() >> 11) as f64) < dropout * 2f64.powi(53);
                    let feats = doc.features(s, i, &labels);
                    learner.scores(feats, &mut scores);
                    let prev = labels.last().copied().unwrap_or(label::O);
                    let pred = features::best_allowed(prev, &scores);
                    if pred != g {
                        learner.update(feats, g, pred);
                        errors += 1;
                    }
                    learner.c += 1.0;
                    tokens += 1;
                    labels.push(pred);
                    doc.record(s, i, pred);
                }
            }
        }
        learner.progress = format!(
            "epoch {epoch}: {:.2}% token errors, {} features",
            100.0 * errors as f64 / tokens.max(1) as f64,
            learner.rows.len()
        );
        epoch_done(&learner);
    }
    learner.averaged_rows()
}

/// How to train globally: the update rule and the beam width (see `TrainOptions::global`).
type Global = Option<(GlobalUpdate, usize)>;

/// Global training on sentence `s` of `doc` (gold labels `gold`, word dropout per token
/// `drops`): a beam search adding raw scores, exactly as `Tagger::raw_scores` decodes, then
/// one perceptron update of the gold prefix against the beam's best prefix at the token the
/// update rule picks. Returns the beam's final best labels (recorded in the prediction
/// history, as tagging does). `base` is scratch space for the label-independent features.
fn train_sentence(
    learner: &mut Learner,
    doc: &mut DocFeatures,
    (s, gold, drops): (usize, &[u8], &[bool]),
    base: &mut Vec<Vec<u64>>,
    (update, width): (GlobalUpdate, usize),
) -> Vec<u8> {
    let n = gold.len();
    while base.len() < n {
        base.push(Vec::new());
    }
    let mut beam = Beam::new(n, width);
    // Per beam step: whether its path is the gold prefix.
    let mut on_gold: Vec<bool> = Vec::with_capacity(n * width);
    let (mut bs, mut ex) = ([0f32; COUNT], [0f32; COUNT]);
    let mut gold_score = 0f32;
    // The update point: (token, the beam's best step there, its lead over the gold prefix).
    let mut point: Option<(usize, u32, f32)> = None;
    let at = |labels: &[u8], i: usize, k: usize| i.checked_sub(k).map(|j| labels[j]);
    for i in 0..n {
        doc.drop_word = drops[i];
        base[i].clear();
        base[i].extend_from_slice(doc.base_features(s, i));
        learner.scores(&base[i], &mut bs);
        for h in 0..beam.hyps().len() {
            let hyp = beam.hyps()[h];
            learner.scores(&doc.label_features(s, i, hyp.prev, hyp.prev2), &mut ex);
            beam.extend_raw(h, &bs, &ex);
        }
        let g = gold[i] as usize;
        learner.scores(
            &doc.label_features(s, i, at(gold, i, 1), at(gold, i, 2)),
            &mut ex,
        );
        gold_score += bs[g] + ex[g];
        let last = i + 1 == n;
        beam.prune(last);
        for hyp in beam.hyps() {
            let (l, back) = beam.step(hyp.step);
            on_gold.resize(hyp.step as usize + 1, false);
            on_gold[hyp.step as usize] = l == gold[i] && (back == ROOT || on_gold[back as usize]);
        }
        let top = beam.hyps()[0];
        if on_gold[top.step as usize] {
            continue;
        }
        let lead = top.score - gold_score;
        match update {
            GlobalUpdate::MaxViolation => {
                if lead >= 0.0 && point.is_none_or(|(_, _, v)| lead > v) {
                    point = Some((i, top.step, lead));
                }
            }
            GlobalUpdate::Early => {
                let gold_kept = beam.hyps().iter().any(|h| on_gold[h.step as usize]);
                if point.is_none() && (last || !gold_kept) {
                    point = Some((i, top.step, lead));
                }
            }
        }
    }
    if let Some((i, step, _)) = point {
        let pred = beam.labels(step);
        for j in 0..=i {
            doc.drop_word = drops[j];
            let (g, p) = (gold[j], pred[j]);
            if g != p {
                learner.update(&base[j], g, p);
            }
            let gl = doc.label_features(s, j, at(gold, j, 1), at(gold, j, 2));
            let pl = doc.label_features(s, j, at(&pred, j, 1), at(&pred, j, 2));
            if g != p || gl != pl {
                learner.add(&gl, g, 1.0);
                learner.add(&pl, p, -1.0);
            }
        }
    }
    doc.drop_word = false;
    beam.best_labels()
}

#[cfg(test)]
mod tests {
    use super::super::{NerType, Span};
    use super::*;

    fn sentence(text: &str) -> Sentence {
        // "Word/PER" marks a one-token entity; other words are O.
        let mut words = Vec::new();
        let mut spans = Vec::new();
        for (i, w) in text.split(' ').enumerate() {
            match w.split_once('/') {
                Some((w, t)) => {
                    words.push(w.to_string());
                    spans.push(Span::new(i, i + 1, NerType::parse(t).unwrap()));
                }
                None => words.push(w.to_string()),
            }
        }
        Sentence {
            words,
            spans,
            doc_start: false,
        }
    }

    #[test]
    fn learns_a_tiny_training_set() {
        let data: Vec<Sentence> = [
            "Okafor/PER visited Tromso/LOC on Monday .",
            "The Zentrix/ORG board met in Tromso/LOC .",
            "Okafor/PER joined Zentrix/ORG last year .",
            "Analysts in Lisbon/LOC praised Zentrix/ORG .",
            "Mendez/PER flew to Lisbon/LOC .",
        ]
        .iter()
        .map(|s| sentence(s))
        .collect();
        let options = TrainOptions {
            epochs: 10,
            seed: 7,
            gazetteer: false,
            lists: false,
            clusters: 4,
            stage2: true,
            stage2_epochs: 5,
            folds: 2,
            word_dropout: 0.1,
            brown: false,
            members: 2,
            global: None,
            train_beam: 3,
        };
        let tagger = train(&data, None, &options, &mut |_| {});
        let s = eval::evaluate(&tagger, &data);
        assert_eq!(s.overall.f1, 100.0, "{}", s.table());
        assert!(!tagger.raw_scores);
        // Same seed, same bytes.
        let again = train(&data, None, &options, &mut |_| {});
        assert_eq!(tagger.to_bytes(), again.to_bytes());
        // Trained on whole sentences (both update rules, one stage), the model learns the
        // same set, is reproducible, and its file says to decode with raw score sums.
        for rule in [GlobalUpdate::Early, GlobalUpdate::MaxViolation] {
            let options = TrainOptions {
                global: Some(rule),
                stage2: false,
                ..options.clone()
            };
            let tagger = train(&data, None, &options, &mut |_| {});
            let s = eval::evaluate(&tagger, &data);
            assert_eq!(s.overall.f1, 100.0, "{rule:?}: {}", s.table());
            let bytes = tagger.to_bytes();
            assert_eq!(bytes, train(&data, None, &options, &mut |_| {}).to_bytes());
            assert!(Tagger::from_bytes(&bytes).unwrap().raw_scores);
        }
    }
}
