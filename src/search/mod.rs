//! `morgue search`: query + filters -> ranked hits, snippets and facet counts.
//!
//! One pass over the index collects the page of hits, the total count and every requested
//! facet together, so facets always describe the whole result set, not just the page shown.

pub mod facets;
pub mod query;
pub mod snippets;

use crate::enrich::gazetteer::Gazetteer;
use crate::error::MorgueError;
use crate::index::MorgueIndex;
use crate::index::document::StoredArticle;
use facets::{FacetCollector, FacetKind, FacetResult};
use query::Filters;
use serde::Serialize;
use snippets::{Snippet, Snippeter};
use tantivy::collector::{Count, TopDocs};
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument};

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
}

/// Everything a search returns; this is also the documented `--json` output.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Articles matching the query and filters (not just this page).
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub sort: SortOrder,
    pub hits: Vec<Hit>,
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
}

/// Runs a search against an open index.
pub fn search(
    index: &MorgueIndex,
    gazetteer: &Gazetteer,
    request: &SearchRequest,
) -> Result<SearchResults, MorgueError> {
    let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
    let searcher = index.searcher().map_err(tantivy_err)?;
    let fields = &index.fields;
    let user_query = query::parse_user_query(&index.index, fields, &request.query)?;
    let full_query = query::with_filters(
        &index.index,
        fields,
        gazetteer,
        user_query.box_clone(),
        &request.filters,
    )?;
    // No facets: no per-hit facet work at all.
    let facet_collector = (!request.facets.is_empty()).then(|| FacetCollector {
        facets: request.facets.clone(),
    });
    // TopDocs refuses a limit of 0 (a count-only request still collects one) and allocates
    // for limit + offset up front: no page can be larger than the index.
    let docs = searcher.num_docs() as usize;
    let offset = request.offset.min(docs);
    let top = TopDocs::with_limit(request.limit.clamp(1, docs.max(1))).and_offset(offset);
    let (page, total, tallies): (Vec<(Option<f32>, DocAddress)>, usize, _) = match request.sort {
        SortOrder::Relevance
            if facet_collector.is_none() && query::prunable(full_query.as_ref()) =>
        {
            // Alone, TopDocs skips blocks of documents that cannot reach the page (block-max
            // WAND); counting without scores is cheap. Together they would score every hit.
            let docs = searcher
                .search(&full_query, &top.order_by_score())
                .map_err(tantivy_err)?;
            let total = searcher.search(&full_query, &Count).map_err(tantivy_err)?;
            (
                docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                total,
                None,
            )
        }
        SortOrder::Relevance => {
            let (docs, total, tallies) = searcher
                .search(
                    &full_query,
                    &(top.order_by_score(), Count, facet_collector.clone()),
                )
                .map_err(tantivy_err)?;
            (
                docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                total,
                tallies,
            )
        }
        SortOrder::Date | SortOrder::DateDesc => {
            let order = if request.sort == SortOrder::Date {
                Order::Asc
            } else {
                Order::Desc
            };
            let by_date = top.order_by_fast_field::<DateTime>("date", order);
            let (docs, total, tallies) = searcher
                .search(&full_query, &(by_date, Count, facet_collector.clone()))
                .map_err(tantivy_err)?;
            (
                docs.into_iter().map(|(_, d)| (None, d)).collect(),
                total,
                tallies,
            )
        }
    };
    let page = if request.limit == 0 { Vec::new() } else { page };
    let snippeter = if request.snippets {
        Some(Snippeter::new(&searcher, user_query.as_ref(), fields).map_err(tantivy_err)?)
    } else {
        None
    };
    let hits = page
        .into_iter()
        .enumerate()
        .map(|(i, (score, address))| {
            let article = load(&searcher, fields, address)?;
            let snippets = snippeter
                .as_ref()
                .map(|s| s.snippets(&article.title, &article.body))
                .unwrap_or_default();
            Ok(Hit {
                rank: request.offset + i + 1,
                score,
                article,
                snippets,
            })
        })
        .collect::<Result<Vec<_>, tantivy::TantivyError>>()
        .map_err(tantivy_err)?;
    Ok(SearchResults {
        query: request.query.clone(),
        total,
        offset: request.offset,
        limit: request.limit,
        sort: request.sort,
        hits,
        facets: match (facet_collector, tallies) {
            (Some(collector), Some(tallies)) => collector.results(tallies, request.facet_limit),
            _ => Vec::new(),
        },
    })
}

fn load(
    searcher: &Searcher,
    fields: &crate::index::schema::Fields,
    address: DocAddress,
) -> tantivy::Result<StoredArticle> {
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(StoredArticle::from_document(fields, &doc))
}
