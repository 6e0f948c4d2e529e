//! The tantivy schema: which fields an article becomes, and how each is tokenized.
//!
//! Two analyzers: `morgue_en` (lowercase, ASCII folding, English stemming; positions kept so
//! phrases work) for title and body, and `morgue_plain` (lowercase and folding, no stemming)
//! for names, where "Putin" must not stem to "putin" vs "put". Tokenizers are not saved in
//! the index, so [`register_tokenizers`] must run after every open.
//!
//! Each entity kind has two fields: `<kind>` (tokenized canonical name plus every alias seen,
//! for `person:putin` queries) and `<kind>_name` (the exact canonical name, a fast field for
//! filters and facet counts).

use crate::article::EntityKind;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Bumped whenever the schema or the meaning of a stored field changes; an index with another
/// version is refused with a message telling the user to re-index.
pub const SCHEMA_VERSION: u32 = 1;

pub const ENGLISH: &str = "morgue_en";
pub const PLAIN: &str = "morgue_plain";

/// Handles to every field, built once per open index.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Unique per article: the file's path, plus `#<record>` for multi-article files.
    pub id: Field,
    /// The file's absolute path; every article of a file shares it, so one delete removes all.
    pub file: Field,
    pub record: Field,
    pub format: Field,
    pub title: Field,
    pub body: Field,
    /// Calendar date at midnight UTC (day precision); absent for undated articles.
    pub date: Field,
    /// `metadata`, `html-meta`, `json-ld`, `html-time`, `path`, `dateline`, or `none`.
    pub date_source: Field,
    pub date_raw: Field,
    /// The exact instant (RFC 3339) when the source gave one.
    pub published: Field,
    pub source: Field,
    pub source_name: Field,
    pub author: Field,
    pub url: Field,
    pub language: Field,
    pub tags: Field,
    /// Tokenized entity fields, in `EntityKind::ALL` order.
    pub entity_text: [Field; 4],
    /// Exact canonical entity names, in `EntityKind::ALL` order.
    pub entity_name: [Field; 4],
    /// `canonical` + [`ALIAS_SEPARATOR`] + `alias` for every alias seen, in `EntityKind::ALL`
    /// order: counted like a facet, it tells which aliases each entity appears under.
    pub entity_alias: [Field; 4],
    /// The entity tagger's spans (`TaggedSpans::encode`), stored only; `None` in indexes
    /// made before it existed.
    pub tagged_spans: Option<Field>,
    /// The body's copy sketch (`enrich::copies`), one u64 per filled bin, fast only: what a
    /// search folds wire copies by. `None` in indexes made before it existed.
    pub copy_sketch: Option<Field>,
}

/// Joins a canonical name and one of its aliases in the `<kind>_alias` fields.
pub const ALIAS_SEPARATOR: char = '\u{1f}';

impl Fields {
    pub fn entity_text(&self, kind: EntityKind) -> Field {
        self.entity_text[kind_index(kind)]
    }

    pub fn entity_name(&self, kind: EntityKind) -> Field {
        self.entity_name[kind_index(kind)]
    }

    pub fn entity_alias(&self, kind: EntityKind) -> Field {
        self.entity_alias[kind_index(kind)]
    }

    /// Looks fields up by name in an opened index's schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        let entity = |suffix: &str| -> tantivy::Result<[Field; 4]> {
            let mut fields = [Field::from_field_id(0); 4];
            for kind in EntityKind::ALL {
                fields[kind_index(kind)] = get(&format!("{}{suffix}", kind.field_name()))?;
            }
            Ok(fields)
        };
        Ok(Fields {
            id: get("id")?,
            file: get("file")?,
            record: get("record")?,
            format: get("format")?,
            title: get("title")?,
            body: get("body")?,
            date: get("date")?,
            date_source: get("date_source")?,
            date_raw: get("date_raw")?,
            published: get("published")?,
            source: get("source")?,
            source_name: get("source_name")?,
            author: get("author")?,
            url: get("url")?,
            language: get("language")?,
            tags: get("tags")?,
            entity_text: entity("")?,
            entity_name: entity("_name")?,
            entity_alias: entity("_alias")?,
            // Indexes made before morgue kept tagger spans lack the field: they work, only a
            // changed alias file then re-reads files instead of re-resolving from the index.
            tagged_spans: get("tagged_spans").ok(),
            copy_sketch: get("copy_sketch").ok(),
        })
    }
}

fn kind_index(kind: EntityKind) -> usize {
    EntityKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is in ALL")
}

/// The field name for an entity kind's exact-name fast field.
pub fn entity_name_field(kind: EntityKind) -> String {
    format!("{}_name", kind.field_name())
}

/// The field name for an entity kind's canonical+alias pairs.
pub fn entity_alias_field(kind: EntityKind) -> String {
    format!("{}_alias", kind.field_name())
}

pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    let text = |analyzer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let exact_fast = STRING | STORED | FAST;

    builder.add_text_field("id", STRING | STORED);
    builder.add_text_field("file", STRING | STORED);
    builder.add_u64_field("record", STORED);
    builder.add_text_field("format", STRING | STORED);
    builder.add_text_field("title", text(ENGLISH, true));
    builder.add_text_field("body", text(ENGLISH, true));
    builder.add_date_field(
        "date",
        DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
    );
    builder.add_text_field("date_source", STRING | STORED | FAST);
    builder.add_text_field("date_raw", STORED);
    builder.add_text_field("published", STORED);
    builder.add_text_field("source", text(PLAIN, false));
    builder.add_text_field("source_name", exact_fast.clone());
    builder.add_text_field("author", text(PLAIN, true));
    builder.add_text_field("url", STORED);
    builder.add_text_field("language", STRING | STORED | FAST);
    builder.add_text_field("tags", text(PLAIN, true));
    for kind in EntityKind::ALL {
        builder.add_text_field(kind.field_name(), text(PLAIN, false));
        builder.add_text_field(&entity_name_field(kind), exact_fast.clone());
        builder.add_text_field(&entity_alias_field(kind), STRING | FAST);
    }
    builder.add_bytes_field("tagged_spans", STORED);
    builder.add_u64_field("copy_sketch", FAST);
    builder.build()
}

/// Registers morgue's analyzers on an index. Must run after every create or open.
pub fn register_tokenizers(index: &tantivy::Index) {
    let english = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(MemoStemmer)
        .build();
    // Keep in step with `snippet_analyzer` below.
    let plain = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(ENGLISH, english);
    index.tokenizers().register(PLAIN, plain);
}

/// The `morgue_en` analyzer for highlighting, where only tokens that could stem to one of the
/// query's terms are stemmed (`stem`): the same matches for a fraction of the stemming work.
pub fn snippet_analyzer(stem: crate::search::snippets::StemCandidates) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stem)
        .build()
}

/// English (Porter2) stemming that remembers the stems of words it has seen.
///
/// Stemming was the biggest cost of tokenizing bodies while indexing, and news text repeats
/// a small vocabulary: each indexing thread's analyzer keeps a [`StemCache`] of recent words,
/// so most tokens cost one lookup. The stems are those of `Stemmer::new(Language::English)`.
#[derive(Clone)]
pub struct MemoStemmer;

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
struct StemCache {
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

/// The English stemmer applied to one word at a time (shared by the indexing analyzer's
/// cache and the snippet analyzer).
pub(crate) type WordStemmer = <Stemmer as TokenFilter>::Tokenizer<RawTokenizer>;

pub(crate) fn word_stemmer() -> WordStemmer {
    Stemmer::new(Language::English).transform(RawTokenizer::default())
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            stemmer: word_stemmer(),
            cache: None,
            words: 0,
        }
    }
}

pub struct MemoStemmerFilter<T> {
    inner: T,
    stemmer: WordStemmer,
    /// Made once this analyzer has stemmed [`WORDS_BEFORE_CACHING`] words.
    cache: Option<StemCache>,
    words: usize,
}

impl<T: Clone> Clone for MemoStemmerFilter<T> {
    /// Analyzers are cloned for every query and segment: clones start with no cache.
    fn clone(&self) -> Self {
        MemoStemmerFilter {
            inner: self.inner.clone(),
            stemmer: self.stemmer.clone(),
            cache: None,
            words: 0,
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            cache: &mut self.cache,
            words: &mut self.words,
        }
    }
}

pub struct MemoStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut WordStemmer,
    cache: &'a mut Option<StemCache>,
    words: &'a mut usize,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.as_ref().and_then(|c| c.get(&token.text)) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let mut stream = self.stemmer.token_stream(&token.text);
        if stream.advance() {
            let stem = std::mem::take(&mut stream.token_mut().text);
            match self.cache {
                Some(cache) => cache.put(&token.text, &stem),
                None => {
                    *self.words += 1;
                    if *self.words >= WORDS_BEFORE_CACHING {
                        *self.cache = Some(StemCache::new());
                    }
                }
            }
            token.text = stem;
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

    #[test]
    fn memo_stemmer_gives_the_stemmer_s_tokens() {
        let index = tantivy::Index::create_in_ram(build_schema());
        register_tokenizers(&index);
        let mut memo = index.tokenizers().get(ENGLISH).unwrap();
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(48))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
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
}
