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
use replay::{Recording, Replay};
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
            stem_in_place(self.stemmer, self.memo, &mut self.stem);
            if self.stem != *word {
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
    /// A stem remembered for `word`, if any.
    fn recall(&self, word: &str) -> Option<&str>;
    /// Called with each word the stemmer had to stem.
    fn remember(&mut self, word: &str, stem: &str);
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
        }
    }
}

pub struct StemmingStream<'a, T, P> {
    tail: T,
    stemmer: &'a mut WordStemmer,
    policy: &'a mut P,
    /// The words stemming changed so far, kept for `words` once the text is done.
    recording: Option<Recording>,
}

impl<T: TokenStream, P: StemPolicy> TokenStream for StemmingStream<'_, T, P> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            if let Some(recording) = self.recording.take() {
                recording.finish();
            }
            return false;
        }
        let token = self.tail.token_mut();
        if self.policy.is_exact(&token.text) {
            token.text.insert(0, EXACT_MARK);
            return true;
        }
        if !self.policy.wants(&token.text) || is_too_short_to_stem(&token.text) {
            return true;
        }
        match &mut self.recording {
            Some(recording) => {
                recording.unstemmed(token);
                stem_in_place(self.stemmer, self.policy, &mut token.text);
                recording.stemmed(token);
            }
            None => stem_in_place(self.stemmer, self.policy, &mut token.text),
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Whether `word` is its own stem for being short: English (Porter2) stemming leaves words of
/// one or two letters as they are, and news text is a quarter such words ("a", "of", "to").
fn is_too_short_to_stem(word: &str) -> bool {
    word.len() <= 2
}

/// Replaces `word` by its English stem: the one `policy` remembers, else the stemmer's (which
/// `policy` is then told).
fn stem_in_place<P: StemPolicy>(stemmer: &mut WordStemmer, policy: &mut P, word: &mut String) {
    if is_too_short_to_stem(word) {
        return;
    }
    if let Some(stem) = policy.recall(word) {
        word.clear();
        word.push_str(stem);
        return;
    }
    let mut stream = stemmer.token_stream(word);
    if stream.advance() {
        let stem = std::mem::take(&mut stream.token_mut().text);
        policy.remember(word, &stem);
        *word = stem;
    }
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

    fn recall(&self, word: &str) -> Option<&str> {
        self.cache.as_ref()?.get(word)
    }

    fn records(&self) -> bool {
        true
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

    fn recall(&self, _word: &str) -> Option<&str> {
        None
    }

    fn remember(&mut self, _word: &str, _stem: &str) {}
}

/// A fast multiplicative hash (rustc's FxHash) for short words; SipHash cost as much as the
/// stemming it saved.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

const WORD_HASH_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(WORD_HASH_K);
    }

    fn of(bytes: &[u8]) -> u64 {
        let mut hasher = WordHasher::default();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            hasher.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            hasher.add(u64::from_le_bytes(last));
        }
        // A product's low bits depend only on the input's low bits (a word's first letters),
        // and the cache picks slots by the low bits: bring the well-mixed high bits down.
        hasher.0.rotate_left(26)
    }
}

/// Slots in a [`StemCache`]: 512 KB, which stays in a core's L2 cache next to tantivy's own
/// tables. A hash map of 50,000 words with heap-allocated keys and stems was slower: most of
/// its lookups waited on memory.
const STEM_SLOTS: usize = 8192;
/// Longest word (in bytes) a slot holds; longer words, rare in prose, are always stemmed.
const SLOT_BYTES: usize = 31;
/// An analyzer starts caching only after this many words: queries are a few words long and
/// analyzers are cloned for every query, which must not pay for a table.
const WORDS_BEFORE_CACHING: usize = 64;

/// One word and its stem, inline, in one cache line. `word_len == 0` marks an empty slot.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct StemSlot {
    word_len: u8,
    stem_len: u8,
    word: [u8; SLOT_BYTES],
    stem: [u8; SLOT_BYTES],
}

/// A direct-mapped cache of stems: each word has one slot (by hash) and a newer word that
/// hashes there replaces the older one. Frequent words keep their slots.
pub struct StemCache {
    slots: Box<[StemSlot]>,
}

impl StemCache {
    fn new() -> StemCache {
        let empty = StemSlot {
            word_len: 0,
            stem_len: 0,
            word: [0; SLOT_BYTES],
            stem: [0; SLOT_BYTES],
        };
        StemCache {
            slots: vec![empty; STEM_SLOTS].into_boxed_slice(),
        }
    }

    fn slot(word: &str) -> usize {
        WordHasher::of(word.as_bytes()) as usize & (STEM_SLOTS - 1)
    }

    fn get(&self, word: &str) -> Option<&str> {
        let slot = &self.slots[StemCache::slot(word)];
        let len = usize::from(slot.word_len);
        (len == word.len() && &slot.word[..len] == word.as_bytes())
            // Only whole UTF-8 strings are ever stored (see `put`).
            .then(|| std::str::from_utf8(&slot.stem[..usize::from(slot.stem_len)]).ok())
            .flatten()
    }

    fn put(&mut self, word: &str, stem: &str) {
        if word.is_empty() || word.len() > SLOT_BYTES || stem.len() > SLOT_BYTES {
            return;
        }
        let slot = &mut self.slots[StemCache::slot(word)];
        slot.word[..word.len()].copy_from_slice(word.as_bytes());
        slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
        slot.word_len = word.len() as u8;
        slot.stem_len = stem.len() as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
