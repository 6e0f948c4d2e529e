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

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::label;
use super::lists::KINDS;

/// Keys are already good hashes: hashing them again would only cost time.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("IdHasher only hashes u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// splitmix64's finaliser: a cheap, well-mixed combination step.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(17) ^ b.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Curly quotes and apostrophes read as their ASCII forms, so "Putin’s" == "Putin's".
#[inline]
fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        _ => c,
    }
}

/// Hash of a word: raw, or lowercased with digits folded to 0 ("1996" -> "0000").
pub(crate) fn hash_word(w: &str, lower: bool) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for c in w.chars() {
        let mut c = fold_quote(c);
        if lower {
            if c.is_ascii_digit() {
                c = '0';
            } else if c.is_uppercase() {
                c = c.to_lowercase().next().unwrap_or(c);
            }
        }
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h, if lower { 1 } else { 2 })
}

/// Everything a model carries besides its weights: word clusters and the gazetteer.
#[derive(Default, Clone)]
pub(crate) struct Resources {
    /// Lowercased word hash -> cluster id (see `train::clusters`).
    pub clusters: IdMap<u32>,
    /// Hash of a lowercased token sequence (see [`seq_hash`]) -> bit set of gazetteer kinds.
    pub gazetteer: IdMap<u16>,
    pub gaz_max_len: usize,
    /// Brown clusters from a large external corpus (see `lists::compile_brown`): hash of the
    /// word as written ([`hash_form`]) -> bit path, root first in the lowest bit (0 = none).
    pub brown: IdMap<u32>,
}

/// Hash of a word as written (`form` 0), title-cased (1) or lowercased (2); no digit folding.
/// Keys of [`Resources::brown`].
pub(crate) fn hash_form(w: &str, form: u8) -> u64 {
    let mut h = 0x84F2_1CE4_8422_2325u64;
    for (k, c) in w.chars().enumerate() {
        let c = fold_quote(c);
        let c = match (form, k) {
            (1, 0) => c.to_uppercase().next().unwrap_or(c),
            (1, _) | (2, _) => c.to_lowercase().next().unwrap_or(c),
            _ => c,
        };
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h, 3)
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

/// Hash of a run of lowercased token hashes; the gazetteer keys use the same function.
pub(crate) fn seq_hash(prev: u64, lower: u64) -> u64 {
    mix(prev ^ 0x5EED, lower)
}

const FIRST_UPPER: u8 = 1;
const ALL_UPPER: u8 = 2;
const HAS_DIGIT: u8 = 4;
const ALL_LOWER: u8 = 8;

/// Per-token hashes computed once per document.
#[derive(Clone, Copy, Default)]
struct Tok {
    word: u64,
    lower: u64,
    shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    cluster: u32,
    brown: u32,
    flags: u8,
    /// Gazetteer bits: kind * 4 + BILOU position.
    gaz: u64,
}

fn token_info(w: &str, res: &Resources) -> Tok {
    let mut t = Tok {
        word: hash_word(w, false),
        lower: hash_word(w, true),
        ..Tok::default()
    };
    // Shape: X for upper, x for lower, d for digit, other chars as themselves, runs collapsed.
    let (mut shape, mut last, mut n) = (0x51u64, '\0', 0usize);
    let (mut up, mut low, mut letters) = (0, 0, 0);
    let mut ph = 0x77u64;
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
        if k < 4 {
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
    t.shape = shape;
    let mut sh = 0x99u64;
    for (k, c) in w.chars().rev().take(4).enumerate() {
        let c = fold_quote(c);
        let lc = c.to_lowercase().next().unwrap_or(c);
        sh = mix(sh, lc as u64);
        t.suffix[k] = sh;
    }
    // Short words repeat their whole form as prefix/suffix; blank the redundant ones.
    for k in n..4 {
        t.prefix[k] = 0;
        t.suffix[k] = 0;
    }
    t.cluster = res.clusters.get(&t.lower).copied().unwrap_or(u32::MAX);
    t.brown = brown_of(w, res);
    t
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

// Template ids: arbitrary distinct constants mixed into every feature.
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
const T_CONTEXT_SHAPE: u64 = 30;
const T_RUN: u64 = 31;

const PAD_BEFORE: u64 = 0xB0B0;
const PAD_AFTER: u64 = 0xE0E0;

impl DocFeatures {
    pub fn new(res: &Resources, sentences: &[Vec<&str>]) -> DocFeatures {
        let total: usize = sentences.iter().map(Vec::len).sum();
        let mut toks = Vec::with_capacity(total);
        let mut offsets = Vec::with_capacity(sentences.len() + 1);
        let mut headline = Vec::with_capacity(sentences.len());
        let mut case_seen = IdMap::default();
        for s in sentences {
            offsets.push(toks.len());
            let start = toks.len();
            toks.extend(s.iter().map(|w| token_info(w, res)));
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
            sport: sport_words >= 2,
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
        let lower0 = if self.drop_word { 0xD20F } else { t.lower };
        let p1 = prev.map_or(99, u64::from);
        let p2 = prev2.map_or(99, u64::from);
        [
            mix(T_PREV, p1),
            mix(mix(T_PREV2, p1), p2),
            mix(mix(T_PREV_WORD, p1), lower0),
            mix(mix(T_PREV_SHAPE, p1), t.shape),
        ]
    }

    /// Features of token `i` of sentence `s` that do not depend on earlier labels.
    pub fn base_features(&mut self, s: usize, i: usize) -> &[u64] {
        let sent = &self.toks[self.offsets[s]..self.offsets[s + 1]];
        let f = &mut self.feats;
        f.clear();
        let t = &sent[i];
        let at = |k: isize| -> Option<&Tok> {
            let j = i as isize + k;
            (j >= 0).then(|| sent.get(j as usize)).flatten()
        };
        // Word dropout (training only) hides the token's own word behind a constant.
        let (word0, lower0) = if self.drop_word {
            (0xD20F, 0xD20F)
        } else {
            (t.word, t.lower)
        };
        let lower = |k: isize| match k {
            0 => lower0,
            _ => at(k).map_or(if k < 0 { PAD_BEFORE } else { PAD_AFTER }, |t| t.lower),
        };
        let shape =
            |k: isize| at(k).map_or(if k < 0 { PAD_BEFORE } else { PAD_AFTER }, |t| t.shape);
        let head = self.headline[s];

        f.push(T_BIAS);
        f.push(mix(T_WORD, word0));
        f.push(mix(T_FLAGS, t.flags as u64));
        for k in [-2isize, -1, 0, 1, 2] {
            f.push(mix(mix(T_LOWER, k as u64), lower(k)));
            f.push(mix(mix(T_SHAPE, k as u64), shape(k)));
        }
        for k in [-1isize, 1] {
            f.push(mix(
                mix(T_WORD, k as u64),
                at(k).map_or(PAD_AFTER, |t| t.word),
            ));
        }
        for k in 0..4 {
            if t.prefix[k] != 0 {
                f.push(mix(T_PRE, t.prefix[k]));
                f.push(mix(T_SUF, t.suffix[k]));
            }
        }
        // The words around the token crossed with its shape ("Mr" before a capitalised word,
        // "said" after it).
        for k in [-2isize, -1, 1, 2] {
            f.push(mix(
                mix(T_CONTEXT_SHAPE.wrapping_add(k as u64), lower(k)),
                t.shape,
            ));
        }
        // Outside headlines, the run of capitalised tokens this token is in: the words just
        // before and after a run of two or more, its first and last words (long names end in
        // their kind's word: "... Traffic Control Administration"), its length and the
        // token's place in it.
        let cap = |j: usize| sent[j].flags & (FIRST_UPPER | ALL_UPPER) != 0;
        let run = (!head && cap(i)).then(|| {
            let mut a = i;
            while a > 0 && cap(a - 1) {
                a -= 1;
            }
            let mut b = i + 1;
            while b < sent.len() && cap(b) {
                b += 1;
            }
            (a, b)
        });
        if let Some((a, b)) = run.filter(|&(a, b)| b - a > 1) {
            let before = if a == 0 {
                PAD_BEFORE
            } else {
                sent[a - 1].lower
            };
            let after = sent.get(b).map_or(PAD_AFTER, |t| t.lower);
            f.push(mix(mix(T_RUN + 300, before), (i == a) as u64));
            f.push(mix(mix(T_RUN + 400, after), (i + 1 == b) as u64));
        }
        // The pairs of words and of shapes on both sides of the token.
        f.push(mix(mix(T_CONTEXT_SHAPE + 10, lower(-1)), lower(1)));
        f.push(mix(mix(T_CONTEXT_SHAPE + 11, shape(-1)), shape(1)));
        if let Some((a, b)) = run {
            let len = (b - a).min(6) as u64;
            let pos = ((i - a).min(5) as u64) << 4 | ((b - 1 - i).min(5) as u64);
            f.push(mix(mix(T_RUN, len), pos));
            if b - a > 1 {
                f.push(mix(
                    mix(T_RUN + 100, sent[b - 1].lower),
                    (i + 1 == b) as u64,
                ));
                f.push(mix(mix(T_RUN + 200, sent[a].lower), (i == a) as u64));
            }
        }
        f.push(mix(mix(T_BIGRAM, lower(-1)), lower(0)));
        f.push(mix(mix(T_BIGRAM + 100, lower(0)), lower(1)));
        f.push(mix(mix(T_SHAPE2, shape(-1)), shape(0)));
        f.push(mix(mix(T_SHAPE2 + 100, shape(0)), shape(1)));

        if i == 0 {
            f.push(mix(T_FIRST, t.shape));
        }
        if head {
            f.push(mix(T_HEAD, t.shape));
            f.push(mix(T_HEAD_WORD, lower0));
        }
        // Clusters pack three granularities, 10 bits each (see `clusters::induce`).
        for level in 0..3u64 {
            let part = |c: u32| {
                if c >= u32::MAX - 1 {
                    c as u64
                } else {
                    ((c >> (10 * level)) & 1023) as u64
                }
            };
            for k in [-1isize, 0, 1] {
                let c = at(k).map_or(u32::MAX - 1, |t| t.cluster);
                f.push(mix(mix(T_CLUSTER + 100 * level, k as u64), part(c)));
            }
            f.push(mix(
                mix(T_CLUSTER_SHAPE + 100 * level, part(t.cluster)),
                t.shape,
            ));
        }

        // Brown cluster path prefixes (the bit path is stored root first, lowest bit first):
        // four lengths for the token and its neighbours, one for the tokens two away, the
        // token's with its shape, and coarse cluster bigrams.
        if self.brown {
            let brown = |k: isize| at(k).map_or(u32::MAX, |t| t.brown);
            let prefix = |b: u32, len: u32| {
                if b == u32::MAX {
                    b
                } else {
                    b & ((1 << len) - 1)
                }
            };
            for k in [-1isize, 0, 1] {
                for (n, len) in [4u32, 6, 10, 20].into_iter().enumerate() {
                    f.push(mix(
                        mix(T_BROWN + 100 * n as u64, k as u64),
                        prefix(brown(k), len) as u64,
                    ));
                }
            }
            for k in [-2isize, 2] {
                f.push(mix(
                    mix(T_BROWN + 1000, k as u64),
                    prefix(brown(k), 10) as u64,
                ));
            }
            f.push(mix(
                mix(T_BROWN + 1100, prefix(t.brown, 10) as u64),
                t.shape,
            ));
            let p6 = |k: isize| prefix(brown(k), 6) as u64;
            f.push(mix(mix(T_BROWN + 1200, p6(-1)), p6(0)));
            f.push(mix(mix(T_BROWN + 1300, p6(0)), p6(1)));
        }

        let mut bits = t.gaz;
        while bits != 0 {
            let b = bits.trailing_zeros() as u64;
            bits &= bits - 1;
            f.push(mix(T_GAZ, b));
            f.push(mix(
                mix(T_GAZ_CAP, b),
                (t.flags & (FIRST_UPPER | ALL_UPPER)) as u64,
            ));
        }
        for k in [-1isize, 1] {
            if let Some(n) = at(k).filter(|n| n.gaz != 0) {
                // Which kinds the neighbour belongs to (positions dropped).
                let kinds = (0..KINDS as u64).fold(0u64, |m, kd| {
                    m | (((n.gaz >> (kd * 4)) & 15 != 0) as u64) << kd
                });
                f.push(mix(mix(T_GAZ_CTX, k as u64), kinds));
            }
        }

        // Sports news: there a place or club name is usually a team (ORG).
        let gaz_kinds = (0..KINDS as u64).fold(0u64, |m, kd| {
            m | (((t.gaz >> (kd * 4)) & 15 != 0) as u64) << kd
        });
        if self.sport {
            f.push(mix(T_SPORT, gaz_kinds));
            f.push(mix(T_SPORT + 100, t.shape));
            f.push(mix(T_SPORT + 200, t.brown as u64 & 1023));
        }

        // Case elsewhere in the document: 0 unseen, 1 only capitalised, 2 only lowercase, 3 both.
        let case = self
            .case_seen
            .get(&t.lower)
            .map_or(0u64, |c| (c[0] > 0) as u64 | ((c[1] > 0) as u64) << 1);
        let informative_pos = i > 0 && !head;
        f.push(mix(mix(T_CASE, case), t.shape ^ informative_pos as u64));

        if t.flags & (FIRST_UPPER | ALL_UPPER) != 0
            && let Some(h) = self.history.get(&t.lower)
        {
            let (best, share) = majority(h);
            f.push(mix(mix(T_HIST, best as u64), share));
            f.push(mix(mix(T_HIST_SHAPE, best as u64), t.shape));
        }
        if !self.stage1.is_empty() {
            // What the first stage said here, around here, and about this word anywhere in
            // the document (later occurrences too: headlines come before the body).
            let base = self.offsets[s];
            let l1 = |k: isize| {
                let j = i as isize + k;
                if j < 0 || j as usize >= sent.len() {
                    99
                } else {
                    self.stage1[base + j as usize] as u64
                }
            };
            f.push(mix(T_S1, l1(0)));
            f.push(mix(mix(T_S1 + 100, l1(-1)), l1(0)));
            f.push(mix(mix(T_S1 + 200, l1(0)), l1(1)));
            if let Some(h) = self.stage1_counts.get(&t.lower) {
                let (best, share) = majority(h);
                f.push(mix(mix(T_S1_DOC, best as u64), share));
                f.push(mix(mix(T_S1_DOC + 100, best as u64), t.shape));
                f.push(mix(mix(T_S1_DOC + 200, best as u64), l1(0)));
            }
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
            if t.flags & (FIRST_UPPER | ALL_UPPER) != 0 {
                self.stage1_counts.entry(t.lower).or_insert([0; 5])[label::type_of(l)] += 1;
            }
        }
    }

    /// Records the label chosen for token `i` of sentence `s` in the prediction history.
    pub fn record(&mut self, s: usize, i: usize, label: u8) {
        let t = &self.toks[self.offsets[s] + i];
        if t.flags & (FIRST_UPPER | ALL_UPPER) != 0 {
            let e = self.history.entry(t.lower).or_insert([0; 5]);
            let k = label::type_of(label);
            e[k] = e[k].saturating_add(1);
        }
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
