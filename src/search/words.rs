//! Exact words, prefixes and fuzzy words: query terms looked up in the unstemmed `words` field.
//!
//! - `=banking` (or `"banking"`, one quoted word) matches that word as written, case and
//!   accents aside: not "bank", "banks" or "banked". It is a term of the `words` field.
//! - `elect*` matches every word starting with "elect"; `electon~1` / `electon~2` every word
//!   within one or two edits. The words are found in the `words` field's dictionary (at most
//!   [`MAX_EXPANSIONS`], the most frequent first) and then searched in title and body by their
//!   stems, so they rank by BM25 like typed words and are highlighted in snippets.

use crate::index::analysis::{ENGLISH, PLAIN};
use crate::index::schema::Fields;
use std::collections::HashMap;
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

/// A prefix or fuzzy word matches at most this many distinct words (the most frequent).
pub const MAX_EXPANSIONS: usize = 50;

/// How a query word is matched against the unstemmed words of the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    /// The word as written.
    Exact,
    /// Words starting with it.
    Prefix,
    /// Words within this many edits (1 or 2; a transposition counts as one).
    Fuzzy(u8),
}

/// Lowercased, accent-folded tokens of `text`, as the `words` field holds them.
fn plain_tokens(index: &Index, text: &str) -> Vec<String> {
    tokens(index, PLAIN, text)
}

/// Stemmed tokens of `text`, as title and body hold them.
pub fn stems(index: &Index, text: &str) -> Vec<String> {
    tokens(index, ENGLISH, text)
}

fn tokens(index: &Index, analyzer: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = index.tokenizers().get(analyzer) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The query for `word` matched as `how`, in title and body (`fields_in` limits it to some).
pub fn word_query(
    index: &Index,
    searcher: &Searcher,
    fields: &Fields,
    word: &str,
    how: WordMatch,
    title_boost: f32,
    fields_in: &[Field],
) -> tantivy::Result<Box<dyn Query>> {
    let tokens = plain_tokens(index, word);
    if how == WordMatch::Exact {
        // Several tokens ("=U.S.") all have to be there; the field keeps no positions.
        let clauses: Vec<(Occur, Box<dyn Query>)> = tokens
            .iter()
            .map(|t| {
                let term = Term::from_field_text(fields.words, t);
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Must, q)
            })
            .collect();
        return Ok(match clauses.len() {
            0 => Box::new(EmptyQuery),
            1 => clauses
                .into_iter()
                .next()
                .map(|(_, q)| q)
                .expect("one clause"),
            _ => Box::new(BooleanQuery::new(clauses)),
        });
    }
    // A prefix or fuzzy word is one token; "u.s*" takes its last.
    let Some(token) = tokens.last() else {
        return Ok(Box::new(EmptyQuery));
    };
    let mut stems: Vec<String> = Vec::new();
    for found in expand(searcher, fields.words, token, how)? {
        for stem in self::tokens(index, ENGLISH, &found) {
            if !stems.contains(&stem) {
                stems.push(stem);
            }
        }
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for stem in &stems {
        for &field in fields_in {
            let term = Term::from_field_text(field, stem);
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            let q = if field == fields.title && title_boost != 1.0 {
                Box::new(BoostQuery::new(q, title_boost))
            } else {
                q
            };
            clauses.push((Occur::Should, q));
        }
    }
    Ok(if clauses.is_empty() {
        Box::new(EmptyQuery)
    } else {
        Box::new(BooleanQuery::new(clauses))
    })
}

/// Words of `field` matching `token` as `how`, most frequent first, at most [`MAX_EXPANSIONS`].
pub fn expand(
    searcher: &Searcher,
    field: Field,
    token: &str,
    how: WordMatch,
) -> tantivy::Result<Vec<String>> {
    let term = Term::from_field_text(field, token);
    let automaton_query = match how {
        WordMatch::Exact => return Ok(vec![token.to_string()]),
        WordMatch::Prefix => FuzzyTermQuery::new_prefix(term, 0, true),
        WordMatch::Fuzzy(distance) => FuzzyTermQuery::new(term, distance.min(2), true),
    };
    let mut doc_freqs: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(automaton_query.automaton()?)
            .into_stream()?;
        while stream.advance() {
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                *doc_freqs.entry(word.to_string()).or_default() +=
                    u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut words: Vec<(String, u64)> = doc_freqs.into_iter().collect();
    // Most frequent first; ties by word, so the same index always expands the same way.
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(MAX_EXPANSIONS);
    Ok(words.into_iter().map(|(word, _)| word).collect())
}
