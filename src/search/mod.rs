//! `morgue search`: query + filters -> ranked hits, snippets and facet counts.
//!
//! One pass over the index collects the page of hits, the total count and every requested
//! facet together, so facets always describe the whole result set, not just the page shown.

mod by_date;
pub mod copies;
mod count;
pub mod deadline;
mod exclude;
pub mod explain;
pub mod facets;
mod literal;
pub mod memo;
pub mod query;
pub mod snippets;
#[cfg(test)]
mod test_index;
mod top;
pub mod words;

use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::index::MorgueIndex;
use crate::index::document::StoredArticle;
use deadline::Deadline;
use facets::{FacetCollector, FacetKind, FacetResult};
use memo::{Counted, FacetMemo, Tallied};
use query::{Filters, MatchMode};
use serde::Serialize;
use snippets::{Snippet, Snippeter};
use std::sync::Arc;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SortOrder {
    /// Best match first (BM25, title matches boosted).
    #[default]
    Relevance,
    /// Oldest first; undated articles last.
    Date,
    /// Newest first; undated articles last.
    DateDesc,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub sort: SortOrder,
    pub limit: usize,
    pub offset: usize,
    pub facets: Vec<FacetKind>,
    pub facet_limit: usize,
    /// Compute highlighted snippets for the hits (the CLI always does; benchmarks measure both).
    pub snippets: bool,
    /// Fold near-identical copies of a story (wire copy) into its first hit (see [`copies`]).
    pub fold_copies: bool,
    /// How many words of a plain word query must match.
    pub matching: MatchMode,
    /// Say for each hit why it ranked where it did (see [`explain`]).
    pub explain: bool,
}

/// Everything a search returns; this is also the documented `--json` output.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Articles listed for the query and filters (not just this page): those matching every
    /// word, plus those matching some words when partial matches were added.
    pub total: usize,
    /// Of `total`, the articles that match the whole query.
    pub full_matches: usize,
    /// How many words partial matches were counted against (0: no partial matches listed).
    pub partial_of_words: usize,
    pub offset: usize,
    pub limit: usize,
    pub sort: SortOrder,
    pub hits: Vec<Hit>,
    /// Copies folded into the hits of this page (each hit lists its own); `total` counts them.
    pub copies_folded: usize,
    pub facets: Vec<FacetResult>,
}

#[derive(Debug, Serialize)]
pub struct Hit {
    /// 1-based position in the whole result list.
    pub rank: usize,
    /// BM25 score; null when sorted by date.
    pub score: Option<f32>,
    #[serde(flatten)]
    pub article: StoredArticle,
    pub snippets: Vec<Snippet>,
    /// For a partial match: how many of the query's words it contains (see `partial_of_words`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_words: Option<usize>,
    /// Why the hit ranked where it did, with `--explain`: its score as a sum of BM25 parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<explain::Explained>,
    /// Other articles carrying the same story, in result order (empty with `--all-copies`).
    pub copies: Vec<CopyOf>,
}

/// A near-identical copy of a hit: enough to tell where else the story ran.
#[derive(Debug, Serialize)]
pub struct CopyOf {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
}

/// Runs a search against an open index, however long it takes.
pub fn search(
    index: &MorgueIndex,
    gazetteer: &Gazetteer,
    request: &SearchRequest,
) -> Result<SearchResults, MorgueError> {
    search_until(index, gazetteer, request, &Deadline::none(), None)
}

/// Runs a search that stops with [`MorgueError::Timeout`] once `deadline` passes: the
/// queries it runs end their document lists early (see [`deadline`]), and every step checks
/// the clock before the next. With a `memo`, facet counts already counted for the same query
/// and filters are taken from it, and those counted here are kept in it.
pub fn search_until(
    index: &MorgueIndex,
    gazetteer: &Gazetteer,
    request: &SearchRequest,
    deadline: &Deadline,
    memo: Option<&FacetMemo>,
) -> Result<SearchResults, MorgueError> {
    let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
    let searcher = index.searcher().map_err(tantivy_err)?;
    let fields = &index.fields;
    let Prepared {
        parsed,
        words,
        user_query,
        full_query,
    } = prepare(
        index,
        &searcher,
        gazetteer,
        &request.query,
        &request.filters,
        request.matching,
    )?;
    let restrict = |q: Box<dyn Query>| {
        query::with_filters(&index.index, fields, gazetteer, q, &request.filters)
            .map(|q| deadline.wrap(q))
    };
    // No facets: no per-hit facet work at all.
    let facet_collector = (!request.facets.is_empty())
        .then(|| FacetCollector::new(request.facets.clone(), Some(&index.dir)));
    // TopDocs refuses a limit of 0 (a count-only request still collects one) and allocates
    // for limit + offset up front: no page can be larger than the index.
    let docs = searcher.num_docs() as usize;
    let fold_field = fields
        .copy_sketch
        .filter(|_| request.fold_copies && request.limit > 0);
    // Folding ranks stories, not articles: the page is a slice of the folded list, so the
    // candidates are fetched from the top.
    let wanted = request.offset.saturating_add(request.limit);
    // Facets describe all hits: tallied on the first fetch only, unless the memo knows them.
    let generation = searcher.generation().generation_id();
    // `limit` 0: only the count and the facets are wanted (the memo may know both).
    let fetch = |query: &dyn Query,
                 limit: usize,
                 offset: usize,
                 facets: Option<(&FacetCollector, Tallied)>| {
        let key = facets
            .zip(memo)
            .map(|((_, tallied), _)| FacetMemo::key(generation, tallied, request));
        let known = key.as_ref().zip(memo).and_then(|(key, memo)| memo.get(key));
        if let Some(known) = known.as_ref().filter(|_| limit == 0) {
            return Ok((Vec::new(), known.total, Some(Arc::clone(&known.facets))));
        }
        let page = Page {
            limit: limit.clamp(1, docs.max(1)),
            offset: offset.min(docs),
        };
        let collector = facets.filter(|_| known.is_none()).map(|(c, _)| c);
        let ranked = run_query(&searcher, query, page, request.sort, collector);
        // A query cut short by the deadline returns partial counts: never show them.
        deadline.check()?;
        let (page, total, tallies) = ranked.map_err(tantivy_err)?;
        let counted = match (collector, tallies) {
            (Some(collector), Some(tallies)) => {
                let facets = Arc::new(collector.results(tallies, request.facet_limit));
                if let Some((key, memo)) = key.zip(memo) {
                    let facets = Arc::clone(&facets);
                    memo.put(key, Counted { total, facets });
                }
                Some(facets)
            }
            _ => known.map(|known| known.facets),
        };
        Ok::<_, MorgueError>((page, total, counted))
    };
    let full_facets = facet_collector.as_ref().map(|c| (c, Tallied::FullMatches));
    let (mut page, total, tallies, mut copies_of) = match fold_field {
        None => {
            let (page, total, tallies) = fetch(
                full_query.as_ref(),
                request.limit,
                request.offset,
                full_facets,
            )?;
            let no_copies = vec![Vec::new(); page.len()];
            (page, total, tallies, no_copies)
        }
        Some(field) => {
            let name = index.index.schema().get_field_name(field).to_string();
            let mut limit = copies::first_fetch(wanted);
            let (mut candidates, total, tallies) =
                fetch(full_query.as_ref(), limit, 0, full_facets)?;
            let stories = loop {
                let (stories, complete) =
                    copies::fold(&searcher, &name, &candidates, wanted).map_err(tantivy_err)?;
                if complete || candidates.len() >= total || limit >= docs {
                    break stories;
                }
                deadline.check()?;
                limit = limit.saturating_mul(4);
                candidates = fetch(full_query.as_ref(), limit, 0, None)?.0;
            };
            let (page, copies_of) = stories
                .into_iter()
                .skip(request.offset)
                .map(|story| ((story.score, story.address), story.copies))
                .unzip();
            (page, total, tallies, copies_of)
        }
    };
    let page_full = if request.limit == 0 { 0 } else { page.len() };
    let mut matched_words: Vec<Option<usize>> = vec![None; page.len()];
    let (full_matches, mut total, mut tallies) = (total, total, tallies);
    let mut partial_of_words = 0;
    // What partial hits were ranked by, for their snippets and explanations.
    let mut partial_query: Option<Box<dyn Query>> = None;
    if request.matching == MatchMode::Most && words > 0 && total < wanted.max(1) {
        // Fewer full matches than the page: list next the articles that match some of the
        // words. Total and facets then describe everything listed.
        let some_words = parsed.some_words()?;
        let some = restrict(some_words.box_clone())?;
        let (_, listed, listed_tallies) = fetch(
            some.as_ref(),
            0,
            0,
            facet_collector.as_ref().map(|c| (c, Tallied::SomeWords)),
        )?;
        let only_some = deadline.wrap(Box::new(BooleanQuery::new(vec![
            (Occur::Must, some),
            (Occur::MustNot, parsed.query.box_clone()),
        ])));
        let partial_limit = request.limit.saturating_sub(page_full);
        if partial_limit > 0 {
            let offset = request.offset.saturating_sub(full_matches);
            let (partial, _, _) = fetch(only_some.as_ref(), partial_limit, offset, None)?;
            let partial: Vec<_> = partial.into_iter().take(partial_limit).collect();
            let counts = count_words(&searcher, parsed.words()?, &partial).map_err(tantivy_err)?;
            page.truncate(page_full);
            copies_of.truncate(page_full);
            matched_words.truncate(page_full);
            for (hit, count) in partial.into_iter().zip(counts) {
                page.push(hit);
                copies_of.push(Vec::new());
                matched_words.push(Some(count));
            }
        }
        (total, tallies, partial_of_words) = (listed, listed_tallies, words);
        partial_query = Some(some_words);
    }
    let page = if request.limit == 0 { Vec::new() } else { page };
    let snippeter = if request.snippets {
        let highlight = partial_query.as_deref().unwrap_or(user_query.as_ref());
        Some(Snippeter::new(&searcher, highlight, fields).map_err(tantivy_err)?)
    } else {
        None
    };
    let copies_folded = copies_of.iter().map(Vec::len).sum();
    let hits = page
        .into_iter()
        .zip(copies_of)
        .zip(matched_words)
        .enumerate()
        .map(|(i, (((score, address), copies), matched_words))| {
            deadline.check()?;
            let article = load(&searcher, fields, address).map_err(tantivy_err)?;
            let copies = copies
                .into_iter()
                .map(|address| load(&searcher, fields, address).map(CopyOf::from))
                .collect::<tantivy::Result<_>>()
                .map_err(tantivy_err)?;
            let snippets = snippeter
                .as_ref()
                .map(|s| s.snippets(&article.title, &article.body, article.language.as_deref()))
                .unwrap_or_default();
            let explain = if request.explain && score.is_some() {
                // Partial hits were ranked by their words alone.
                let query = match (&partial_query, matched_words) {
                    (Some(words), Some(_)) => words.as_ref(),
                    _ => full_query.as_ref(),
                };
                Some(explain::explain(&searcher, query, address).map_err(tantivy_err)?)
            } else {
                None
            };
            Ok(Hit {
                rank: request.offset + i + 1,
                score,
                article,
                snippets,
                matched_words,
                explain,
                copies,
            })
        })
        .collect::<Result<Vec<_>, MorgueError>>()?;
    Ok(SearchResults {
        query: request.query.clone(),
        total,
        full_matches,
        partial_of_words,
        offset: request.offset,
        limit: request.limit,
        sort: request.sort,
        hits,
        copies_folded,
        facets: tallies.map(Arc::unwrap_or_clone).unwrap_or_default(),
    })
}

/// A query ready to run: what [`search`] ranks, and what `export` streams.
pub struct Prepared {
    pub parsed: query::UserQuery,
    /// How many words partial matching counts against (0: the query is not only words, or
    /// `--match all`).
    pub words: usize,
    /// The query as typed (words OR-ed for `--match any`), without the filters: what
    /// snippets highlight.
    pub user_query: Box<dyn Query>,
    /// `user_query` restricted by the filters: the articles that match in full.
    pub full_query: Box<dyn Query>,
}

/// Parses `text` and adds the filters, the one way both search and export build a query.
pub fn prepare(
    index: &MorgueIndex,
    searcher: &Searcher,
    gazetteer: &Gazetteer,
    text: &str,
    filters: &Filters,
    matching: MatchMode,
) -> Result<Prepared, MorgueError> {
    let fields = &index.fields;
    let languages = index.languages_present(searcher);
    let parsed = query::parse(&index.index, searcher, fields, &languages, text)?;
    // Partial matching applies to queries that are only words, two or more.
    let words = if matching == MatchMode::All {
        0
    } else {
        parsed.word_count
    };
    let user_query = if matching == MatchMode::Any && words > 0 {
        parsed.some_words()?
    } else {
        parsed.query.box_clone()
    };
    let full_query = query::with_filters(
        &index.index,
        fields,
        gazetteer,
        user_query.box_clone(),
        filters,
    )?;
    Ok(Prepared {
        parsed,
        words,
        user_query,
        full_query,
    })
}

/// Ranked (score or date) hits of one page, the total count and the facet tallies.
type Ranked = (
    Vec<(Option<f32>, DocAddress)>,
    usize,
    Option<<FacetCollector as tantivy::collector::Collector>::Fruit>,
);

/// Which slice of the ranked list to fetch.
#[derive(Debug, Clone, Copy)]
struct Page {
    limit: usize,
    offset: usize,
}

impl Page {
    fn top_docs(self) -> TopDocs {
        TopDocs::with_limit(self.limit).and_offset(self.offset)
    }
}

/// Runs the query for a page, counting all hits and tallying facets.
fn run_query(
    searcher: &Searcher,
    full_query: &dyn tantivy::query::Query,
    page: Page,
    sort: SortOrder,
    facets: Option<&FacetCollector>,
) -> tantivy::Result<Ranked> {
    // Word queries ranked by score take the pruned path; nothing else needs their terms.
    let pruned = (sort == SortOrder::Relevance)
        .then(|| query::pruned_terms(Deadline::unwrap(full_query)))
        .flatten();
    Ok(match sort {
        SortOrder::Relevance if pruned.is_some() => {
            // Ranked alone, a word's hits skip blocks of documents that cannot reach the page
            // (block-max WAND), and its count comes from document frequencies. Together with
            // a counting collector every hit would be scored. Facets, which must see every
            // hit, take a pass of their own that scores nothing (its document lists are read
            // in blocks), on all cores.
            let docs = top::by_score(searcher, full_query, page.limit, page.offset)?;
            let total = count::total(searcher, full_query, pruned.as_deref())?;
            let tallies = facets
                .map(|facets| searcher.search(full_query, facets))
                .transpose()?;
            (
                docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                total,
                tallies,
            )
        }
        SortOrder::Relevance => {
            let (docs, total, tallies) = searcher.search(
                full_query,
                &(page.top_docs().order_by_score(), Count, facets.cloned()),
            )?;
            (
                docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                total,
                tallies,
            )
        }
        SortOrder::Date | SortOrder::DateDesc => {
            let by_date = by_date::ByDate {
                field: "date".into(),
                newest_first: sort == SortOrder::DateDesc,
                limit: page.limit,
                offset: page.offset,
            };
            let (docs, total, tallies) =
                searcher.search(full_query, &(by_date, Count, facets.cloned()))?;
            (
                docs.into_iter().map(|d| (None, d)).collect(),
                total,
                tallies,
            )
        }
    })
}

/// How many of `words` each hit contains.
fn count_words(
    searcher: &Searcher,
    words: &[Box<dyn Query>],
    hits: &[(Option<f32>, DocAddress)],
) -> tantivy::Result<Vec<usize>> {
    let mut counts = vec![0; hits.len()];
    for word in words {
        let weight = word.weight(EnableScoring::disabled_from_searcher(searcher))?;
        for (count, (_, address)) in counts.iter_mut().zip(hits) {
            let segment = searcher.segment_reader(address.segment_ord);
            let mut scorer = weight.scorer(segment, 1.0)?;
            // A new scorer stands on its first match, which may already be past the hit.
            let at = if scorer.doc() < address.doc_id {
                scorer.seek(address.doc_id)
            } else {
                scorer.doc()
            };
            if at == address.doc_id {
                *count += 1;
            }
        }
    }
    Ok(counts)
}

fn load(
    searcher: &Searcher,
    fields: &crate::index::schema::Fields,
    address: DocAddress,
) -> tantivy::Result<StoredArticle> {
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(StoredArticle::from_document(fields, &doc))
}

impl From<StoredArticle> for CopyOf {
    fn from(article: StoredArticle) -> CopyOf {
        CopyOf {
            id: article.id,
            path: article.path,
            title: article.title,
            date: article.date,
            source: article.source,
        }
    }
}
