//! From what the user typed to a tantivy query: the query string plus the filter flags.
//!
//! Query syntax is tantivy's: words (all must match by default), `AND`, `OR`, `NOT`/`-`,
//! `"phrases"`, `"phrase"~N` slop, and field scopes `title:`, `body:`, `person:`, `org:`,
//! `place:`, `event:`, `source:`, `author:`, `tags:`. An explicit `OR` really is an OR.
//! morgue adds exact (`=word`, `"word"`), prefix (`word*`) and fuzzy (`word~1`) words
//! ([`super::words`]), and partial matching for queries that are only words ([`MatchMode`]).
//!
//! Filters never change the ranking (they are constant-score clauses). Entity filters resolve
//! any alias through the gazetteer to the canonical name and match only that entity; names
//! the gazetteer does not know match as a phrase against the names and aliases stored with
//! each article.

use super::words::WordMatch;
use crate::article::EntityKind;
use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::index::document::{UNDATED, date_to_tantivy};
use crate::index::schema::Fields;
use jiff::civil::Date;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser,
    RangeQuery, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

/// The field scopes users are told about (others exist but hold ids and codes).
pub const SEARCHABLE: &str = "title, body, person, org, place, event, source, author, tags";

/// Title matches count this many times more than body matches.
/// How much a title match adds on top of the same words in the article's text (which
/// includes the title). Measured on CACM with `cargo bench --bench relevance`: title as its
/// own field at 2.0 (MAP 0.242 OR-ed), title inside the text at 0.25/0.5/1.0 (0.278/0.283/0.277).
const TITLE_BOOST: f32 = 0.5;

/// Restrictions on the result set, from the command-line flags.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Each must match (AND).
    pub entities: Vec<(EntityKind, String)>,
    /// Inclusive first day.
    pub from: Option<Date>,
    /// Inclusive last day.
    pub to: Option<Date>,
    /// Any of these sources (OR).
    pub sources: Vec<String>,
    /// Only articles without a date.
    pub undated: bool,
    /// Any of these languages (ISO 639-1 codes, as the `language` facet lists them).
    pub languages: Vec<String>,
    /// None of these may match (values left out of a facet).
    pub excluded_entities: Vec<(EntityKind, String)>,
    /// Not from any of these sources.
    pub excluded_sources: Vec<String>,
}

impl Filters {
    /// Whether any filter names an entity (kept or left out): only then are the alias tables,
    /// which cost more to build than a whole search, needed.
    pub fn name_entities(&self) -> bool {
        !self.entities.is_empty() || !self.excluded_entities.is_empty()
    }
}

/// How many of a plain word query's words an article must contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchMode {
    /// Every word; nothing else is listed.
    All,
    /// Every word first; when those are fewer than the page, the articles that match some of
    /// the words follow, best first, each labelled with how many it matched.
    #[default]
    Most,
    /// Any word (the words OR-ed), ranked by BM25.
    Any,
}

impl std::str::FromStr for MatchMode {
    type Err = String;

    fn from_str(text: &str) -> Result<MatchMode, String> {
        match text {
            "all" => Ok(MatchMode::All),
            "most" => Ok(MatchMode::Most),
            "any" => Ok(MatchMode::Any),
            other => Err(format!("`{other}`: expected all, most or any")),
        }
    }
}

/// The user's query, ready to run.
pub struct UserQuery {
    /// What the query means as typed (all words must match unless it says otherwise).
    pub query: Box<dyn Query>,
    /// For a query that is only words (no operators, quotes or field scopes): how many
    /// distinct words, which partial matching counts against. 0 otherwise: explicit syntax
    /// keeps its meaning whatever `--match` says.
    pub word_count: usize,
    /// The distinct words with how often each was typed, and what builds their queries:
    /// weighed only when a search needs them.
    pending: Option<(Builder, Vec<(String, usize)>)>,
    words: std::cell::OnceCell<Vec<Box<dyn Query>>>,
}

impl UserQuery {
    fn new(query: Box<dyn Query>) -> UserQuery {
        UserQuery {
            query: super::exclude::guard_left_out(query),
            word_count: 0,
            pending: None,
            words: std::cell::OnceCell::new(),
        }
    }

    /// One weighted query per distinct word (see `Builder::weighted_words`).
    pub fn words(&self) -> Result<&[Box<dyn Query>], MorgueError> {
        if self.words.get().is_none() {
            let words = match &self.pending {
                Some((builder, words)) => builder.weighted_words(words)?,
                None => Vec::new(),
            };
            let _ = self.words.set(words);
        }
        Ok(self.words.get().map(Vec::as_slice).unwrap_or_default())
    }

    /// Articles matching at least one of the words, ranked by their weighted bag.
    pub fn some_words(&self) -> Result<Box<dyn Query>, MorgueError> {
        let clauses = self
            .words()?
            .iter()
            .map(|q| (Occur::Should, q.box_clone()))
            .collect();
        Ok(Box::new(BooleanQuery::with_minimum_required_clauses(
            clauses, 1,
        )))
    }
}

/// The different words (case aside) of `words`, in order, each with how often it was typed:
/// the parsed query holds a repeated word once, so repeats are counted in the typed text.
fn distinct_words(words: &[String], typed: &str) -> Vec<(String, usize)> {
    let mut distinct: Vec<(String, usize)> = Vec::new();
    for word in words {
        let key = word.to_lowercase();
        if !distinct.iter().any(|(w, _)| *w == key) {
            let typed_times = typed
                .split_whitespace()
                .filter(|t| !matches!(*t, "AND" | "OR" | "NOT") && t.to_lowercase() == key)
                .count();
            distinct.push((key, typed_times.max(1)));
        }
    }
    distinct
}

/// Parses the query string; an empty string (or `*`) matches every article.
///
/// Besides tantivy's syntax: `=word` (or one word in quotes) matches the word exactly,
/// `word*` as a prefix, `word~1`/`word~2` within one or two edits (see [`super::words`]).
/// `languages` are the language fields the archive fills ([`languages_present`]).
pub fn parse(
    index: &Index,
    searcher: &Searcher,
    fields: &Fields,
    languages: &[Field],
    text: &str,
) -> Result<UserQuery, MorgueError> {
    let text = text.trim();
    if text.is_empty() || text == "*" {
        return Ok(UserQuery::new(Box::new(AllQuery)));
    }
    if let Some(field) = text
        .split_whitespace()
        .find_map(|word| word.trim_start_matches(['+', '-', '(']).strip_suffix(":*"))
    {
        return Err(MorgueError::Query(format!(
            "`{field}:*` (any value) is not supported; search for words in the field instead"
        )));
    }
    let syntax_error = || {
        MorgueError::Query(explain_parse_error(
            &tantivy::query::QueryParserError::SyntaxError(text.to_string()),
        ))
    };
    let ast = query_grammar::parse_query(text).map_err(|_| syntax_error())?;
    refuse_long_sloppy_phrases(&ast)?;
    let builder = Builder {
        index: index.clone(),
        searcher: searcher.clone(),
        fields: fields.clone(),
        parser: parser(index, fields, languages),
    };
    if let Some(words) = plain_words(&ast, Some(query_grammar::Occur::Should))
        .map(|words| distinct_words(&words, text))
        .filter(|words| words.len() > 1)
    {
        // Words joined by OR: the same weighted bag a partial match ranks by.
        let any = builder.weighted_words(&words)?;
        let query = BooleanQuery::new(any.into_iter().map(|q| (Occur::Should, q)).collect());
        return Ok(UserQuery::new(Box::new(query)));
    }
    let query = if has_word_forms(&ast) {
        builder.convert(ast.clone())?
    } else {
        // The common case: tantivy's own parser, whose plans the pruned paths recognise.
        builder
            .parser
            .parse_query(text)
            .map_err(|e| MorgueError::Query(explain_parse_error(&e)))?
    };
    let mut parsed = UserQuery::new(query);
    if let Some(words) = plain_words(&ast, None)
        .map(|words| distinct_words(&words, text))
        .filter(|words| words.len() > 1)
    {
        parsed.word_count = words.len();
        parsed.pending = Some((builder, words));
    }
    Ok(parsed)
}

/// The most words a phrase with `~N` slop may hold. tantivy matches such a phrase inside
/// one article in time that grows exponentially with its words (12 words of a common one took
/// 14 s on one article), in a step no deadline can interrupt; 8 words stay in milliseconds.
pub const MAX_SLOPPY_PHRASE_WORDS: usize = 8;

fn refuse_long_sloppy_phrases(ast: &UserInputAst) -> Result<(), MorgueError> {
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .try_for_each(|(_, sub)| refuse_long_sloppy_phrases(sub)),
        UserInputAst::Boost(sub, _) => refuse_long_sloppy_phrases(sub),
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(lit)
                if lit.slop > 0
                    && lit.phrase.split_whitespace().count() > MAX_SLOPPY_PHRASE_WORDS =>
            {
                Err(MorgueError::Query(format!(
                    "a phrase with ~{} can hold at most {MAX_SLOPPY_PHRASE_WORDS} words (this one has {}): shorten it, or drop the ~",
                    lit.slop,
                    lit.phrase.split_whitespace().count()
                )))
            }
            _ => Ok(()),
        },
    }
}

/// [`parse`]'s query alone, against the index's current commit (for tests of query plans).
#[cfg(test)]
pub(crate) fn parse_user_query(
    index: &Index,
    fields: &Fields,
    text: &str,
) -> Result<Box<dyn Query>, MorgueError> {
    let searcher = index.reader().expect("reader").searcher();
    let languages = languages_present(&searcher, fields);
    parse(index, &searcher, fields, &languages, text).map(|parsed| parsed.query)
}

/// Words search title and body, and the field of every other language the archive has
/// articles in (stemmed in that language): an English-only archive searches two fields.
fn parser(index: &Index, fields: &Fields, languages: &[Field]) -> QueryParser {
    let mut searched = vec![fields.title, fields.body];
    searched.extend_from_slice(languages);
    let mut parser = QueryParser::for_index(index, searched);
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.title, TITLE_BOOST);
    parser
}

/// The language fields (`text_de`, ...) of the languages the searcher's articles are in,
/// read from the `language` column's small dictionary (one per segment) rather than by
/// opening seventeen term dictionaries per segment, which a short-lived process pays for.
pub fn languages_present(searcher: &Searcher, fields: &Fields) -> Vec<Field> {
    let mut present = vec![false; fields.language_text.len()];
    let mut code = String::new();
    for segment in searcher.segment_readers() {
        let Ok(Some(column)) = segment.fast_fields().str("language") else {
            continue;
        };
        for ord in 0..column.num_terms() as u64 {
            code.clear();
            if column.ord_to_str(ord, &mut code).unwrap_or(false)
                && let Some(i) = fields.language_text.iter().position(|(c, _)| *c == code)
            {
                present[i] = true;
            }
        }
    }
    fields
        .language_text
        .iter()
        .zip(present)
        .filter(|(_, present)| *present)
        .map(|((_, field), _)| *field)
        .collect()
}

/// The words of a query that is nothing but words joined by `joined` (None: side by side,
/// which means AND; `Should`: OR); None for anything else.
fn plain_words(ast: &UserInputAst, joined: Option<query_grammar::Occur>) -> Option<Vec<String>> {
    let word = |ast: &UserInputAst| match ast {
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(lit) if word_form(lit).is_none() && is_plain(lit) => {
                Some(lit.phrase.clone())
            }
            _ => None,
        },
        _ => None,
    };
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .map(|(occur, sub)| if *occur == joined { word(sub) } else { None })
            .collect(),
        leaf if joined.is_none() => word(leaf).map(|w| vec![w]),
        _ => None,
    }
}

fn is_plain(lit: &UserInputLiteral) -> bool {
    lit.field_name.is_none() && lit.delimiter == Delimiter::None && lit.slop == 0 && !lit.prefix
}

/// How a literal asks to be matched against unstemmed words, if it does.
fn word_form(lit: &UserInputLiteral) -> Option<(String, WordMatch)> {
    let single_word = !lit.phrase.trim().is_empty() && !lit.phrase.contains(char::is_whitespace);
    if !single_word {
        return None;
    }
    match lit.delimiter {
        Delimiter::DoubleQuotes if lit.slop == 0 && !lit.prefix => {
            Some((lit.phrase.clone(), WordMatch::Exact))
        }
        // The grammar keeps `*` and `~N` inside an unquoted word (its prefix and slop flags
        // are for quoted phrases).
        Delimiter::None => {
            let phrase = lit.phrase.as_str();
            let fuzzy = phrase.rsplit_once('~').and_then(|(word, edits)| {
                let edits: u8 = edits.parse().ok().filter(|e| (1..=2).contains(e))?;
                Some((word, edits))
            });
            if let Some(word) = phrase.strip_prefix('=') {
                (!word.is_empty()).then(|| (word.to_string(), WordMatch::Exact))
            } else if let Some(word) = phrase.strip_suffix('*') {
                (!word.is_empty()).then(|| (word.to_string(), WordMatch::Prefix))
            } else if let Some((word, edits)) = fuzzy {
                (!word.is_empty()).then(|| (word.to_string(), WordMatch::Fuzzy(edits)))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn has_word_forms(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().any(|(_, sub)| has_word_forms(sub)),
        UserInputAst::Boost(sub, _) => has_word_forms(sub),
        UserInputAst::Leaf(leaf) => {
            matches!(leaf.as_ref(), UserInputLeaf::Literal(lit) if word_form(lit).is_some())
        }
    }
}

/// Turns a parsed query into a tantivy query, building exact, prefix and fuzzy words itself
/// and everything else through tantivy's parser, leaf by leaf.
struct Builder {
    index: Index,
    searcher: Searcher,
    fields: Fields,
    parser: QueryParser,
}

impl Builder {
    /// One query per distinct word, weighted as classic BM25 over the query's words weighs
    /// them: a word typed twice counts twice (long, sentence-like queries repeat what
    /// matters), and each word's idf is Robertson-Sparck Jones's, as in SQLite FTS5, rather
    /// than tantivy's always-positive one: a word in half of the articles or more ("the",
    /// "of") adds nothing, unless every word is that common. Such words still match; they
    /// only do not rank. `distinct` comes from [`distinct_words`].
    fn weighted_words(
        &self,
        distinct: &[(String, usize)],
    ) -> Result<Vec<Box<dyn Query>>, MorgueError> {
        // Robertson-Sparck Jones idf (FTS5's) against tantivy's, per word: about 1 for rare
        // words, 0 for words in half the articles or more.
        let articles = self.searcher.num_docs() as f32;
        let idf_ratio = |word: &str| -> f32 {
            super::words::stems(&self.index, word)
                .iter()
                .map(|stem| {
                    let term = Term::from_field_text(self.fields.body, stem);
                    let n = self.searcher.doc_freq(&term).unwrap_or(0) as f32;
                    let odds = (articles - n + 0.5) / (n + 0.5);
                    (odds.ln().max(0.0) / (1.0 + odds).ln()).clamp(0.0, 1.0)
                })
                .fold(0.0, f32::max)
        };
        let ratios: Vec<f32> = distinct.iter().map(|(word, _)| idf_ratio(word)).collect();
        let all_common = ratios.iter().all(|r| *r == 0.0);
        distinct
            .iter()
            .zip(ratios)
            .map(|((word, count), ratio)| {
                let q = self
                    .parser
                    .parse_query(word)
                    .map_err(|e| MorgueError::Query(explain_parse_error(&e)))?;
                let ratio = if all_common { 1.0 } else { ratio };
                let weight = *count as f32 * ratio;
                Ok(if weight == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, weight)) as Box<dyn Query>
                })
            })
            .collect()
    }

    fn convert(&self, ast: UserInputAst) -> Result<Box<dyn Query>, MorgueError> {
        match ast {
            UserInputAst::Clause(clauses) => {
                let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (occur, sub) in clauses {
                    let occur = match occur {
                        Some(query_grammar::Occur::Should) => Occur::Should,
                        Some(query_grammar::Occur::MustNot) => Occur::MustNot,
                        Some(query_grammar::Occur::Must) | None => Occur::Must,
                    };
                    out.push((occur, self.convert(sub)?));
                }
                if out.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    return Err(MorgueError::Query(explain_parse_error(
                        &tantivy::query::QueryParserError::AllButQueryForbidden,
                    )));
                }
                Ok(Box::new(BooleanQuery::new(out)))
            }
            UserInputAst::Boost(sub, boost) => Ok(Box::new(BoostQuery::new(
                self.convert(*sub)?,
                boost.into_inner() as f32,
            ))),
            UserInputAst::Leaf(leaf) => {
                let form = match leaf.as_ref() {
                    UserInputLeaf::Literal(lit) => {
                        word_form(lit).map(|f| (f, lit.field_name.clone()))
                    }
                    _ => None,
                };
                let Some(((word, how), field_name)) = form else {
                    return self
                        .parser
                        .build_query_from_user_input_ast(UserInputAst::Leaf(leaf))
                        .map_err(|e| MorgueError::Query(explain_parse_error(&e)));
                };
                let scope = match field_name.as_deref() {
                    None => vec![self.fields.title, self.fields.body],
                    Some("title") => vec![self.fields.title],
                    Some("body") => vec![self.fields.body],
                    Some(other) => {
                        return Err(MorgueError::Query(format!(
                            "`{other}:{word}`: exact, prefix and fuzzy words work on title and body only"
                        )));
                    }
                };
                super::words::word_query(
                    &self.index,
                    &self.searcher,
                    &self.fields,
                    &word,
                    how,
                    TITLE_BOOST,
                    &scope,
                )
                .map_err(|e| MorgueError::Query(e.to_string()))
            }
        }
    }
}

fn explain_parse_error(error: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match error {
        E::FieldDoesNotExist(field) => format!(
            "unknown field `{field}:`; fields are {SEARCHABLE} (put the query in quotes to search for a colon literally)"
        ),
        E::AllButQueryForbidden => {
            "a query cannot only exclude terms: add something to search for".to_string()
        }
        E::SyntaxError(detail) => format!(
            "syntax error ({detail}); check quotes and parentheses are balanced and AND/OR/NOT stand between terms"
        ),
        other => other.to_string(),
    }
}

/// Combines the query with the filters: the query scores, the filters only restrict.
pub fn with_filters(
    index: &Index,
    fields: &Fields,
    gazetteer: &Gazetteer,
    query: Box<dyn Query>,
    filters: &Filters,
) -> Result<Box<dyn Query>, MorgueError> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    let mut restrict = |q: Box<dyn Query>| {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
    };
    for (kind, name) in &filters.entities {
        restrict(entity_filter(index, fields, gazetteer, *kind, name)?);
    }
    let mut leave_out = Vec::new();
    for (kind, name) in &filters.excluded_entities {
        leave_out.push(entity_filter(index, fields, gazetteer, *kind, name)?);
    }
    for source in &filters.excluded_sources {
        leave_out.push(source_filter(index, fields, source)?);
    }
    if filters.undated {
        if filters.from.is_some() || filters.to.is_some() {
            return Err(MorgueError::Usage(
                "--undated cannot be combined with --from/--to: undated articles have no date to compare"
                    .into(),
            ));
        }
        restrict(Box::new(TermQuery::new(
            Term::from_field_text(fields.date_source, UNDATED),
            IndexRecordOption::Basic,
        )));
    }
    if filters.from.is_some() || filters.to.is_some() {
        // tantivy dates are nanoseconds in an i64 (years 1678-2261). Stored dates are far
        // inside that; a bound outside it either excludes everything or nothing.
        let (lowest, highest) = (
            jiff::civil::date(1678, 1, 1),
            jiff::civil::date(2261, 12, 31),
        );
        if filters.from.is_some_and(|d| d > highest) || filters.to.is_some_and(|d| d < lowest) {
            restrict(Box::new(tantivy::query::EmptyQuery));
            return Ok(Box::new(BooleanQuery::new(clauses)));
        }
        // Always a lower bound: undated articles have no date to compare, and tantivy
        // refuses a range open at both ends.
        let from = Some(filters.from.map_or(lowest, |d| d.max(lowest)));
        let to = filters.to.filter(|d| *d <= highest);
        let bound = |date: Option<Date>, inclusive: bool| match date {
            Some(d) => {
                let term = Term::from_field_date(fields.date, date_to_tantivy(d));
                if inclusive {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
            None => Bound::Unbounded,
        };
        let after_to = match to {
            Some(to) => Some(
                to.tomorrow()
                    .map_err(|e| MorgueError::Usage(e.to_string()))?,
            ),
            None => None,
        };
        restrict(Box::new(RangeQuery::new(
            bound(from, true),
            bound(after_to, false),
        )));
    }
    if !filters.sources.is_empty() {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for source in &filters.sources {
            any.push((Occur::Should, source_filter(index, fields, source)?));
        }
        restrict(Box::new(BooleanQuery::new(any)));
    }
    if !filters.languages.is_empty() {
        let any = filters
            .languages
            .iter()
            .map(|code| {
                let term =
                    Term::from_field_text(fields.language, &code.trim().to_ascii_lowercase());
                let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        restrict(Box::new(BooleanQuery::new(any)));
    }
    clauses.extend(leave_out.into_iter().map(|q| {
        let set: Box<dyn Query> = Box::new(super::exclude::LeftOut(q));
        (Occur::MustNot, set)
    }));
    if clauses.len() == 1 {
        // No filters: the query alone scores the same and lets tantivy plan it directly.
        return Ok(clauses.remove(0).1);
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Matches articles from a source named by some of its words, in order.
fn source_filter(
    index: &Index,
    fields: &Fields,
    source: &str,
) -> Result<Box<dyn Query>, MorgueError> {
    phrase(index, fields.source, source)?.ok_or_else(|| {
        MorgueError::Usage("a source name needs at least one letter or digit".into())
    })
}

/// The terms of a query whose best hits are found without scoring every match: one term, or
/// a union of term clauses (a word in title and body, and in the stemmed field of each other
/// language the archive holds). tantivy ranks such a union by block-max WAND, and
/// `count::total` counts it from document frequencies. None for any other query.
pub fn pruned_terms(query: &dyn Query) -> Option<Vec<Term>> {
    let term_of = |q: &dyn Query| -> Option<Term> {
        if let Some(term_query) = q.downcast_ref::<TermQuery>() {
            return Some(term_query.term().clone());
        }
        // A boosted term (title matches): a boost query over exactly one positionless term.
        q.downcast_ref::<BoostQuery>()?;
        let mut terms = Vec::new();
        let mut positions = false;
        q.query_terms(&mut |term, needs_positions| {
            terms.push(term.clone());
            positions |= needs_positions;
        });
        (terms.len() == 1 && !positions).then(|| terms.remove(0))
    };
    if let Some(term) = term_of(query) {
        return Some(vec![term]);
    }
    let boolean = query.downcast_ref::<BooleanQuery>()?;
    if boolean.clauses().is_empty() || boolean.get_minimum_number_should_match() > 1 {
        return None;
    }
    boolean
        .clauses()
        .iter()
        .map(|(occur, q)| (*occur == Occur::Should).then(|| term_of(q.as_ref()))?)
        .collect()
}

/// Matches articles mentioning the entity. A name the gazetteer knows (any alias of it)
/// matches only its canonical name, so `--place China` does not also find articles whose only
/// such entity is "South China Sea". A name it does not know matches as a phrase among the
/// names and aliases stored with each article.
fn entity_filter(
    index: &Index,
    fields: &Fields,
    gazetteer: &Gazetteer,
    kind: EntityKind,
    name: &str,
) -> Result<Box<dyn Query>, MorgueError> {
    if let Some(canonical) = gazetteer.canonical(kind, name) {
        return Ok(Box::new(TermQuery::new(
            Term::from_field_text(fields.entity_name(kind), canonical),
            IndexRecordOption::Basic,
        )));
    }
    phrase(index, fields.entity_text(kind), name)?.ok_or_else(|| {
        MorgueError::Usage(format!(
            "a {} name needs at least one letter or digit",
            kind.field_name()
        ))
    })
}

/// A term or phrase query for `text` analysed the way `field` is indexed; None if no tokens.
pub(crate) fn phrase(
    index: &Index,
    field: Field,
    text: &str,
) -> Result<Option<Box<dyn Query>>, MorgueError> {
    let mut analyzer = index
        .tokenizer_for_field(field)
        .map_err(|e| MorgueError::Query(e.to_string()))?;
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        terms.push(Term::from_field_text(field, &token.text));
    }
    Ok(match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.remove(0),
            IndexRecordOption::Basic,
        ))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    })
}

/// Parses `--from`/`--to` values: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. `--from` takes the first
/// day of the period, `--to` the last, so both ends are inclusive.
pub fn parse_period(text: &str, end: bool) -> Result<Date, String> {
    let shape = || format!("`{text}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let ok = match parts.as_slice() {
        [y] => digits(y, 4..=4),
        [y, m] => digits(y, 4..=4) && digits(m, 1..=2),
        [y, m, d] => digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2),
        _ => false,
    };
    if !ok {
        return Err(shape());
    }
    // Digit strings of these lengths always fit.
    let year: i16 = parts[0].parse().map_err(|_| shape())?;
    let month: Option<i8> = parts.get(1).and_then(|m| m.parse().ok());
    let day: Option<i8> = parts.get(2).and_then(|d| d.parse().ok());
    let invalid = |e: jiff::Error| format!("`{text}` is not a valid date: {e}");
    match (month, day) {
        (None, _) => Date::new(year, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        (Some(m), None) => {
            Date::new(year, m, 1).map(|first| if end { first.last_of_month() } else { first })
        }
        (Some(m), Some(d)) => Date::new(year, m, d),
    }
    .map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::{parse_period, parse_user_query, pruned_terms};
    use crate::index::analysis::register;
    use crate::index::schema::{Fields, build_schema};
    use jiff::civil::date;

    #[test]
    fn only_unions_of_terms_take_the_pruned_path() {
        let index = tantivy::Index::create_in_ram(build_schema());
        register(&index);
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let plan = |q: &str| {
            pruned_terms(parse_user_query(&index, &fields, q).unwrap().as_ref()).is_some()
        };
        for yes in [
            "government",
            "title:summit",
            "body:talks",
            "Elections",
            // One quoted word is that word exactly: a term of `words` when it differs from
            // its stem...
            "\"Banking\"",
            "title:(a OR b OR c)",
        ] {
            assert!(plan(yes), "{yes}");
        }
        for no in [
            // ... and a `LiteralQuery` over its stem when it is its own ("putin").
            "\"Putin\"",
            "talks summit",
            "talks OR summit",
            "\"prime minister\"",
            "-talks summit",
            "*",
        ] {
            assert!(!plan(no), "{no}");
        }
    }

    #[test]
    fn periods_are_inclusive_at_both_ends() {
        assert_eq!(parse_period("2025", false), Ok(date(2025, 1, 1)));
        assert_eq!(parse_period("2025", true), Ok(date(2025, 12, 31)));
        assert_eq!(parse_period("2024-02", true), Ok(date(2024, 2, 29)));
        assert_eq!(parse_period("2025-02", false), Ok(date(2025, 2, 1)));
        assert_eq!(parse_period("2025-03-09", true), Ok(date(2025, 3, 9)));
    }

    #[test]
    fn bad_periods_say_why() {
        for bad in [
            "25",
            "2025-13",
            "2025-02-30",
            "last week",
            "2025-xx",
            "",
            "2025-257",
            "2025-02-259",
            "+202",
            "0000-00",
        ] {
            let err = parse_period(bad, false).unwrap_err();
            assert!(err.contains(bad), "{err}");
        }
    }
}
