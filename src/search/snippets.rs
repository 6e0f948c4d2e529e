//! Snippets: the passages of a hit that show why it matched, with match offsets.
//!
//! tantivy's `SnippetGenerator` picks the densest fragment of a field for the query's terms
//! (phrase terms included, stemmed forms too). morgue adds: a second fragment from the rest of
//! the body, a fallback to the article's lead when nothing can be highlighted (so every hit has
//! text to show), and white space collapsed to single spaces with offsets kept right.

use crate::index::analysis::{
    EXACT_MARK, OTHER_LANGUAGES, StemCandidates, snippet_analyzer, stemmed_in,
};
use crate::index::schema::Fields;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Score, Searcher, Term};

const FRAGMENT_CHARS: usize = 220;
/// How far past the first passage (in bytes) the second is looked for.
const SECOND_PASSAGE_WINDOW: usize = 4000;

/// One passage of a field, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    /// `title` or `body`.
    pub field: &'static str,
    /// The passage, white space collapsed.
    pub text: String,
    /// Byte ranges `[start, end)` of matched terms inside `text`.
    pub highlights: Vec<[usize; 2]>,
    /// True when the passage does not start at the beginning of the field.
    pub starts_mid: bool,
    /// True when the passage stops before the end of the field.
    pub ends_mid: bool,
}

pub struct Snippeter {
    title: SnippetGenerator,
    body: SnippetGenerator,
    /// For articles in another language: the query's terms stemmed in it, highlighted in the
    /// article's own words ("Regierungen" marks "Regierung").
    languages: Vec<(&'static str, SnippetGenerator)>,
}

impl Snippeter {
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
    ) -> tantivy::Result<Snippeter> {
        // Exact words (`=banking`) are terms of the unstemmed `words` field: highlighted in
        // both title and body, and only as written.
        let mut exact: BTreeMap<String, Score> = BTreeMap::new();
        weigh_terms(searcher, query, fields.words, Some(fields.body), &mut exact)?;
        let mut languages = Vec::new();
        for (code, field) in &fields.language_text {
            let mut weighted = BTreeMap::new();
            weigh_terms(searcher, query, *field, None, &mut weighted)?;
            let stemmer = OTHER_LANGUAGES.iter().find(|(c, _)| c == code);
            if let (false, Some((_, language))) = (weighted.is_empty(), stemmer) {
                let analyzer = stemmed_in(*language);
                let generator = SnippetGenerator::new(weighted, analyzer, *field, FRAGMENT_CHARS);
                languages.push((*code, generator));
            }
        }
        Ok(Snippeter {
            title: generator(searcher, query, fields.title, &exact, 1000)?,
            body: generator(searcher, query, fields.body, &exact, FRAGMENT_CHARS)?,
            languages,
        })
    }

    /// The title (only when it has matches) and one or two body passages.
    pub fn snippets(&self, title: &str, body: &str, language: Option<&str>) -> Vec<Snippet> {
        let own = self
            .languages
            .iter()
            .find(|(code, _)| Some(*code) == language)
            .map(|(_, generator)| generator);
        if let Some(own) = own {
            let snippets = self.snippets_with(own, title, body);
            if snippets.iter().any(|s| !s.highlights.is_empty()) {
                return snippets;
            }
        }
        self.snippets_with(&self.body, title, body)
    }

    fn snippets_with(
        &self,
        body_generator: &SnippetGenerator,
        title: &str,
        body: &str,
    ) -> Vec<Snippet> {
        let mut out = Vec::new();
        let title_snippet = self.title.snippet(title);
        if !title_snippet.highlighted().is_empty() {
            out.push(passage(
                "title",
                title,
                0..title.len(),
                title_snippet.highlighted(),
            ));
        }
        let first = body_generator.snippet(body);
        if first.highlighted().is_empty() {
            out.push(lead(body));
            return out;
        }
        let range = first.fragment_range();
        out.push(passage("body", body, range.clone(), first.highlighted()));
        // A second passage from the next few kilobytes, if they match too. (Bounded: the
        // snippet generator stems every word it is given, and hits must render fast.)
        let mut window_end = (range.end + SECOND_PASSAGE_WINDOW).min(body.len());
        while !body.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let second = body_generator.snippet(&body[range.end..window_end]);
        if !second.highlighted().is_empty() {
            let r = second.fragment_range();
            let within_body = range.end + r.start..range.end + r.end;
            out.push(passage("body", body, within_body, second.highlighted()));
        }
        out
    }
}

/// What `SnippetGenerator::create` builds (the query's terms in `field`, each weighted by
/// 1 / (1 + document frequency)), but with an analyzer that stems only candidate tokens, plus
/// the `exact` words.
fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    exact: &BTreeMap<String, Score>,
    max_chars: usize,
) -> tantivy::Result<SnippetGenerator> {
    let mut weighted: BTreeMap<String, Score> = BTreeMap::new();
    weigh_terms(searcher, query, field, None, &mut weighted)?;
    let candidates = StemCandidates::new(weighted.keys().map(String::as_str))
        .with_exact(exact.keys().cloned().collect());
    for (word, weight) in exact {
        weighted.insert(format!("{EXACT_MARK}{word}"), *weight);
    }
    let analyzer = snippet_analyzer(candidates);
    Ok(SnippetGenerator::new(weighted, analyzer, field, max_chars))
}

/// The query's terms in `field` that occur in the index, weighted by 1 / (1 + doc frequency).
/// A term of `field` the index lacks counts as the same text in `or_in`: exact words that are
/// their own stem ("=bank") are not in `words`, but in `body` under that text.
fn weigh_terms(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    or_in: Option<Field>,
    weighted: &mut BTreeMap<String, Score>,
) -> tantivy::Result<()> {
    let mut terms: BTreeSet<&Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term);
        }
    });
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let mut doc_freq = searcher.doc_freq(term)?;
        if let (0, Some(other)) = (doc_freq, or_in) {
            doc_freq = searcher.doc_freq(&Term::from_field_text(other, text))?;
        }
        if doc_freq > 0 {
            weighted.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
        }
    }
    Ok(())
}

/// The opening of the article, for hits with nothing to highlight in the body.
fn lead(body: &str) -> Snippet {
    let mut end = body.len();
    if let Some((cut, _)) = body.char_indices().nth(FRAGMENT_CHARS) {
        end = body[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    }
    passage("body", body, 0..end, &[])
}

/// Cuts `range` out of `text`, collapsing white space runs to one space and moving the
/// highlight ranges (relative to the start of `range`, as tantivy gives them) along.
fn passage(
    field: &'static str,
    text: &str,
    range: Range<usize>,
    highlights: &[Range<usize>],
) -> Snippet {
    let fragment = &text[range.clone()];
    let mut out = String::with_capacity(fragment.len());
    // new_offset[i] = offset in `out` of byte i of `fragment`.
    let mut new_offset = Vec::with_capacity(fragment.len() + 1);
    let mut in_space = false;
    for (i, ch) in fragment.char_indices() {
        // Every byte of this char (and any before it not yet mapped) maps to where it lands.
        while new_offset.len() <= i {
            new_offset.push(out.len());
        }
        if ch.is_whitespace() {
            if !in_space && !out.is_empty() {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            out.push(ch);
        }
    }
    while new_offset.len() <= fragment.len() {
        new_offset.push(out.len());
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    let highlights = highlights
        .iter()
        .filter_map(|h| {
            let (start, end) = (h.start.min(fragment.len()), h.end.min(fragment.len()));
            let (s, e) = (
                new_offset[start].min(out.len()),
                new_offset[end].min(out.len()),
            );
            (s < e).then_some([s, e])
        })
        .collect();
    Snippet {
        field,
        text: out,
        highlights,
        starts_mid: range.start > 0,
        // A passage that stops before only punctuation and space reaches the end.
        ends_mid: text[range.end..].chars().any(char::is_alphanumeric),
    }
}

#[cfg(test)]
mod tests {
    use super::passage;
    use crate::index::analysis::{ENGLISH, PLAIN, StemCandidates, register, snippet_analyzer};
    use crate::index::schema::build_schema;
    use std::collections::BTreeMap;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::TextAnalyzer;
    use tantivy::{Index, schema::Field};

    fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
        let index = Index::create_in_ram(build_schema());
        register(&index);
        let get = |name| index.tokenizers().get(name).unwrap();
        (get(ENGLISH), get(PLAIN))
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    fn sample_texts() -> Vec<String> {
        crate::test_support::sample_texts()
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    /// What `StemCandidates` relies on: stemming keeps the first byte and never lengthens.
    #[test]
    fn english_stems_keep_the_first_letter_and_never_grow() {
        let (mut english, mut plain) = analyzers();
        let mut words: Vec<String> = sample_texts()
            .iter()
            .flat_map(|text| tokens(&mut plain, text))
            .collect();
        for special in "dying lying tying skies skis idly gently ugly early only singly news \
            yelling youth relational conditional possibility sensitivity organization \
            operator hopefulness generously communism arsenal cafe naive"
            .split_whitespace()
        {
            words.push(special.to_string());
        }
        words.sort();
        words.dedup();
        assert!(words.len() > 2000, "{}", words.len());
        for word in &words {
            let stem = tokens(&mut english, word);
            assert_eq!(stem.len(), 1, "{word}");
            let stem = &stem[0];
            assert_eq!(stem.as_bytes()[0], word.as_bytes()[0], "{word} -> {stem}");
            assert!(stem.len() <= word.len(), "{word} -> {stem}");
        }
    }

    #[test]
    fn stemming_only_candidates_highlights_the_same() {
        let (mut english, _) = analyzers();
        let texts = sample_texts();
        for query in [
            "government",
            "the",
            "minister elections",
            "talks summit",
            "ministry",
            "running",
            "energy",
            "a",
        ] {
            let terms: BTreeMap<String, f32> = tokens(&mut english, query)
                .into_iter()
                .map(|t| (t, 1.0))
                .collect();
            let field = Field::from_field_id(0);
            let full = SnippetGenerator::new(terms.clone(), english.clone(), field, 220);
            let lazy = SnippetGenerator::new(
                terms.clone(),
                snippet_analyzer(StemCandidates::new(terms.keys().map(String::as_str))),
                field,
                220,
            );
            for text in &texts {
                let (a, b) = (full.snippet(text), lazy.snippet(text));
                assert_eq!(a.fragment_range(), b.fragment_range(), "{query}");
                assert_eq!(a.highlighted(), b.highlighted(), "{query}");
            }
        }
    }

    #[test]
    fn collapsing_white_space_keeps_highlights_on_their_words() {
        let text = "Talks  on\n\nenergy exports   resumed";
        let start = text.find("energy").unwrap();
        let end = text.find("exports").unwrap() + "exports".len();
        let highlight = start..end;
        let s = passage(
            "body",
            text,
            0..text.len(),
            std::slice::from_ref(&highlight),
        );
        assert_eq!(s.text, "Talks on energy exports resumed");
        let [a, b] = s.highlights[0];
        assert_eq!(&s.text[a..b], "energy exports");
    }

    #[test]
    fn highlights_are_relative_to_the_passage() {
        let text = "alpha beta gamma delta";
        let highlight = 5..10;
        let s = passage("body", text, 6..16, std::slice::from_ref(&highlight));
        assert_eq!(s.text, "beta gamma");
        assert_eq!(&s.text[s.highlights[0][0]..s.highlights[0][1]], "gamma");
        assert!(s.starts_mid && s.ends_mid);
    }
}
