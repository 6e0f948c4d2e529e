//! The entities most often mentioned together with one entity: a search for the articles
//! mentioning it (under any alias, with any other filters) that counts the names of every
//! kind over all of them, leaving the entity itself out.

use super::Archive;
use super::params::SearchParams;
use crate::article::EntityKind;
use crate::enrich::gazetteer::name_key;
use crate::error::MorgueError;
use crate::search::deadline::Deadline;
use crate::search::facets::{FacetKind, FacetResult};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Cooccurring {
    pub kind: EntityKind,
    /// The entity's canonical name when the alias lists know it, else the name as given.
    pub name: String,
    /// Articles mentioning it (under the filters).
    pub articles: usize,
    /// Per kind, the names most often mentioned in those articles, with article counts.
    pub cooccurring: Vec<FacetResult>,
}

impl Archive {
    /// The `top` names of each kind found in the articles that mention `name` (a `kind`),
    /// under `filters` (their query, dates, sources... apply; their facets and page do not).
    pub fn cooccurring(
        &self,
        kind: EntityKind,
        name: &str,
        filters: &SearchParams,
        top: usize,
        deadline: &Deadline,
    ) -> Result<Cooccurring, MorgueError> {
        let mut params = filters.clone();
        params.entities.push((kind, name.to_string()));
        params.limit = 0;
        params.offset = 0;
        params.facets = EntityKind::ALL.into_iter().map(FacetKind::Entity).collect();
        // One more than asked: the entity itself tops its own kind's list.
        params.facet_limit = top.saturating_add(1);
        let request = params
            .request()
            .map_err(|e| MorgueError::Usage(e.to_string()))?;
        let results = self.search(&request, deadline)?;
        let canonical = self
            .aliases()
            .canonical(kind, name)
            .unwrap_or(name)
            .to_string();
        let own_key = name_key(&canonical);
        let cooccurring = results
            .facets
            .into_iter()
            .map(|mut facet| {
                if facet.name == kind.field_name() {
                    facet.values.retain(|v| name_key(&v.value) != own_key);
                }
                if facet.values.len() > top {
                    facet.more += facet.values.len() - top;
                    facet.values.truncate(top);
                }
                facet
            })
            .collect();
        Ok(Cooccurring {
            kind,
            name: canonical,
            articles: results.total,
            cooccurring,
        })
    }
}
