//! The response cache: answers of `/api/search` kept by the request they answer, as
//! Elasticsearch's request cache keeps shard results.
//!
//! A page state asked again (a back button, a shared link, the histogram asking for the
//! facets of the search it belongs to, many readers of the same front page) is answered from
//! memory without a search. The key is the request as the archive runs it (a
//! [`SearchRequest`](crate::search::SearchRequest) with its defaults filled in and its dates
//! parsed, so `from=2025-02` and `&from=2025-02-01` meet; parameters of different names in
//! any order). Answers belong to one generation of the index reader: when tantivy reloads it
//! after a commit (a new `morgue index` run), the first request that sees the new generation
//! empties the cache. The cache holds at most its budget of bytes (keys and answers),
//! dropping the least recently used answers first; a budget of 0 turns it off.

use axum::body::Bytes;
use lru::LruCache;
use std::sync::Mutex;

/// What one entry costs besides its key and answer (the map's slot, the list's links).
const ENTRY_OVERHEAD: usize = 96;

pub struct ResponseCache {
    budget: usize,
    inner: Mutex<Inner>,
}

struct Inner {
    /// The index reader's generation the answers belong to.
    generation: u64,
    entries: LruCache<String, Bytes>,
    bytes: usize,
}

impl ResponseCache {
    /// A cache of at most `budget` bytes (0: off).
    pub fn new(budget: usize) -> ResponseCache {
        ResponseCache {
            budget,
            inner: Mutex::new(Inner {
                generation: 0,
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    /// The answer kept for `key` in `generation`, if any (and marks it recently used).
    pub fn get(&self, generation: u64, key: &str) -> Option<Bytes> {
        let mut inner = self.lock();
        inner.follow(generation);
        if inner.generation != generation {
            return None;
        }
        inner.entries.get(key).cloned()
    }

    /// Keeps `answer` for `key`, computed on `generation` (an answer of an older generation
    /// than the cache's is not kept; a newer one empties the cache first).
    pub fn put(&self, generation: u64, key: String, answer: Bytes) {
        let added = cost(&key, &answer);
        // One answer may not push out most others.
        if !self.enabled() || added > self.budget / 4 {
            return;
        }
        let mut inner = self.lock();
        inner.follow(generation);
        if inner.generation != generation {
            return;
        }
        if let Some(old) = inner.entries.put(key.clone(), answer) {
            inner.bytes -= cost_of_len(key.len(), old.len());
        }
        inner.bytes += added;
        while inner.bytes > self.budget {
            let Some((key, answer)) = inner.entries.pop_lru() else {
                break;
            };
            inner.bytes -= cost(&key, &answer);
        }
    }

    /// Answers kept and their cost in bytes.
    #[cfg(test)]
    fn size(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.entries.len(), inner.bytes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Inner {
    /// Moves to a newer generation, forgetting the answers of the old one.
    fn follow(&mut self, generation: u64) {
        if generation > self.generation {
            self.generation = generation;
            self.entries.clear();
            self.bytes = 0;
        }
    }
}

fn cost(key: &str, answer: &Bytes) -> usize {
    cost_of_len(key.len(), answer.len())
}

fn cost_of_len(key: usize, answer: usize) -> usize {
    key + answer + ENTRY_OVERHEAD
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(n: usize) -> Bytes {
        Bytes::from(vec![b'x'; n])
    }

    #[test]
    fn answers_are_kept_per_generation() {
        let cache = ResponseCache::new(1 << 20);
        cache.put(1, "a".into(), answer(10));
        assert_eq!(cache.get(1, "a"), Some(answer(10)));
        assert_eq!(cache.get(1, "b"), None);
        // A request on an older reader neither sees nor adds answers.
        cache.put(0, "old".into(), answer(10));
        assert_eq!(cache.get(0, "a"), None);
        assert_eq!(cache.size().0, 1);
        // The reader reloaded after a commit: the old answers are gone.
        assert_eq!(cache.get(2, "a"), None);
        assert_eq!(cache.size(), (0, 0));
        cache.put(2, "a".into(), answer(20));
        assert_eq!(cache.get(2, "a"), Some(answer(20)));
    }

    #[test]
    fn the_budget_drops_the_least_recently_used() {
        let each = cost_of_len(1, 1000);
        let cache = ResponseCache::new(each * 4);
        for key in ["a", "b", "c", "d"] {
            cache.put(1, key.into(), answer(1000));
        }
        assert_eq!(cache.size(), (4, each * 4));
        assert!(cache.get(1, "a").is_some());
        cache.put(1, "e".into(), answer(1000));
        assert!(cache.get(1, "b").is_none(), "b was the least recently used");
        for key in ["a", "c", "d", "e"] {
            assert!(cache.get(1, key).is_some(), "{key}");
        }
        // Replacing an answer counts its new size only.
        cache.put(1, "a".into(), answer(500));
        assert_eq!(cache.size(), (4, each * 3 + cost_of_len(1, 500)));
        // An answer bigger than a quarter of the budget is not kept.
        cache.put(1, "big".into(), answer(each * 2));
        assert!(cache.get(1, "big").is_none());
    }

    #[test]
    fn a_budget_of_zero_keeps_nothing() {
        let cache = ResponseCache::new(0);
        assert!(!cache.enabled());
        cache.put(1, "a".into(), answer(1));
        assert_eq!(cache.get(1, "a"), None);
    }
}
