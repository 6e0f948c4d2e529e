//! How text becomes terms: the analyzers that indexing and highlighting share.
//!
//! Two analyzers are registered on every index: `morgue_en` (lowercase, ASCII folding,
//! English stemming; positions kept so phrases work) for title and body, and `morgue_plain`
//! (lowercase and folding, no stemming) for names and the exact-word field, where "Putin"
//! must not stem to "putin" vs "put". Tokenizers are not saved in the index, so [`register`]
//! must run after every open.
//!
//! Articles in other languages with a Snowball stemmer are also indexed under a field of their
//! language (`text_de`, ...), analysed by `morgue_<code>` ([`OTHER_LANGUAGES`]): lowercase,
//! that language's stemmer, then folding (the stemmers know their own accents).
//!
//! Snippets re-analyse an article's text for every hit, so they use a third chain
//! ([`snippet_analyzer`]) that gives the same terms as `morgue_en` for the words that matter
//! and skips stemming the rest. Both stemming chains are one filter, [`Stemming`], with a
//! [`StemPolicy`] that says which words to stem and what to remember.

mod folded;
mod replay;

use folded::FoldedTokenizer;
use replay::{Noted, Recording, Replay};
use std::sync::Arc;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

pub const ENGLISH: &str = "morgue_en";
pub const PLAIN: &str = "morgue_plain";
/// The `words` field's analyzer: [`PLAIN`]'s words, less those that are their own English
/// stem (see [`words`]).
pub const WORDS: &str = "morgue_words";

/// Words longer than this many bytes are dropped (base64, URLs glued to text).
const LONGEST_WORD: usize = 48;

/// The languages besides English that tantivy has stemmers for, by ISO 639-1 code (as
/// `enrich::language` and `formats` normalise them). Each has a field and an analyzer.
pub const OTHER_LANGUAGES: [(&str, Language); 17] = [
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("nl", Language::Dutch),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("de", Language::German),
    ("el", Language::Greek),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("es", Language::Spanish),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The analyzer name of one of [`OTHER_LANGUAGES`].
pub fn language_analyzer_name(code: &str) -> String {
    format!("morgue_{code}")
}

/// Lowercase, stem in `language`, fold accents.
pub fn stemmed_in(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers morgue's analyzers on an index. Must run after every create or open.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(ENGLISH, english());
    index.tokenizers().register(PLAIN, plain());
    index.tokenizers().register(WORDS, words());
    for (code, language) in OTHER_LANGUAGES {
        index
            .tokenizers()
            .register(&language_analyzer_name(code), stemmed_in(language));
    }
}

/// The indexing chain of `morgue_en`: every word stemmed, recent stems remembered.
fn english() -> TextAnalyzer {
    folded().filter(Stemming::new(Memo::default())).build()
}

/// `morgue_plain`: words lowercased and folded, not stemmed.
fn plain() -> TextAnalyzer {
    folded().build()
}

/// `morgue_words`: the words of title and body as written (lowercased, folded) that differ
/// from their stem ("banking", "banks"), for exact words and for the dictionary that prefixes
/// and fuzzy words expand over. A word that is its own stem ("bank", "the", "2019") is left
/// to the stemmed fields, where its stem term is the word: `search::literal` tells the
/// articles that write it from those that only write another form. The copy of every word
/// cost 28% of ingest CPU and 15% of the index on short wire items; most of it was these
/// words.
fn words() -> TextAnalyzer {
    folded().filter(UnlessOwnStem).build()
}

/// The English stem of one word (lowercased and folded), as `morgue_en` indexes it.
pub fn english_stem(word: &str) -> String {
    let mut stemmer = word_stemmer();
    let mut stream = stemmer.token_stream(word);
    if stream.advance() {
        std::mem::take(&mut stream.token_mut().text)
    } else {
        word.to_string()
    }
}

/// Whether `word` (lowercased and folded) is its own English stem: such words are not in the
/// `words` field.
pub fn is_own_stem(word: &str) -> bool {
    english_stem(word) == word
}

/// Drops the words that are their own English stem, remembering recent stems as
/// [`Memo`] does. A text the English chain has just analysed on this thread is not analysed
/// again: its noted words are replayed (see [`replay`]).
#[derive(Clone)]
struct UnlessOwnStem;

impl TokenFilter for UnlessOwnStem {
    type Tokenizer<T: Tokenizer> = UnlessOwnStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> UnlessOwnStemFilter<T> {
        UnlessOwnStemFilter {
            inner: tokenizer,
            stemmer: word_stemmer(),
            memo: Memo::default(),
        }
    }
}

#[derive(Clone)]
struct UnlessOwnStemFilter<T> {
    inner: T,
    stemmer: WordStemmer,
    memo: Memo,
}

impl<T: Tokenizer> Tokenizer for UnlessOwnStemFilter<T> {
    type TokenStream<'a> = WordsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if let Some(replay) = Replay::of(text) {
            return WordsStream::Replayed(replay);
        }
        WordsStream::Analysed(UnlessOwnStemStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            memo: &mut self.memo,
            stem: String::new(),
        })
    }
}

/// The `words` of a text: replayed from the English chain's pass, or analysed here.
pub enum WordsStream<'a, T> {
    Replayed(Replay),
    Analysed(UnlessOwnStemStream<'a, T>),
}

impl<T: TokenStream> TokenStream for WordsStream<'_, T> {
    fn advance(&mut self) -> bool {
        match self {
            WordsStream::Replayed(stream) => stream.advance(),
            WordsStream::Analysed(stream) => stream.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            WordsStream::Replayed(stream) => stream.token(),
            WordsStream::Analysed(stream) => stream.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            WordsStream::Replayed(stream) => stream.token_mut(),
            WordsStream::Analysed(stream) => stream.token_mut(),
        }
    }
}

pub struct UnlessOwnStemStream<'a, T> {
    tail: T,
    stemmer: &'a mut WordStemmer,
    memo: &'a mut Memo,
    /// The current word, stemmed.
    stem: String,
}

impl<T: TokenStream> TokenStream for UnlessOwnStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let word = &self.tail.token().text;
            self.stem.clone_from(word);
            if stem_in_place(self.stemmer, self.memo, &mut self.stem, |_| {}) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The `morgue_en` analyzer for highlighting, where only tokens that could stem to one of the
/// query's terms are stemmed (`candidates`): the same matches for a fraction of the work.
pub fn snippet_analyzer(candidates: StemCandidates) -> TextAnalyzer {
    folded().filter(Stemming::new(candidates)).build()
}

/// The steps every analyzer shares: split on non-alphanumerics, drop huge tokens, lowercase,
/// fold accents ("café" finds "cafe"), in one pass ([`folded`]).
fn folded() -> tantivy::tokenizer::TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(FoldedTokenizer::default())
}

/// The English (Porter2) stemmer applied to one word at a time.
type WordStemmer = <Stemmer as TokenFilter>::Tokenizer<RawTokenizer>;

fn word_stemmer() -> WordStemmer {
    Stemmer::new(Language::English).transform(RawTokenizer::default())
}

/// Which words a [`Stemming`] filter stems, and what it remembers between words.
pub trait StemPolicy: Clone + Send + Sync + 'static {
    /// True replaces the word by [`EXACT_MARK`] + the word, unstemmed: a snippet analyzer's
    /// way to tell an exact-word match (`=banking`) from a stemmed one ("bank").
    fn is_exact(&self, _word: &str) -> bool {
        false
    }
    /// False leaves the word as it is.
    fn wants(&self, word: &str) -> bool;
    /// The stem remembered for `word`, if any.
    fn recall(&mut self, word: &str) -> Option<Recalled<'_>>;
    /// Called with each word the stemmer had to stem.
    fn remember(&mut self, word: &str, stem: &str);
    /// Told of the next word a little before [`StemPolicy::recall`] is asked for it, so a
    /// cache can start loading the memory it will read.
    fn upcoming(&self, _word: &str) {}
    /// True notes the words of each text that stemming changed, for the `words` field to
    /// replay (see [`replay`]).
    fn records(&self) -> bool {
        false
    }
}

/// English stemming under a [`StemPolicy`].
#[derive(Clone)]
pub struct Stemming<P> {
    policy: P,
}

impl<P: StemPolicy> Stemming<P> {
    pub fn new(policy: P) -> Stemming<P> {
        Stemming { policy }
    }
}

impl<P: StemPolicy> TokenFilter for Stemming<P> {
    type Tokenizer<T: Tokenizer> = StemmingFilter<T, P>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StemmingFilter<T, P> {
        StemmingFilter {
            inner: tokenizer,
            stemmer: word_stemmer(),
            policy: self.policy,
        }
    }
}

#[derive(Clone)]
pub struct StemmingFilter<T, P> {
    inner: T,
    stemmer: WordStemmer,
    policy: P,
}

impl<T: Tokenizer, P: StemPolicy> Tokenizer for StemmingFilter<T, P> {
    type TokenStream<'a> = StemmingStream<'a, T::TokenStream<'a>, P>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmingStream {
            recording: self.policy.records().then(|| Recording::new(text)),
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            policy: &mut self.policy,
            current: Token::default(),
            read: Lookahead::NotStarted,
        }
    }
}

pub struct StemmingStream<'a, T, P> {
    tail: T,
    stemmer: &'a mut WordStemmer,
    policy: &'a mut P,
    /// The words stemming changed so far, kept for `words` once the text is done.
    recording: Option<Recording>,
    /// The token given out. The tail is read one word ahead of it, so that while tantivy
    /// indexes this token the memory the next word's stem is looked up in is being loaded:
    /// those lookups missed the CPU's caches and were a tenth of indexing time.
    current: Token,
    read: Lookahead,
}

/// How far a [`StemmingStream`] has read its tail.
#[derive(Clone, Copy, PartialEq)]
enum Lookahead {
    NotStarted,
    /// The tail holds a token not yet given out.
    Ahead,
    Done,
}

impl<T: TokenStream, P: StemPolicy> StemmingStream<'_, T, P> {
    fn read_ahead(&mut self) {
        self.read = if self.tail.advance() {
            self.policy.upcoming(&self.tail.token().text);
            Lookahead::Ahead
        } else {
            Lookahead::Done
        };
    }
}

impl<T: TokenStream, P: StemPolicy> TokenStream for StemmingStream<'_, T, P> {
    fn advance(&mut self) -> bool {
        if self.read == Lookahead::NotStarted {
            self.read_ahead();
        }
        if self.read == Lookahead::Done {
            if let Some(recording) = self.recording.take() {
                recording.finish();
            }
            return false;
        }
        // Take the tail's token, leaving it a spare buffer and the position it counts from.
        let position = self.tail.token().position;
        std::mem::swap(&mut self.current, self.tail.token_mut());
        self.tail.token_mut().position = position;
        self.read_ahead();
        let token = &mut self.current;
        if self.policy.is_exact(&token.text) {
            token.text.insert(0, EXACT_MARK);
            return true;
        }
        if !self.policy.wants(&token.text) || is_too_short_to_stem(&token.text) {
            return true;
        }
        match &mut self.recording {
            Some(recording) => {
                let noted = Noted::of(token);
                stem_in_place(self.stemmer, self.policy, &mut token.text, |word| {
                    recording.note(word, noted)
                });
            }
            None => {
                stem_in_place(self.stemmer, self.policy, &mut token.text, |_| {});
            }
        }
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// Whether `word` is its own stem for being short: English (Porter2) stemming leaves words of
/// one or two letters as they are, and news text is a quarter such words ("a", "of", "to").
fn is_too_short_to_stem(word: &str) -> bool {
    word.len() <= 2
}

/// Replaces `word` by its English stem: the one `policy` remembers, else the stemmer's (which
/// `policy` is then told). Returns whether the stem differs from the word, and then first
/// shows `changing` the word as it was.
fn stem_in_place<P: StemPolicy>(
    stemmer: &mut WordStemmer,
    policy: &mut P,
    word: &mut String,
    changing: impl FnOnce(&str),
) -> bool {
    if is_too_short_to_stem(word) {
        return false;
    }
    // Most words of news text are their own stem ("the", "said") or their stem plus a
    // suffix ("banks"): neither needs a copy.
    match policy.recall(word) {
        Some(Recalled::Same) => return false,
        Some(Recalled::Prefix(len)) => {
            changing(word);
            word.truncate(len);
            return true;
        }
        Some(Recalled::Other(stem)) => {
            changing(word);
            word.clear();
            word.push_str(stem);
            return true;
        }
        None => {}
    }
    let mut stream = stemmer.token_stream(word);
    if !stream.advance() {
        return false;
    }
    let stem = std::mem::take(&mut stream.token_mut().text);
    policy.remember(word, &stem);
    if stem == *word {
        return false;
    }
    changing(word);
    *word = stem;
    true
}

/// A remembered stem, said in the way that costs least to apply.
pub enum Recalled<'a> {
    /// The word is its own stem.
    Same,
    /// The stem is the word's first this many bytes.
    Prefix(usize),
    /// Any other stem ("happy" -> "happi").
    Other(&'a str),
}

/// Stem every word, remembering recent stems.
///
/// Stemming was the biggest cost of tokenizing bodies while indexing, and news text repeats
/// a small vocabulary: each indexing thread's analyzer keeps a [`StemCache`] of recent words,
/// so most tokens cost one lookup. The stems are those of `Stemmer::new(Language::English)`.
#[derive(Default)]
pub struct Memo {
    /// Made once this analyzer has stemmed [`WORDS_BEFORE_CACHING`] words.
    cache: Option<StemCache>,
    words: usize,
}

impl Clone for Memo {
    /// Analyzers are cloned for every query and segment: clones start with no cache.
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl StemPolicy for Memo {
    fn wants(&self, _word: &str) -> bool {
        true
    }

    fn recall(&mut self, word: &str) -> Option<Recalled<'_>> {
        self.cache.as_mut()?.get(word)
    }

    fn records(&self) -> bool {
        true
    }

    fn upcoming(&self, word: &str) {
        if let Some(cache) = &self.cache {
            cache.prefetch(word);
        }
    }

    fn remember(&mut self, word: &str, stem: &str) {
        match &mut self.cache {
            Some(cache) => cache.put(word, stem),
            None => {
                self.words += 1;
                if self.words >= WORDS_BEFORE_CACHING {
                    self.cache = Some(StemCache::new());
                }
            }
        }
    }
}

/// Starts the snippet term of a word matched exactly; no analyzer makes it otherwise.
pub const EXACT_MARK: char = '\u{1}';

/// Stem a word only when its stem could be one of the query's terms.
///
/// The English (Porter2) stemmer keeps a word's first letter and never makes it longer, so a
/// word that differs from every term in its first byte, or is shorter than all terms with that
/// first byte, cannot stem to any of them. Such words are left as they are; they then match no
/// term either, so highlights are exactly those of stemming everything. Stemming was ~80% of
/// snippet time; this skips it for most words of an article.
#[derive(Clone)]
pub struct StemCandidates {
    /// Per first byte: the length of the shortest term starting with it (usize::MAX: none).
    min_len: Arc<[usize; 256]>,
    /// Words to match as written (unstemmed), marked with [`EXACT_MARK`].
    exact: Arc<[String]>,
}

impl StemCandidates {
    /// Also marks the words in `exact` (lowercased and folded) as exact matches.
    pub fn with_exact(mut self, exact: Vec<String>) -> StemCandidates {
        self.exact = exact.into();
        self
    }

    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> StemCandidates {
        let mut min_len = [usize::MAX; 256];
        for term in terms {
            if let Some(&first) = term.as_bytes().first() {
                let slot = &mut min_len[first as usize];
                *slot = (*slot).min(term.len());
            }
        }
        StemCandidates {
            min_len: Arc::new(min_len),
            exact: Arc::new([]),
        }
    }
}

impl StemPolicy for StemCandidates {
    fn is_exact(&self, word: &str) -> bool {
        self.exact.iter().any(|w| w == word)
    }

    fn wants(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| word.len() >= self.min_len[b as usize])
    }

    fn recall(&mut self, _word: &str) -> Option<Recalled<'_>> {
        None
    }

    fn remember(&mut self, _word: &str, _stem: &str) {}
}

/// A word of up to [`KEY_BYTES`] bytes read once into zero-padded 8-byte words: hashed with
/// a fast multiplicative hash (rustc's FxHash; SipHash cost as much as the stemming it saved)
/// and compared with a slot's word without a call to `memcmp`.
struct WordKey {
    chunks: [u64; KEY_CHUNKS],
    len: usize,
}

const KEY_CHUNKS: usize = 2;
/// Longest word (in bytes) the cache holds; longer words, rare in prose, are always stemmed.
const KEY_BYTES: usize = KEY_CHUNKS * 8;
const WORD_HASH_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordKey {
    fn of(word: &str) -> Option<WordKey> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > KEY_BYTES {
            return None;
        }
        let mut chunks = [0u64; KEY_CHUNKS];
        for (chunk, piece) in chunks.iter_mut().zip(bytes.chunks(8)) {
            *chunk = padded_word(piece);
        }
        Some(WordKey {
            chunks,
            len: bytes.len(),
        })
    }

    /// The chunks that hold the word's bytes.
    fn used(&self) -> usize {
        self.len.div_ceil(8)
    }

    fn hash(&self) -> u64 {
        let mut hash = 0u64;
        for &chunk in &self.chunks[..self.used()] {
            hash = (hash.rotate_left(5) ^ chunk).wrapping_mul(WORD_HASH_K);
        }
        // A product's low bits depend only on the input's low bits (a word's first letters),
        // and the cache picks slots by the low bits: bring the well-mixed high bits down.
        hash.rotate_left(26)
    }
}

/// `piece` (1 to 8 bytes) as a little-endian `u64` padded with zeros, read with two
/// overlapping loads instead of a copy into a buffer: a variable-length copy is a call to
/// `memcpy`, and reading the buffer back right after stalls on the partial stores (together
/// a third of the stem cache's lookup time).
fn padded_word(piece: &[u8]) -> u64 {
    let n = piece.len();
    debug_assert!((1..=8).contains(&n));
    let byte = |i: usize| u64::from(piece[i]);
    if n >= 4 {
        let first = u32::from_le_bytes([piece[0], piece[1], piece[2], piece[3]]);
        let last = u32::from_le_bytes([piece[n - 4], piece[n - 3], piece[n - 2], piece[n - 1]]);
        // Where the two overlap they hold the same bytes at the same places.
        u64::from(first) | (u64::from(last) << (8 * (n - 4)))
    } else {
        byte(0) | (byte(n / 2) << (8 * (n / 2))) | (byte(n - 1) << (8 * (n - 1)))
    }
}

/// Sets of two slots in a [`StemCache`]: 512 KB, which stays in a core's L2 cache next to
/// tantivy's own tables. A hash map of 50,000 words with heap-allocated keys and stems was
/// slower: most of its lookups waited on memory.
const STEM_SETS: usize = 8192;
/// An analyzer starts caching only after this many words: queries are a few words long and
/// analyzers are cloned for every query, which must not pay for a table.
const WORDS_BEFORE_CACHING: usize = 64;
/// Longest stem a slot holds.
const STEM_BYTES: usize = 14;
/// [`StemSlot::stem_len`]'s flags: the stem is the word, or the word's first bytes.
const SAME: u8 = 0x80;
const PREFIX: u8 = 0x40;
const LENGTH: u8 = 0x3f;

/// One word and its stem, inline, in half a cache line. `word_len == 0` marks an empty slot.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct StemSlot {
    /// The word, zero-padded, as a [`WordKey`] reads it.
    word: [u64; KEY_CHUNKS],
    stem: [u8; STEM_BYTES],
    word_len: u8,
    /// The stem's length, with [`SAME`] or [`PREFIX`] set when they apply.
    stem_len: u8,
}

impl StemSlot {
    fn holds(&self, key: &WordKey) -> bool {
        // Both words are zero-padded: whole arrays compare without a call to `memcmp`.
        usize::from(self.word_len) == key.len && self.word == key.chunks
    }
}

/// The two slots a word may be in, the more recently used first: one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct StemSet([StemSlot; 2]);

/// A two-way set-associative cache of stems: each word has a set (by hash), a new word takes
/// the set's first slot and moves its word to the second, a word found in the second moves
/// back to the first. Frequent words keep their sets. On BBC news, tokens of three letters
/// or more missed a one-way table of 8,192 slots 14% of the time and miss this one (16,384
/// slots of half the size, same memory) 7% of the time.
pub struct StemCache {
    sets: Box<[StemSet]>,
}

impl StemCache {
    fn new() -> StemCache {
        let empty = StemSlot {
            word: [0; KEY_CHUNKS],
            stem: [0; STEM_BYTES],
            word_len: 0,
            stem_len: 0,
        };
        StemCache {
            sets: vec![StemSet([empty; 2]); STEM_SETS].into_boxed_slice(),
        }
    }

    fn set_index(key: &WordKey) -> usize {
        key.hash() as usize & (STEM_SETS - 1)
    }

    fn set(&mut self, key: &WordKey) -> &mut StemSet {
        &mut self.sets[StemCache::set_index(key)]
    }

    /// Starts loading the set `word` would be in into the CPU's caches, without waiting.
    fn prefetch(&self, word: &str) {
        #[cfg(target_arch = "x86_64")]
        if let Some(key) = WordKey::of(word) {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            let set: *const StemSet = &self.sets[StemCache::set_index(&key)];
            // SAFETY: x86_64 always has SSE, and a prefetch reads nothing the program sees
            // (the address is inside the table anyway).
            unsafe { _mm_prefetch::<_MM_HINT_T0>(set.cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = word;
    }

    fn get(&mut self, word: &str) -> Option<Recalled<'_>> {
        let key = WordKey::of(word)?;
        let set = self.set(&key);
        if !set.0[0].holds(&key) {
            if !set.0[1].holds(&key) {
                return None;
            }
            set.0.swap(0, 1);
        }
        let slot = &set.0[0];
        let len = usize::from(slot.stem_len & LENGTH);
        Some(if slot.stem_len & SAME != 0 {
            Recalled::Same
        } else if slot.stem_len & PREFIX != 0 {
            Recalled::Prefix(len)
        } else {
            // Only whole UTF-8 strings are ever stored (see `put`).
            Recalled::Other(std::str::from_utf8(&slot.stem[..len]).ok()?)
        })
    }

    fn put(&mut self, word: &str, stem: &str) {
        let Some(key) = WordKey::of(word) else {
            return;
        };
        if stem.len() > STEM_BYTES {
            return;
        }
        let flag = if stem == word {
            SAME
        } else if word.starts_with(stem) {
            PREFIX
        } else {
            0
        };
        let set = self.set(&key);
        set.0[1] = set.0[0];
        let slot = &mut set.0[0];
        slot.word = key.chunks;
        slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
        slot.word_len = key.len as u8;
        slot.stem_len = stem.len() as u8 | flag;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_words_are_the_bytes_then_zeros() {
        let bytes = b"abcdefgh";
        for n in 1..=8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                padded_word(&bytes[..n]),
                u64::from_le_bytes(padded),
                "{n} bytes"
            );
        }
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn stemmed_plainly() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[test]
    fn memo_stemmer_gives_the_stemmer_s_tokens() {
        let index = tantivy::Index::create_in_ram(super::super::schema::build_schema());
        register(&index);
        let mut memo = index.tokenizers().get(ENGLISH).unwrap();
        let mut plain = stemmed_plainly();
        let mut checked = 0;
        for (path, text) in crate::test_support::sample_texts() {
            // Twice: the second pass is answered from the memo.
            for _ in 0..2 {
                let expected = tokens(&mut plain, &text);
                assert_eq!(tokens(&mut memo, &text), expected, "{}", path.display());
                checked += expected.len();
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn remembered_stems_of_every_shape_are_the_stemmer_s() {
        // Own stems, stems that cut a suffix, stems that change letters, accents, and words
        // around the longest the cache holds (16 bytes), each seen often enough to be cached.
        let long = |n: usize, tail: &str| format!("{}{tail}", "x".repeat(n - tail.len()));
        let words = [
            "the".to_string(),
            "banks".to_string(),
            "cry".to_string(),
            "happily".to_string(),
            "generously".to_string(),
            "naïvely".to_string(),
            "cafés".to_string(),
            long(15, "ings"),
            long(16, "ings"),
            long(17, "ings"),
            long(16, "y"),
            long(16, "ed"),
        ];
        let text = vec![words.join(" "); 40].join(". ");
        let index = tantivy::Index::create_in_ram(super::super::schema::build_schema());
        register(&index);
        let mut memo = index.tokenizers().get(ENGLISH).unwrap();
        let expected = tokens(&mut stemmed_plainly(), &text);
        assert_eq!(tokens(&mut memo, &text), expected);
        assert_eq!(tokens(&mut memo, &text), expected);
        let mut words_field = index.tokenizers().get(WORDS).unwrap();
        replay::forget();
        let changed: Vec<String> = tokens(&mut words_field, &text)
            .into_iter()
            .map(|t| t.0)
            .collect();
        let unstemmed = tokens(&mut plain(), &text).into_iter().map(|t| t.0);
        let differing: Vec<String> = unstemmed.filter(|w| !is_own_stem(w)).collect();
        assert_eq!(changed, differing);
        // Every shape of stem above is there: kept, cut and changed.
        for word in ["banks", "cry", "naively", &long(16, "y"), &long(17, "ings")] {
            assert!(changed.contains(&word.to_string()), "{word}");
        }
        for word in ["the", &long(16, "ed")] {
            assert!(!changed.contains(&word.to_string()), "{word}");
        }
    }

    #[test]
    fn words_too_short_to_stem_are_the_stemmer_s_own() {
        let mut stemmer = word_stemmer();
        let letters = ('a'..='z').chain('0'..='9').map(String::from);
        let pairs = ('a'..='z').flat_map(|a| ('a'..='z').map(move |b| format!("{a}{b}")));
        for word in letters.chain(pairs).chain(["é".to_string()]) {
            let mut stream = stemmer.token_stream(&word);
            assert!(stream.advance());
            assert_eq!(stream.token().text, word);
            assert!(is_too_short_to_stem(&word), "{word}");
        }
        assert!(!is_too_short_to_stem("was"));
    }

    #[test]
    fn words_replayed_from_the_english_pass_are_the_words_analysed_afresh() {
        let index = tantivy::Index::create_in_ram(super::super::schema::build_schema());
        register(&index);
        let mut english = index.tokenizers().get(ENGLISH).unwrap();
        let mut words = index.tokenizers().get(WORDS).unwrap();
        let mut replayed = 0;
        for (path, text) in crate::test_support::sample_texts() {
            replay::forget();
            let afresh = tokens(&mut words, &text);
            assert!(replay::Replay::of(&text).is_none());
            tokens(&mut english, &text);
            assert!(replay::Replay::of(&text).is_some(), "{}", path.display());
            tokens(&mut english, &text);
            assert_eq!(tokens(&mut words, &text), afresh, "{}", path.display());
            replayed += afresh.len();
            // Taken once: the next analysis of the text is a fresh one.
            assert!(replay::Replay::of(&text).is_none());
        }
        assert!(replayed > 2_000, "{replayed}");
    }

    #[test]
    fn an_english_pass_left_unfinished_is_not_replayed() {
        let index = tantivy::Index::create_in_ram(super::super::schema::build_schema());
        register(&index);
        let mut english = index.tokenizers().get(ENGLISH).unwrap();
        replay::forget();
        let text = "Banks were lending and the ministers resigned";
        let mut stream = english.token_stream(text);
        assert!(stream.advance());
        drop(stream);
        assert!(replay::Replay::of(text).is_none());
        let mut words = index.tokenizers().get(WORDS).unwrap();
        let found: Vec<String> = tokens(&mut words, text).into_iter().map(|t| t.0).collect();
        assert_eq!(found, ["banks", "lending", "ministers", "resigned"]);
    }
}
