//! Facet counts remembered per query, for a process that answers many searches (the server).
//!
//! A reader who pages through results, changes their order or asks for the histogram of
//! the search on screen asks for the same facet counts again: they depend on the query, its
//! filters and the facets asked for, not on the page, the order or the snippets. Counting
//! them is most of a faceted search's work (every hit is visited), ranking a page is a
//! fraction of it. So a search looks its counts up here first and, when found, ranks its page
//! without tallying; otherwise it tallies and keeps the result.
//!
//! The key is the generation of the index reader (a commit starts afresh: entries of older
//! generations are never found again and age out), which query was tallied (the full
//! matches, or the partial ones listed when too few match in full) and every field of the
//! request that decides the counts. The memo keeps the most recently used `capacity` entries;
//! each is a few kilobytes (the listed values of each facet), so the bound is in entries.
//! With the counts, the memo keeps how many articles they describe: the partial matches a
//! search lists when too few match in full are only counted (their page is ranked apart),
//! so a search that finds them here runs no counting pass at all.

use super::SearchRequest;
use super::facets::FacetResult;
use lru::LruCache;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

/// What a search counted: its hits and the facets of their values.
#[derive(Debug, Clone)]
pub struct Counted {
    pub total: usize,
    pub facets: Arc<Vec<FacetResult>>,
}

/// Which of a search's queries the counts describe.
#[derive(Debug, Clone, Copy)]
pub enum Tallied {
    /// The articles matching the whole query.
    FullMatches,
    /// The articles matching some of its words (listed when too few match in full).
    SomeWords,
}

pub struct FacetMemo {
    entries: Mutex<LruCache<String, Counted>>,
}

impl FacetMemo {
    /// A memo of at most `capacity` searches' counts (at least one).
    pub fn new(capacity: usize) -> FacetMemo {
        let capacity = NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN);
        FacetMemo {
            entries: Mutex::new(LruCache::new(capacity)),
        }
    }

    /// The key of `request`'s counts of `tallied` on the reader of `generation`. Sort, page,
    /// snippets, copy folding and explanations are left out: they change no count.
    pub fn key(generation: u64, tallied: Tallied, request: &SearchRequest) -> String {
        let SearchRequest {
            query,
            filters,
            facets,
            facet_limit,
            matching,
            sort: _,
            limit: _,
            offset: _,
            snippets: _,
            fold_copies: _,
            explain: _,
        } = request;
        format!(
            "{generation}|{tallied:?}|{matching:?}|{facets:?}|{facet_limit}|{filters:?}|{query}"
        )
    }

    pub fn get(&self, key: &str) -> Option<Counted> {
        self.lock().get(key).cloned()
    }

    pub fn put(&self, key: String, counts: Counted) {
        self.lock().put(key, counts);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<String, Counted>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SortOrder;
    use crate::search::facets::FacetKind;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Default::default(),
            sort: SortOrder::Relevance,
            limit: 10,
            offset: 0,
            facets: vec![FacetKind::Month, FacetKind::Source],
            facet_limit: 10,
            snippets: true,
            fold_copies: true,
            matching: Default::default(),
            explain: false,
        }
    }

    #[test]
    fn the_key_ignores_what_changes_no_count() {
        let base = request("summit");
        let other_page = SearchRequest {
            sort: SortOrder::DateDesc,
            offset: 40,
            limit: 5,
            snippets: !base.snippets,
            fold_copies: !base.fold_copies,
            explain: !base.explain,
            ..base.clone()
        };
        let key = |r: &SearchRequest| FacetMemo::key(1, Tallied::FullMatches, r);
        assert_eq!(key(&base), key(&other_page));
        assert_ne!(key(&base), key(&request("summits")));
        let mut filtered = base.clone();
        filtered.filters.sources.push("Reuters".into());
        assert_ne!(key(&base), key(&filtered));
        let mut limited = base.clone();
        limited.facet_limit += 1;
        assert_ne!(key(&base), key(&limited));
        assert_ne!(key(&base), FacetMemo::key(2, Tallied::FullMatches, &base));
        assert_ne!(key(&base), FacetMemo::key(1, Tallied::SomeWords, &base));
    }

    #[test]
    fn the_least_recently_used_goes_first() {
        let memo = FacetMemo::new(2);
        let counts = Counted {
            total: 1,
            facets: Arc::new(Vec::new()),
        };
        memo.put("a".into(), counts.clone());
        memo.put("b".into(), counts.clone());
        assert!(memo.get("a").is_some());
        memo.put("c".into(), counts);
        assert!(memo.get("b").is_none());
        assert!(memo.get("a").is_some() && memo.get("c").is_some());
    }
}
