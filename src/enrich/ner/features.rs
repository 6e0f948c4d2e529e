//! Feature extraction, shared by training and tagging so both see exactly the same features.
//!
//! Every feature is a 64-bit hash of (template, values). Words are hashed char by char with
//! no allocation (lowercasing, digit folding and curly-quote folding happen inside the hash),
//! and per-token hashes are computed once per document, so a token's ~55 features cost a few
//! dozen multiply-xor mixes. The only allocations are a handful of per-document buffers.
//!
//! Document-level (non-local) features, after Ratinov & Roth (2009):
//! - *case elsewhere*: is this word capitalised where capitals are informative (not sentence
//!   initial, not in an all-caps headline) elsewhere in the document? Decides "ITALY" in a
//!   headline and sentence-initial "Fischler".
//! - *prediction history*: which types this word was tagged with earlier in the document.
//! - *capitalised runs*: the run of capitalised words a token is in (outside headlines): its
//!   length, the token's place in it, its first and last words and the words around it, so a
//!   long name's boundary and type can follow from words several tokens away.
//! - *sports news*: whether the document uses sports words, crossed with the token's gazetteer
//!   kinds, shape and coarse Brown cluster: in results and match reports "Bath", "Milwaukee"
//!   or "Real" are teams, elsewhere places and words.

use super::hashing::{IdMap, fold_quote, hash_form, hash_word, mix, seq_hash};
use super::label;
use super::lists::KINDS;
use std::collections::HashMap;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// Everything a model carries besides its weights: word clusters and the gazetteer.
#[derive(Default, Clone)]
pub(crate) struct Resources {
    /// Lowercased word hash -> cluster ids (see `clusters::induce`).
    pub clusters: IdMap<u32>,
    /// Hash of a lowercased token sequence (see [`seq_hash`]) -> bit set of gazetteer kinds.
    pub gazetteer: IdMap<u16>,
    pub gaz_max_len: usize,
    /// Brown clusters from a large external corpus (see `lists::compile_brown`): hash of the
    /// word as written ([`hash_form`]) -> bit path, root first in the lowest bit (0 = none).
    pub brown: IdMap<u32>,
}

/// The Brown cluster of a word: as written, else title-cased (headlines), else lowercased.
fn brown_of(w: &str, res: &Resources) -> u32 {
    if res.brown.is_empty() {
        return 0;
    }
    (0..3)
        .find_map(|form| res.brown.get(&hash_form(w, form)).copied())
        .unwrap_or(0)
}

const FIRST_UPPER: u8 = 1;
const ALL_UPPER: u8 = 2;
const HAS_DIGIT: u8 = 4;
const ALL_LOWER: u8 = 8;
/// Capitalised the way names are: first letter, or every letter (headlines, acronyms).
const CAPITALISED: u8 = FIRST_UPPER | ALL_UPPER;

/// Starting values of the shape, prefix and suffix hashes: arbitrary, only distinct, so a
/// shape never hashes like an affix of the same characters.
const SHAPE_SEED: u64 = 0x51;
const PREFIX_SEED: u64 = 0x77;
const SUFFIX_SEED: u64 = 0x99;
/// Prefixes and suffixes of up to this many characters are features.
const AFFIX_LEN: usize = 4;

/// Per-token hashes computed once per document.
#[derive(Clone, Copy, Default)]
struct Tok {
    word: u64,
    lower: u64,
    shape: u64,
    /// Hashes of the lowercased first and last 1..=4 characters; 0 past the word's length.
    prefix: [u64; AFFIX_LEN],
    suffix: [u64; AFFIX_LEN],
    cluster: u32,
    brown: u32,
    flags: u8,
    /// Cannot begin a name (see [`DocFeatures::plain`]); not a feature (`flags` are).
    plain: bool,
    /// Gazetteer bits: kind * 4 + BILOU position.
    gaz: u64,
}

impl Tok {
    fn capitalised(&self) -> bool {
        self.flags & CAPITALISED != 0
    }
}

fn token_info(w: &str, res: &Resources) -> Tok {
    let mut t = Tok {
        word: hash_word(w, false),
        lower: hash_word(w, true),
        ..Tok::default()
    };
    // Shape: X for upper, x for lower, d for digit, other chars as themselves, runs collapsed.
    let (mut shape, mut last, mut n) = (SHAPE_SEED, '\0', 0usize);
    let (mut up, mut low, mut letters) = (0, 0, 0);
    let mut ph = PREFIX_SEED;
    for (k, c) in w.chars().enumerate() {
        let c = fold_quote(c);
        let class = if c.is_uppercase() {
            up += 1;
            'X'
        } else if c.is_lowercase() {
            low += 1;
            'x'
        } else if c.is_ascii_digit() {
            t.flags |= HAS_DIGIT;
            'd'
        } else {
            c
        };
        if c.is_alphabetic() {
            letters += 1;
        }
        if k == 0 && c.is_uppercase() {
            t.flags |= FIRST_UPPER;
        }
        if class != last {
            shape = mix(shape, class as u64);
            last = class;
        }
        if k < AFFIX_LEN {
            let lc = c.to_lowercase().next().unwrap_or(c);
            ph = mix(ph, lc as u64);
            t.prefix[k] = ph;
        }
        n += 1;
    }
    if letters > 0 && low == 0 && up > 0 {
        t.flags |= ALL_UPPER;
    }
    if letters > 0 && up == 0 {
        t.flags |= ALL_LOWER;
    }
    t.plain = cannot_begin_a_name(w, letters, n);
    t.shape = shape;
    let mut sh = SUFFIX_SEED;
    for (k, c) in w.chars().rev().take(AFFIX_LEN).enumerate() {
        let c = fold_quote(c);
        let lc = c.to_lowercase().next().unwrap_or(c);
        sh = mix(sh, lc as u64);
        t.suffix[k] = sh;
    }
    // Short words repeat their whole form as prefix/suffix; blank the redundant ones.
    for k in n..AFFIX_LEN {
        t.prefix[k] = 0;
        t.suffix[k] = 0;
    }
    t.cluster = res.clusters.get(&t.lower).copied().unwrap_or(NO_CLUSTER);
    t.brown = brown_of(w, res);
    t
}

/// Lowercase particles of persons' names, which may also begin a name as written ("de Klerk",
/// "van Gogh", "bin Laden", "ten Hag"). Sorted.
#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "al", "arap", "bin", "bint", "binti", "d", "da", "das", "de", "degli", "dei", "del", "della",
    "den", "der", "des", "di", "do", "dos", "du", "el", "ibn", "la", "le", "les", "ould", "st",
    "te", "ten", "ter", "van", "von", "wa", "y", "zu",
];

/// A lowercase particle of persons' names ("van", "bin", "de"; see [`NAME_PARTICLES`]).
pub(crate) fn is_name_particle(w: &str) -> bool {
    NAME_PARTICLES.binary_search(&w).is_ok()
}

/// A word of lowercase letters only (not a name particle) or of ASCII punctuation only: in the
/// CoNLL-2003 training set such tokens begin a name 8 times in 136,682 ("serie A", written so
/// by its source), while two thirds of all tokens are of this kind.
fn cannot_begin_a_name(w: &str, letters: usize, chars: usize) -> bool {
    if chars == 0 {
        return false;
    }
    if letters == chars {
        return w.chars().all(char::is_lowercase) && !is_name_particle(w);
    }
    letters == 0 && w.bytes().all(|b| b.is_ascii_punctuation())
}

/// Token features of words already seen, kept across the documents one thread tags (news
/// repeats its words: most of a new article's words were in earlier ones), for one
/// [`Resources`] (`owner` tells which); emptied when full.
#[derive(Default)]
pub(crate) struct WordCache {
    pub owner: u64,
    /// By the xxh3 hash of the word's bytes: no word kept, no string compared (two words of
    /// one 64-bit hash among 50,000 are as likely as two features of one key in the model).
    toks: IdMap<Tok>,
}

/// Words a [`WordCache`] keeps before it starts again (~130 bytes each).
const WORDS_CACHED: usize = 50_000;

impl WordCache {
    /// Forgets every word: they were worked out from another [`Resources`].
    pub fn reset(&mut self, owner: u64) {
        self.toks.clear();
        self.owner = owner;
    }

    fn tok(&mut self, w: &str, res: &Resources) -> Tok {
        let key = xxhash_rust::xxh3::xxh3_64(w.as_bytes());
        if let Some(&t) = self.toks.get(&key) {
            return t;
        }
        if self.toks.len() >= WORDS_CACHED {
            self.toks.clear();
        }
        let t = token_info(w, res);
        self.toks.insert(key, t);
        t
    }
}

/// Feature state for one document being tagged (or trained on).
pub(crate) struct DocFeatures {
    toks: Vec<Tok>,
    /// Start of each sentence in `toks`, plus a final end.
    offsets: Vec<usize>,
    /// Sentence is an all-caps headline.
    headline: Vec<bool>,
    /// Lowercased word -> [capitalised, lowercase] counts in informative positions.
    case_seen: IdMap<[u16; 2]>,
    /// Lowercased word -> counts of predicted types (PER, ORG, LOC, MISC, O) so far.
    history: IdMap<[u16; 5]>,
    feats: Vec<u64>,
    /// Second stage only: the first stage's labels (flat, like `toks`) and, per lowercased
    /// capitalised word, the counts of first-stage types over the whole document.
    stage1: Vec<u8>,
    stage1_counts: IdMap<[u16; 5]>,
    /// Training only: hide the current token's own word features (word dropout).
    pub drop_word: bool,
    /// The model has Brown clusters.
    brown: bool,
    /// The document reads as sports news (see [`is_sport_word`]).
    sport: bool,
}

// Template ids: arbitrary distinct constants mixed into every feature. They are part of the
// keys of the shipped model (`data/ner/model.bin`), so they never change.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_PRE: u64 = 5;
const T_SUF: u64 = 6;
const T_BIGRAM: u64 = 7;
const T_SHAPE2: u64 = 8;
const T_PREV: u64 = 9;
const T_PREV2: u64 = 10;
const T_PREV_WORD: u64 = 11;
const T_PREV_SHAPE: u64 = 12;
const T_FIRST: u64 = 13;
const T_HEAD: u64 = 14;
const T_HEAD_WORD: u64 = 15;
const T_CLUSTER: u64 = 16;
const T_GAZ: u64 = 17;
const T_GAZ_CAP: u64 = 18;
const T_CASE: u64 = 19;
const T_HIST: u64 = 20;
const T_HIST_SHAPE: u64 = 21;
const T_FLAGS: u64 = 22;
const T_CLUSTER_SHAPE: u64 = 23;
const T_GAZ_CTX: u64 = 24;
const T_S1: u64 = 25;
const T_S1_DOC: u64 = 26;
const T_BROWN: u64 = 27;
const T_SPORT: u64 = 28;
/// Plus the context word's offset (-2..=2), so ids 28..=32: they overlap `T_SPORT` and
/// `T_RUN`, whose keys mix other values (a shape, a run length) and so do not collide in
/// practice. Kept as they are: the shipped model is keyed by them.
const T_CONTEXT_SHAPE: u64 = 30;
const T_RUN: u64 = 31;

/// A family's further templates add multiples of this to its id (a cluster granularity, a
/// Brown prefix length, a second bigram...): the base ids are all below it, so the variants
/// of one family never take another family's id.
const VARIANT: u64 = 100;

const T_BIGRAM_NEXT: u64 = T_BIGRAM + VARIANT;
const T_SHAPE2_NEXT: u64 = T_SHAPE2 + VARIANT;
const T_WORD_PAIR: u64 = T_CONTEXT_SHAPE + 10;
const T_SHAPE_PAIR: u64 = T_CONTEXT_SHAPE + 11;
const T_RUN_LAST: u64 = T_RUN + VARIANT;
const T_RUN_FIRST: u64 = T_RUN + 2 * VARIANT;
const T_RUN_BEFORE: u64 = T_RUN + 3 * VARIANT;
const T_RUN_AFTER: u64 = T_RUN + 4 * VARIANT;
const T_BROWN_FAR: u64 = T_BROWN + 10 * VARIANT;
const T_BROWN_SHAPE: u64 = T_BROWN + 11 * VARIANT;
const T_BROWN_BIGRAM: u64 = T_BROWN + 12 * VARIANT;
const T_BROWN_BIGRAM_NEXT: u64 = T_BROWN + 13 * VARIANT;
const T_SPORT_SHAPE: u64 = T_SPORT + VARIANT;
const T_SPORT_BROWN: u64 = T_SPORT + 2 * VARIANT;
const T_S1_LEFT: u64 = T_S1 + VARIANT;
const T_S1_RIGHT: u64 = T_S1 + 2 * VARIANT;
const T_S1_DOC_SHAPE: u64 = T_S1_DOC + VARIANT;
const T_S1_DOC_HERE: u64 = T_S1_DOC + 2 * VARIANT;

/// The word hash of a position before the sentence's first token / after its last.
const PAD_BEFORE: u64 = 0xB0B0;
const PAD_AFTER: u64 = 0xE0E0;

/// What word dropout puts in place of the token's own word (raw and lowercased) in every
/// feature that holds it: one value for all hidden words, so the model learns weights for "a
/// word it cannot see here", as it will meet in unseen names.
const DROPPED_WORD: u64 = 0xD20F;

/// The label value of "no label": before the sentence's first token, or past its end (second
/// stage). Outside the label ids (0..17), so it is never read as a label.
const NO_LABEL: u64 = 99;

/// A word with no cluster in the model's cluster table, and a position outside the sentence:
/// two values above any packed cluster id, each kept whole at every granularity.
const NO_CLUSTER: u32 = u32::MAX;
const PAD_CLUSTER: u32 = u32::MAX - 1;
/// Bits per granularity in a packed cluster id (see `clusters::induce`).
const CLUSTER_BITS: u32 = 10;
/// The Brown path of a position outside the sentence (a real path is never all ones).
const PAD_BROWN: u32 = u32::MAX;
/// Brown path prefix lengths of the token and its neighbours; the tokens two away, the
/// token's prefix crossed with its shape and the sports feature use [`BROWN_MID`] bits, the
/// cluster bigrams [`BROWN_COARSE`].
const BROWN_PREFIXES: [u32; 4] = [4, 6, 10, 20];
const BROWN_MID: u32 = 10;
const BROWN_COARSE: u32 = 6;

/// Capitalised runs longer than this (and positions further into one) share a value: they
/// are rare, and the place of a token in a long name says little more.
const MAX_RUN_LEN: usize = 6;
const MAX_RUN_POS: usize = 5;

/// A document with at least this many sports words gets the sports features (four was
/// tried: no better, `data/ner/README.md`).
const SPORT_WORDS_NEEDED: usize = 2;

/// The token a feature is computed for, with its sentence and its own word as features see it
/// (hidden under word dropout).
struct Window<'a> {
    sent: &'a [Tok],
    i: usize,
    word0: u64,
    lower0: u64,
}

impl<'a> Window<'a> {
    fn new(sent: &'a [Tok], i: usize, drop_word: bool) -> Window<'a> {
        let t = &sent[i];
        let (word0, lower0) = if drop_word {
            (DROPPED_WORD, DROPPED_WORD)
        } else {
            (t.word, t.lower)
        };
        Window {
            sent,
            i,
            word0,
            lower0,
        }
    }

    fn tok(&self) -> &'a Tok {
        &self.sent[self.i]
    }

    /// The token `k` positions away, if inside the sentence.
    fn at(&self, k: isize) -> Option<&'a Tok> {
        let j = self.i as isize + k;
        (j >= 0).then(|| self.sent.get(j as usize)).flatten()
    }

    fn pad(k: isize) -> u64 {
        if k < 0 { PAD_BEFORE } else { PAD_AFTER }
    }

    /// The lowercased word `k` positions away (the token's own, possibly hidden, at 0).
    fn lower(&self, k: isize) -> u64 {
        match k {
            0 => self.lower0,
            _ => self.at(k).map_or(Self::pad(k), |t| t.lower),
        }
    }

    fn shape(&self, k: isize) -> u64 {
        self.at(k).map_or(Self::pad(k), |t| t.shape)
    }

    /// Outside headlines, the run `a..b` of capitalised tokens the token is in.
    fn capitalised_run(&self, head: bool) -> Option<(usize, usize)> {
        let cap = |j: usize| self.sent[j].capitalised();
        let i = self.i;
        (!head && cap(i)).then(|| {
            let mut a = i;
            while a > 0 && cap(a - 1) {
                a -= 1;
            }
            let mut b = i + 1;
            while b < self.sent.len() && cap(b) {
                b += 1;
            }
            (a, b)
        })
    }
}

/// The gazetteer kinds a token's gazetteer bits (`kind * 4 + BILOU position`) belong to, one
/// bit per kind: where in a name the token stands is dropped.
fn gazetteer_kinds(gaz: u64) -> u64 {
    (0..KINDS as u64).fold(0u64, |m, kd| {
        m | (((gaz >> (kd * 4)) & 15 != 0) as u64) << kd
    })
}

impl DocFeatures {
    pub fn new(res: &Resources, sentences: &[Vec<&str>]) -> DocFeatures {
        // A word's hashes, shape, affixes and clusters depend on the word alone, and an
        // article repeats most of its words: each distinct word is worked out once.
        let mut seen: HashMap<&str, Tok, Xxh3DefaultBuilder> = HashMap::default();
        DocFeatures::build(res, sentences, |w| {
            *seen.entry(w).or_insert_with(|| token_info(w, res))
        })
    }

    /// [`Self::new`], taking the words' token features from `words` (built from the same
    /// `res`), which keeps them for later documents.
    pub fn with_words(
        res: &Resources,
        sentences: &[Vec<&str>],
        words: &mut WordCache,
    ) -> DocFeatures {
        DocFeatures::build(res, sentences, |w| words.tok(w, res))
    }

    fn build<'w>(
        res: &Resources,
        sentences: &[Vec<&'w str>],
        mut tok_of: impl FnMut(&'w str) -> Tok,
    ) -> DocFeatures {
        let total: usize = sentences.iter().map(Vec::len).sum();
        let mut toks = Vec::with_capacity(total);
        let mut offsets = Vec::with_capacity(sentences.len() + 1);
        let mut headline = Vec::with_capacity(sentences.len());
        let mut case_seen = IdMap::default();
        for s in sentences {
            offsets.push(toks.len());
            let start = toks.len();
            toks.extend(s.iter().map(|&w| tok_of(w)));
            let toks_s = &toks[start..];
            let head = toks_s.iter().any(|t| t.flags & ALL_UPPER != 0)
                && !toks_s.iter().any(|t| t.flags & ALL_LOWER != 0);
            headline.push(head);
            if !head {
                for t in toks_s.iter().skip(1) {
                    let e = case_seen.entry(t.lower).or_insert([0u16; 2]);
                    if t.flags & FIRST_UPPER != 0 {
                        e[0] = e[0].saturating_add(1);
                    } else if t.flags & ALL_LOWER != 0 {
                        e[1] = e[1].saturating_add(1);
                    }
                }
            }
            mark_gazetteer(res, &mut toks[start..]);
        }
        offsets.push(toks.len());
        let sport_words = toks.iter().filter(|t| is_sport_word(t.lower)).count();
        DocFeatures {
            sport: sport_words >= SPORT_WORDS_NEEDED,
            toks,
            offsets,
            headline,
            case_seen,
            history: IdMap::default(),
            feats: Vec::with_capacity(64),
            stage1: Vec::new(),
            stage1_counts: IdMap::default(),
            drop_word: false,
            brown: !res.brown.is_empty(),
        }
    }

    /// Features of token `i` of sentence `s`, given the labels already predicted for it.
    pub fn features(&mut self, s: usize, i: usize, labels: &[u8]) -> &[u64] {
        self.base_features(s, i);
        let n = labels.len();
        let prev2 = n.checked_sub(2).map(|k| labels[k]);
        let extra = self.label_features(s, i, labels.last().copied(), prev2);
        self.feats.extend_from_slice(&extra);
        &self.feats
    }

    /// The features that depend on the labels before token `i` (the last two, `prev` and
    /// `prev2`, alone and with the token's word and shape); [`Self::base_features`] are all
    /// the others.
    pub fn label_features(
        &self,
        s: usize,
        i: usize,
        prev: Option<u8>,
        prev2: Option<u8>,
    ) -> [u64; 4] {
        let t = &self.toks[self.offsets[s] + i];
        let lower0 = if self.drop_word {
            DROPPED_WORD
        } else {
            t.lower
        };
        let p1 = prev.map_or(NO_LABEL, u64::from);
        let p2 = prev2.map_or(NO_LABEL, u64::from);
        [
            mix(T_PREV, p1),
            mix(mix(T_PREV2, p1), p2),
            mix(mix(T_PREV_WORD, p1), lower0),
            mix(mix(T_PREV_SHAPE, p1), t.shape),
        ]
    }

    /// Features of token `i` of sentence `s` that do not depend on earlier labels.
    ///
    /// The order of the families is fixed: a model's scores do not depend on it, but training
    /// sums floats in this order, so a reordering would change retrained models' bytes.
    pub fn base_features(&mut self, s: usize, i: usize) -> &[u64] {
        let sent = &self.toks[self.offsets[s]..self.offsets[s + 1]];
        let w = Window::new(sent, i, self.drop_word);
        let head = self.headline[s];
        let run = w.capitalised_run(head);
        let f = &mut self.feats;
        f.clear();
        word_features(f, &w);
        run_edge_features(f, &w, run);
        context_pair_features(f, &w);
        run_features(f, &w, run);
        bigram_features(f, &w);
        position_features(f, &w, head);
        cluster_features(f, &w);
        if self.brown {
            brown_features(f, &w);
        }
        gazetteer_features(f, &w);
        if self.sport {
            sport_features(f, &w);
        }
        case_features(f, &w, &self.case_seen, head);
        history_features(f, &w, &self.history);
        if !self.stage1.is_empty() {
            let labels = &self.stage1[self.offsets[s]..self.offsets[s + 1]];
            stage1_features(f, &w, labels, &self.stage1_counts);
        }
        f
    }

    /// Switches to second-stage features, given the first stage's labels for the document,
    /// and forgets the first stage's prediction history.
    pub fn set_stage1(&mut self, labels: &[Vec<u8>]) {
        self.stage1.clear();
        self.stage1.extend(labels.iter().flatten());
        self.stage1_counts.clear();
        self.history.clear();
        for (t, &l) in self.toks.iter().zip(&self.stage1) {
            if t.capitalised() {
                self.stage1_counts.entry(t.lower).or_insert([0; 5])[label::type_of(l)] += 1;
            }
        }
    }

    /// Token `i` of sentence `s` is a lowercase word or punctuation that cannot begin a name
    /// and is in no gazetteer entry: after a closed entity (or none) the tagger may take it to
    /// be outside any name without scoring it (`Tagger::tag_labels`).
    pub fn plain(&self, s: usize, i: usize) -> bool {
        let t = &self.toks[self.offsets[s] + i];
        t.plain && t.gaz == 0
    }

    /// Records the label chosen for token `i` of sentence `s` in the prediction history.
    pub fn record(&mut self, s: usize, i: usize, label: u8) {
        let t = &self.toks[self.offsets[s] + i];
        if t.capitalised() {
            let e = self.history.entry(t.lower).or_insert([0; 5]);
            let k = label::type_of(label);
            e[k] = e[k].saturating_add(1);
        }
    }
}

/// The token's own word and flags, the lowercased words and shapes of the five-token window,
/// the raw neighbouring words, prefixes and suffixes, and the words around the token crossed
/// with its shape ("Mr" before a capitalised word, "said" after it).
fn word_features(f: &mut Vec<u64>, w: &Window) {
    let t = w.tok();
    f.push(T_BIAS);
    f.push(mix(T_WORD, w.word0));
    f.push(mix(T_FLAGS, t.flags as u64));
    for k in [-2isize, -1, 0, 1, 2] {
        f.push(mix(mix(T_LOWER, k as u64), w.lower(k)));
        f.push(mix(mix(T_SHAPE, k as u64), w.shape(k)));
    }
    for k in [-1isize, 1] {
        // Both sides pad as "after": kept so, the shipped model's keys depend on it.
        f.push(mix(
            mix(T_WORD, k as u64),
            w.at(k).map_or(PAD_AFTER, |t| t.word),
        ));
    }
    for k in 0..AFFIX_LEN {
        if t.prefix[k] != 0 {
            f.push(mix(T_PRE, t.prefix[k]));
            f.push(mix(T_SUF, t.suffix[k]));
        }
    }
    for k in [-2isize, -1, 1, 2] {
        f.push(mix(
            mix(T_CONTEXT_SHAPE.wrapping_add(k as u64), w.lower(k)),
            t.shape,
        ));
    }
}

/// For a capitalised run of two or more tokens: the word just before it (with whether the
/// token opens the run) and just after it (with whether the token closes it).
fn run_edge_features(f: &mut Vec<u64>, w: &Window, run: Option<(usize, usize)>) {
    let Some((a, b)) = run.filter(|&(a, b)| b - a > 1) else {
        return;
    };
    let (sent, i) = (w.sent, w.i);
    let before = if a == 0 {
        PAD_BEFORE
    } else {
        sent[a - 1].lower
    };
    let after = sent.get(b).map_or(PAD_AFTER, |t| t.lower);
    f.push(mix(mix(T_RUN_BEFORE, before), (i == a) as u64));
    f.push(mix(mix(T_RUN_AFTER, after), (i + 1 == b) as u64));
}

/// The pairs of words and of shapes on both sides of the token.
fn context_pair_features(f: &mut Vec<u64>, w: &Window) {
    f.push(mix(mix(T_WORD_PAIR, w.lower(-1)), w.lower(1)));
    f.push(mix(mix(T_SHAPE_PAIR, w.shape(-1)), w.shape(1)));
}

/// The capitalised run the token is in: its length and the token's place in it, and for runs
/// of two or more, its last and first words (long names end in their kind's word: "...
/// Traffic Control Administration").
fn run_features(f: &mut Vec<u64>, w: &Window, run: Option<(usize, usize)>) {
    let Some((a, b)) = run else {
        return;
    };
    let (sent, i) = (w.sent, w.i);
    let len = (b - a).min(MAX_RUN_LEN) as u64;
    let pos = ((i - a).min(MAX_RUN_POS) as u64) << 4 | ((b - 1 - i).min(MAX_RUN_POS) as u64);
    f.push(mix(mix(T_RUN, len), pos));
    if b - a > 1 {
        f.push(mix(mix(T_RUN_LAST, sent[b - 1].lower), (i + 1 == b) as u64));
        f.push(mix(mix(T_RUN_FIRST, sent[a].lower), (i == a) as u64));
    }
}

/// Word and shape bigrams with the token's neighbours.
fn bigram_features(f: &mut Vec<u64>, w: &Window) {
    f.push(mix(mix(T_BIGRAM, w.lower(-1)), w.lower(0)));
    f.push(mix(mix(T_BIGRAM_NEXT, w.lower(0)), w.lower(1)));
    f.push(mix(mix(T_SHAPE2, w.shape(-1)), w.shape(0)));
    f.push(mix(mix(T_SHAPE2_NEXT, w.shape(0)), w.shape(1)));
}

/// Sentence-initial shape, and in all-caps headlines the shape and word (capitals say
/// nothing there).
fn position_features(f: &mut Vec<u64>, w: &Window, head: bool) {
    let t = w.tok();
    if w.i == 0 {
        f.push(mix(T_FIRST, t.shape));
    }
    if head {
        f.push(mix(T_HEAD, t.shape));
        f.push(mix(T_HEAD_WORD, w.lower0));
    }
}

/// The induced word clusters of the token and its neighbours at each of the three
/// granularities (see `clusters::induce`), and the token's crossed with its shape.
fn cluster_features(f: &mut Vec<u64>, w: &Window) {
    let t = w.tok();
    for level in 0..3u64 {
        let part = |c: u32| {
            if c >= PAD_CLUSTER {
                c as u64
            } else {
                ((c >> (CLUSTER_BITS as u64 * level)) & ((1 << CLUSTER_BITS) - 1)) as u64
            }
        };
        for k in [-1isize, 0, 1] {
            let c = w.at(k).map_or(PAD_CLUSTER, |t| t.cluster);
            f.push(mix(mix(T_CLUSTER + VARIANT * level, k as u64), part(c)));
        }
        f.push(mix(
            mix(T_CLUSTER_SHAPE + VARIANT * level, part(t.cluster)),
            t.shape,
        ));
    }
}

/// Brown cluster path prefixes (the bit path is stored root first, lowest bit first): four
/// lengths for the token and its neighbours, one for the tokens two away, the token's with
/// its shape, and coarse cluster bigrams.
fn brown_features(f: &mut Vec<u64>, w: &Window) {
    let t = w.tok();
    let brown = |k: isize| w.at(k).map_or(PAD_BROWN, |t| t.brown);
    let prefix = |b: u32, len: u32| {
        if b == PAD_BROWN {
            b
        } else {
            b & ((1 << len) - 1)
        }
    };
    for k in [-1isize, 0, 1] {
        for (n, len) in BROWN_PREFIXES.into_iter().enumerate() {
            f.push(mix(
                mix(T_BROWN + VARIANT * n as u64, k as u64),
                prefix(brown(k), len) as u64,
            ));
        }
    }
    for k in [-2isize, 2] {
        f.push(mix(
            mix(T_BROWN_FAR, k as u64),
            prefix(brown(k), BROWN_MID) as u64,
        ));
    }
    f.push(mix(
        mix(T_BROWN_SHAPE, prefix(t.brown, BROWN_MID) as u64),
        t.shape,
    ));
    let coarse = |k: isize| prefix(brown(k), BROWN_COARSE) as u64;
    f.push(mix(mix(T_BROWN_BIGRAM, coarse(-1)), coarse(0)));
    f.push(mix(mix(T_BROWN_BIGRAM_NEXT, coarse(0)), coarse(1)));
}

/// Each of the token's gazetteer bits (kind and place in the name), alone and with its
/// capitalisation, and the kinds of its neighbours' names.
fn gazetteer_features(f: &mut Vec<u64>, w: &Window) {
    let t = w.tok();
    let mut bits = t.gaz;
    while bits != 0 {
        let b = bits.trailing_zeros() as u64;
        bits &= bits - 1;
        f.push(mix(T_GAZ, b));
        f.push(mix(mix(T_GAZ_CAP, b), (t.flags & CAPITALISED) as u64));
    }
    for k in [-1isize, 1] {
        if let Some(n) = w.at(k).filter(|n| n.gaz != 0) {
            f.push(mix(mix(T_GAZ_CTX, k as u64), gazetteer_kinds(n.gaz)));
        }
    }
}

/// Sports news: there a place or club name is usually a team (ORG).
fn sport_features(f: &mut Vec<u64>, w: &Window) {
    let t = w.tok();
    f.push(mix(T_SPORT, gazetteer_kinds(t.gaz)));
    f.push(mix(T_SPORT_SHAPE, t.shape));
    let mid = (1 << BROWN_MID) - 1;
    f.push(mix(T_SPORT_BROWN, t.brown as u64 & mid));
}

/// Case elsewhere in the document: 0 unseen, 1 only capitalised, 2 only lowercase, 3 both;
/// with the token's shape and whether its own capital is informative here.
fn case_features(f: &mut Vec<u64>, w: &Window, case_seen: &IdMap<[u16; 2]>, head: bool) {
    let t = w.tok();
    let case = case_seen
        .get(&t.lower)
        .map_or(0u64, |c| (c[0] > 0) as u64 | ((c[1] > 0) as u64) << 1);
    let informative_pos = w.i > 0 && !head;
    f.push(mix(mix(T_CASE, case), t.shape ^ informative_pos as u64));
}

/// For a capitalised word: the type it was tagged with most earlier in the document.
fn history_features(f: &mut Vec<u64>, w: &Window, history: &IdMap<[u16; 5]>) {
    let t = w.tok();
    if t.capitalised()
        && let Some(h) = history.get(&t.lower)
    {
        let (best, share) = majority(h);
        f.push(mix(mix(T_HIST, best as u64), share));
        f.push(mix(mix(T_HIST_SHAPE, best as u64), t.shape));
    }
}

/// Second stage: what the first stage said here (`labels` are the sentence's), around here,
/// and about this word anywhere in the document (later occurrences too: headlines come
/// before the body).
fn stage1_features(f: &mut Vec<u64>, w: &Window, labels: &[u8], counts: &IdMap<[u16; 5]>) {
    let t = w.tok();
    let l1 = |k: isize| {
        let j = w.i as isize + k;
        if j < 0 || j as usize >= labels.len() {
            NO_LABEL
        } else {
            labels[j as usize] as u64
        }
    };
    f.push(mix(T_S1, l1(0)));
    f.push(mix(mix(T_S1_LEFT, l1(-1)), l1(0)));
    f.push(mix(mix(T_S1_RIGHT, l1(0)), l1(1)));
    if let Some(h) = counts.get(&t.lower) {
        let (best, share) = majority(h);
        f.push(mix(mix(T_S1_DOC, best as u64), share));
        f.push(mix(mix(T_S1_DOC_SHAPE, best as u64), t.shape));
        f.push(mix(mix(T_S1_DOC_HERE, best as u64), l1(0)));
    }
}

/// Sets each token's gazetteer bits: for every gazetteer name matched at a token run, the
/// name's kinds with the token's BILOU position in the match.
fn mark_gazetteer(res: &Resources, sent: &mut [Tok]) {
    if res.gazetteer.is_empty() {
        return;
    }
    for start in 0..sent.len() {
        let mut h = 0u64;
        for len in 1..=res.gaz_max_len.min(sent.len() - start) {
            h = seq_hash(h, sent[start + len - 1].lower);
            let Some(&kinds) = res.gazetteer.get(&h) else {
                break;
            };
            for kind in 0..KINDS as u64 {
                if kinds & (1 << kind) == 0 {
                    continue;
                }
                for j in 0..len {
                    let pos = match (len, j) {
                        (1, _) => label::U,
                        (_, 0) => label::B,
                        (l, j) if j == l - 1 => label::L,
                        _ => label::I,
                    } as u64;
                    sent[start + j].gaz |= 1 << (kind * 4 + pos);
                }
            }
        }
    }
}

/// Words that mark a document as sports news: two or more of them (any case) and the
/// document gets the sports features. Part of the feature definition, like the templates:
/// editing the list needs a retrained model.
fn is_sport_word(lower: u64) -> bool {
    static WORDS: std::sync::OnceLock<IdMap<()>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            [
                "soccer",
                "football",
                "baseball",
                "basketball",
                "cricket",
                "rugby",
                "tennis",
                "golf",
                "hockey",
                "cycling",
                "athletics",
                "boxing",
                "motor",
                "racing",
                "skiing",
                "league",
                "championship",
                "tournament",
                "match",
                "matches",
                "innings",
                "wickets",
                "goals",
                "scored",
                "halftime",
                "half-time",
                "standings",
                "played",
                "won",
                "lost",
                "drawn",
                "points",
                "division",
                "cup",
                "season",
                "coach",
                "striker",
                "seeded",
                "runs",
                "game",
                "games",
                "inning",
                "homer",
                "pitcher",
                "quarterback",
            ]
            .iter()
            .map(|w| (hash_word(w, true), ()))
            .collect()
        })
        .contains_key(&lower)
}

/// The best label that may follow `prev`.
pub(crate) fn best_allowed(prev: u8, scores: &[f32; label::COUNT]) -> u8 {
    let mut best = label::O;
    let mut best_score = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        if s > best_score && label::allowed(prev, l as u8) {
            best = l as u8;
            best_score = s;
        }
    }
    best
}

/// The most frequent class in a tally (ties to the lower index) and how dominant it is:
/// 2 = every occurrence, 1 = a majority, 0 = less.
fn majority(tally: &[u16]) -> (usize, u64) {
    let (best, &n) = tally
        .iter()
        .enumerate()
        .max_by_key(|&(k, &n)| (n, 5 - k))
        .unwrap_or((4, &0));
    let total: u16 = tally.iter().sum();
    let share = if n == total {
        2
    } else if 2 * n > total {
        1
    } else {
        0
    };
    (best, share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::Xxh3;

    /// Small fixed resources written here, so the tests below do not move when the repo's
    /// gazetteer, lists or model do.
    fn tiny_resources() -> Resources {
        let mut res = Resources::default();
        let words = [
            "said", "minister", "moscow", "beijing", "club", "the", "won",
        ];
        for (k, w) in words.iter().enumerate() {
            let k = k as u32;
            // Three packed granularities, as `clusters::induce` stores them.
            let packed = k | (k % 3) << CLUSTER_BITS | (k % 2) << (2 * CLUSTER_BITS);
            res.clusters.insert(hash_word(w, true), packed);
        }
        let names = [
            ("vladimir putin", 0u16),
            ("moscow", 2),
            ("real madrid", 14),
            ("real", 4),
            ("xinhua", 1),
        ];
        for (name, kind) in names {
            let mut h = 0;
            let words: Vec<&str> = name.split(' ').collect();
            for (i, w) in words.iter().enumerate() {
                h = seq_hash(h, hash_word(w, true));
                if i + 1 < words.len() {
                    *res.gazetteer.entry(h).or_insert(0) |= super::super::lists::PREFIX;
                }
            }
            *res.gazetteer.entry(h).or_insert(0) |= 1 << kind;
            res.gaz_max_len = res.gaz_max_len.max(words.len());
        }
        let brown = [
            ("Putin", 0b1011_0110u32),
            ("said", 0b1),
            ("Moscow", 0b11_0101_1101_0110_1011),
            ("the", 0b10),
        ];
        for (w, path) in brown {
            res.brown.insert(hash_form(w, 0), path);
        }
        res
    }

    /// A headline, a long capitalised run, sports words, digits and curly quotes.
    const TINY_DOC: [&str; 5] = [
        "PUTIN , XI TALK BY PHONE",
        "President Vladimir Putin said on Monday that Moscow and Beijing would talk .",
        "Real Madrid won the league match 2-1 , the club’s coach said in Madrid .",
        "The Harbour City Ferry Company of New Zealand scored 300 points in 1996 .",
        "McDonald 's U.S. unit , iPhone and \u{201C}Xinhua\u{201D} reported .",
    ];

    fn sentences() -> Vec<Vec<&'static str>> {
        TINY_DOC.iter().map(|s| s.split(' ').collect()).collect()
    }

    /// Every feature of every token of `sents`, in order, hashed: base features with and
    /// without word dropout, label features for several histories, the combined features,
    /// then all again as a second stage seeing `labels`.
    fn fingerprint(res: &Resources, sents: &[Vec<&str>], labels: &[Vec<u8>]) -> u64 {
        let mut h = Xxh3::new();
        let mut doc = DocFeatures::new(res, sents);
        for pass in 0..2 {
            if pass == 1 {
                doc.set_stage1(labels);
            }
            for (s, sent) in sents.iter().enumerate() {
                for i in 0..sent.len() {
                    let ls = &labels[s];
                    for drop in [false, true] {
                        doc.drop_word = drop;
                        for f in doc.base_features(s, i) {
                            h.update(&f.to_le_bytes());
                        }
                        h.update(b"|");
                        let prev = i.checked_sub(1).map(|k| ls[k]);
                        let prev2 = i.checked_sub(2).map(|k| ls[k]);
                        let histories = [
                            (None, None),
                            (Some(0), None),
                            (Some(5), Some(3)),
                            (prev, prev2),
                        ];
                        for (p, p2) in histories {
                            for f in doc.label_features(s, i, p, p2) {
                                h.update(&f.to_le_bytes());
                            }
                        }
                        h.update(b"/");
                        for f in doc.features(s, i, &ls[..i]) {
                            h.update(&f.to_le_bytes());
                        }
                        h.update(b";");
                    }
                    doc.drop_word = false;
                    doc.record(s, i, ls[i]);
                }
            }
        }
        h.digest()
    }

    /// The shipped model (`data/ner/model.bin`) is keyed by these features: if this fails,
    /// a change altered some feature's key (a template id, a hash, a constant, the order), and
    /// the shipped model would silently lose those weights. Either undo the change, or
    /// retrain the model and update the values here in the same commit.
    #[test]
    fn name_particles_are_sorted_for_binary_search() {
        assert!(NAME_PARTICLES.is_sorted());
    }

    #[test]
    fn kept_words_give_the_features_worked_out_afresh() {
        let res = tiny_resources();
        let docs: [Vec<Vec<&str>>; 2] = [
            vec![
                vec!["Vladimir", "Putin", "said", "in", "Moscow"],
                vec!["The", "club", "won"],
            ],
            vec![
                vec!["MOSCOW", "said", "the", "club"],
                vec!["Putin", "won", "in", "Beijing"],
            ],
        ];
        let mut words = WordCache::default();
        for doc in &docs {
            let mut fresh = DocFeatures::new(&res, doc);
            let mut kept = DocFeatures::with_words(&res, doc, &mut words);
            for (s, sentence) in doc.iter().enumerate() {
                for (i, word) in sentence.iter().enumerate() {
                    assert_eq!(
                        fresh.base_features(s, i).to_vec(),
                        kept.base_features(s, i).to_vec(),
                        "{word}"
                    );
                }
            }
        }
        assert_eq!(words.toks.len(), 11);
    }

    #[test]
    fn only_lowercase_words_and_punctuation_cannot_begin_a_name() {
        let res = tiny_resources();
        let sentence = vec![
            "the", "de", "Klerk", "said", ",", "--", "van", "iPhone", "1990s", "'s", "Moscow",
            "moscow", "n.z.", "élysée", "x",
        ];
        let doc = DocFeatures::new(&res, std::slice::from_ref(&sentence));
        let plain: Vec<&str> = (0..sentence.len())
            .filter(|&i| doc.plain(0, i))
            .map(|i| sentence[i])
            .collect();
        // "de", "van": particles; "moscow": a gazetteer word; "n.z.", "1990s", "'s": mixed.
        assert_eq!(plain, ["the", "said", ",", "--", "élysée", "x"]);
    }

    #[test]
    fn feature_keys_are_those_the_shipped_model_was_trained_with() {
        let sents = sentences();
        // Labels of every type and position (type_of is all the history looks at).
        let labels: Vec<Vec<u8>> = sents
            .iter()
            .map(|s| {
                (0..s.len())
                    .map(|i| [0u8, 1, 2, 3, 4, 0, 16, 9][i % 8])
                    .collect()
            })
            .collect();
        assert_eq!(
            fingerprint(&tiny_resources(), &sents, &labels),
            0x7a61_165d_82b7_53e1
        );
        assert_eq!(
            fingerprint(&Resources::default(), &sents, &labels),
            0xd0b1_ffc3_28b8_b565
        );
    }

    #[test]
    fn a_tokens_features_are_distinct() {
        let sents = sentences();
        let mut doc = DocFeatures::new(&tiny_resources(), &sents);
        doc.set_stage1(&sents.iter().map(|s| vec![1; s.len()]).collect::<Vec<_>>());
        for (s, sent) in sents.iter().enumerate() {
            for (i, word) in sent.iter().enumerate() {
                let mut f = doc.features(s, i, &vec![label::O; i]).to_vec();
                let n = f.len();
                assert!(n > 40, "{n} features for {word:?}");
                f.sort_unstable();
                f.dedup();
                assert_eq!(f.len(), n, "repeated feature for {word:?}");
            }
        }
    }

    #[test]
    fn gazetteer_kinds_drop_the_position_in_the_name() {
        assert_eq!(gazetteer_kinds(0), 0);
        for kind in 0..KINDS as u64 {
            for pos in [label::B, label::I, label::L, label::U] {
                assert_eq!(gazetteer_kinds(1 << (kind * 4 + pos as u64)), 1 << kind);
            }
        }
        assert_eq!(gazetteer_kinds(u64::MAX), (1 << KINDS) - 1);
        // What `mark_gazetteer` leaves on "Real" of "Real Madrid" (kind 14, B; kind 4, U)
        // and on "Madrid" (kind 14, L).
        let res = tiny_resources();
        let doc = DocFeatures::new(&res, &[vec!["Real", "Madrid", "won"]]);
        let kinds: Vec<u64> = doc.toks.iter().map(|t| gazetteer_kinds(t.gaz)).collect();
        assert_eq!(kinds, vec![1 << 14 | 1 << 4, 1 << 14, 0]);
    }

    #[test]
    fn shapes_and_flags_of_sample_words() {
        let res = Resources::default();
        let tok = |w: &str| token_info(w, &res);
        // Runs of a class collapse: every capitalised word has one shape.
        assert_eq!(tok("Putin").shape, tok("Xinhua").shape);
        assert_ne!(tok("Putin").shape, tok("McDonald").shape);
        assert_eq!(tok("U.S.").shape, tok("E.U.").shape);
        assert_eq!(tok("1996").shape, tok("7").shape);
        assert_ne!(tok("1996").shape, tok("1996-08-22").shape);
        assert_eq!(tok("it’s").shape, tok("it's").shape);
        assert_eq!(tok("NATO").flags, ALL_UPPER | FIRST_UPPER);
        assert_eq!(tok("Putin").flags, FIRST_UPPER);
        assert_eq!(tok("iPhone").flags, 0);
        assert_eq!(tok("said").flags, ALL_LOWER);
        assert_eq!(tok("1996").flags, HAS_DIGIT);
        assert_eq!(tok("G7").flags, HAS_DIGIT | ALL_UPPER | FIRST_UPPER);
        // Affixes are lowercased, and a short word has none longer than itself.
        let of = tok("OF");
        assert_eq!(of.prefix[..2], tok("of").prefix[..2]);
        assert_eq!(of.prefix[2..], [0, 0]);
        assert_eq!(of.suffix[2..], [0, 0]);
        assert_eq!(tok("Moscow").suffix[2], tok("cow").suffix[2]);
        assert_ne!(tok("Moscow").suffix[2], tok("now").suffix[2]);
    }

    #[test]
    fn word_dropout_hides_the_word_and_nothing_else() {
        let res = tiny_resources();
        let words = |w: &'static str| vec![vec!["the", w, "said"]];
        let label_feats = |w: &'static str, drop: bool| {
            let mut doc = DocFeatures::new(&res, &words(w));
            doc.drop_word = drop;
            doc.label_features(0, 1, Some(0), None)
        };
        assert_ne!(label_feats("Putin", false), label_feats("Okafor", false));
        assert_eq!(label_feats("Putin", true), label_feats("Okafor", true));
        let base = |w: &'static str, drop: bool| {
            let mut doc = DocFeatures::new(&res, &words(w));
            doc.drop_word = drop;
            doc.base_features(0, 1).to_vec()
        };
        let (seen, hidden) = (base("Putin", false), base("Putin", true));
        assert_eq!(seen.len(), hidden.len());
        let changed = seen.iter().zip(&hidden).filter(|(a, b)| a != b).count();
        // The word, the lowercased word at 0 and in its two bigrams.
        assert_eq!(changed, 4, "{seen:x?}\n{hidden:x?}");
    }
}
