//! Exact words, prefixes and fuzzy words: query terms looked up in the unstemmed `words` field
//! and, for words that are their own stem, in the stemmed `body`.
//!
//! - `=banking` (or `"banking"`, one quoted word) matches that word as written, case and
//!   accents aside: not "bank", "banks" or "banked". A word that differs from its stem is a
//!   term of the `words` field; one that is its own stem ("bank") is not there, and
//!   [`LiteralQuery`] finds the articles writing it from the stem's and the other forms'
//!   frequencies.
//! - `elect*` matches every word starting with "elect"; `electon~1` / `electon~2` every word
//!   within one or two edits. The words are found in the dictionaries of `words` and `body`
//!   (at most [`MAX_EXPANSIONS`], the most frequent first) and then searched in title and body
//!   by their stems, so they rank by BM25 like typed words and are highlighted in snippets.

use super::literal::LiteralQuery;
use crate::index::analysis::{ENGLISH, PLAIN, english_stem, is_own_stem};
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
            .map(|t| Ok((Occur::Must, exact_word(searcher, fields, t)?)))
            .collect::<tantivy::Result<_>>()?;
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
    for (found, field) in expand(searcher, &[fields.words, fields.body], token, how)? {
        let found_stems = if field == fields.body {
            vec![found]
        } else {
            self::tokens(index, ENGLISH, &found)
        };
        for stem in found_stems {
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

/// The query for one exact token: a term of `words`, or for a word that is its own stem (and
/// so not in `words`), a [`LiteralQuery`] over its stem in `body` less its other forms.
fn exact_word(
    searcher: &Searcher,
    fields: &Fields,
    token: &str,
) -> tantivy::Result<Box<dyn Query>> {
    let exact = Term::from_field_text(fields.words, token);
    if !is_own_stem(token) {
        return Ok(Box::new(TermQuery::new(
            exact,
            IndexRecordOption::WithFreqs,
        )));
    }
    // Porter2 keeps all but the last letters of a word's stem ("bank" of "banking", "die"
    // of "dies"), so the other forms start with the word less its last letter.
    let last = token.chars().next_back().map_or(0, char::len_utf8);
    let prefix = if token.len() > last {
        &token[..token.len() - last]
    } else {
        token
    };
    let forms = dictionary_words(searcher, fields.words, prefix, WordMatch::Prefix)?
        .into_iter()
        .filter(|(word, _)| word != token && english_stem(word) == token)
        .map(|(word, _)| Term::from_field_text(fields.words, &word))
        .collect();
    Ok(Box::new(LiteralQuery::new(
        Term::from_field_text(fields.body, token),
        forms,
        exact,
    )))
}

/// Words of the dictionaries of `fields` matching `token` as `how`, each with the field it
/// came from, most frequent first, at most [`MAX_EXPANSIONS`]. A word in both counts once, as
/// the first field's.
fn expand(
    searcher: &Searcher,
    fields: &[Field],
    token: &str,
    how: WordMatch,
) -> tantivy::Result<Vec<(String, Field)>> {
    let mut words: Vec<(String, Field, u64)> = Vec::new();
    for &field in fields {
        for (word, doc_freq) in dictionary_words(searcher, field, token, how)? {
            if !words.iter().any(|(w, _, _)| *w == word) {
                words.push((word, field, doc_freq));
            }
        }
    }
    // Most frequent first; ties by word, so the same index always expands the same way.
    words.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    words.truncate(MAX_EXPANSIONS);
    Ok(words
        .into_iter()
        .map(|(word, field, _)| (word, field))
        .collect())
}

/// Every word of `field`'s dictionary matching `token` as `how` (a prefix or within some
/// edits; exactly: the token itself), with its document frequency over the segments.
fn dictionary_words(
    searcher: &Searcher,
    field: Field,
    token: &str,
    how: WordMatch,
) -> tantivy::Result<Vec<(String, u64)>> {
    let term = Term::from_field_text(field, token);
    let automaton_query = match how {
        WordMatch::Exact => return Ok(vec![(token.to_string(), 0)]),
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
    Ok(doc_freqs.into_iter().collect())
}
