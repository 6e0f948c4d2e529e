//! `morgue stats`: what the index holds, and what the last index run left out.

use crate::error::MorgueError;
use crate::index::{self, MorgueIndex};
use crate::ingest::RunSummary;
use crate::search::facets::{FacetCollector, FacetKind, FacetResult};
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Order};

#[derive(Debug, Serialize)]
pub struct IndexStats {
    pub index: String,
    pub articles: u64,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    pub undated: u64,
    /// Articles by where their date came from (`metadata`, `path`, ..., `none`).
    pub date_sources: BTreeMap<String, u64>,
    /// Top entities per kind and top sources, with article counts.
    pub top: Vec<FacetResult>,
    pub index_bytes: u64,
    /// Segments a search opens (`morgue index --optimize` merges them into fewer).
    pub segments: usize,
    /// Summary of the last `morgue index` run (without the per-file problem list).
    pub last_run: Option<RunSummary>,
}

pub fn collect(index: &MorgueIndex, top: usize) -> Result<IndexStats, MorgueError> {
    let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
    let searcher = index.searcher().map_err(tantivy_err)?;
    let mut facets: Vec<FacetKind> = crate::article::EntityKind::ALL
        .into_iter()
        .map(FacetKind::Entity)
        .collect();
    facets.push(FacetKind::Source);
    facets.push(FacetKind::Year);
    let collector = FacetCollector::new(facets, Some(&index.dir));
    let extreme = |order| TopDocs::with_limit(1).order_by_fast_field::<DateTime>("date", order);
    let (articles, tallies, oldest, newest) = searcher
        .search(
            &AllQuery,
            &(
                Count,
                collector.clone(),
                extreme(Order::Asc),
                extreme(Order::Desc),
            ),
        )
        .map_err(tantivy_err)?;
    let day = |hits: Vec<(Option<DateTime>, _)>| {
        hits.into_iter()
            .find_map(|(d, _)| d)
            .and_then(index::document::date_from_tantivy)
            .map(|d| d.to_string())
    };
    let mut results = collector.results(tallies, top);
    let undated = results.iter().find_map(|f| f.undated).unwrap_or(0);
    results.retain(|f| f.undated.is_none());

    let mut date_sources = BTreeMap::new();
    let date_source_field = index.fields.date_source;
    for label in crate::article::DateSource::ALL
        .iter()
        .map(|s| s.label())
        .chain([index::document::UNDATED])
    {
        // A query, not doc_freq: doc_freq still counts deleted articles until segments merge.
        let term = tantivy::Term::from_field_text(date_source_field, label);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let count = searcher.search(&query, &Count).map_err(tantivy_err)? as u64;
        if count > 0 {
            date_sources.insert(label.to_string(), count);
        }
    }
    let last_run = std::fs::read(index.dir.join(index::LAST_RUN))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<RunSummary>(&bytes).ok())
        .map(|mut run| {
            run.problems.clear();
            run
        });
    Ok(IndexStats {
        index: index.dir.display().to_string(),
        articles: articles as u64,
        earliest: day(oldest),
        latest: day(newest),
        undated,
        date_sources,
        top: results,
        index_bytes: index.size_on_disk(),
        segments: searcher.segment_readers().len(),
        last_run,
    })
}

/// One canonical entity for `morgue entities`: in how many articles, under which aliases.
#[derive(Debug, Serialize)]
pub struct EntityListing {
    pub kind: crate::article::EntityKind,
    pub name: String,
    /// Articles that mention it (under any alias).
    pub articles: u64,
    /// Other names it appeared under, with the number of articles using each.
    pub aliases: Vec<crate::search::facets::FacetValue>,
}

/// The `top` most mentioned entities of each kind, with the aliases seen for each.
pub fn list_entities(
    index: &MorgueIndex,
    kinds: &[crate::article::EntityKind],
    top: usize,
) -> Result<Vec<EntityListing>, MorgueError> {
    use crate::index::schema::ALIAS_SEPARATOR;
    use crate::search::facets::FacetValue;
    let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
    let searcher = index.searcher().map_err(tantivy_err)?;
    let facets = kinds
        .iter()
        .flat_map(|&k| [FacetKind::Entity(k), FacetKind::Aliases(k)])
        .collect();
    let collector = FacetCollector::new(facets, Some(&index.dir));
    let tallies = searcher
        .search(&AllQuery, &collector)
        .map_err(tantivy_err)?;
    let mut results = collector.results(tallies, usize::MAX).into_iter();
    let mut listing = Vec::new();
    for &kind in kinds {
        let (Some(names), Some(pairs)) = (results.next(), results.next()) else {
            break;
        };
        let mut aliases: std::collections::HashMap<String, Vec<FacetValue>> = Default::default();
        for pair in pairs.values {
            if let Some((canonical, alias)) = pair.value.split_once(ALIAS_SEPARATOR) {
                aliases
                    .entry(canonical.to_string())
                    .or_default()
                    .push(FacetValue {
                        value: alias.to_string(),
                        count: pair.count,
                    });
            }
        }
        for name in names.values.into_iter().take(top) {
            listing.push(EntityListing {
                kind,
                aliases: aliases.remove(&name.value).unwrap_or_default(),
                name: name.value,
                articles: name.count,
            });
        }
    }
    Ok(listing)
}
