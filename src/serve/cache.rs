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
//!
//! A miss is searched once: requests for the same page state that arrive while its search
//! runs wait for that search's answer ([`ResponseCache::get_or_search`]), as a page shared
//! with a newsroom is opened by many readers at once.

use axum::body::Bytes;
use lru::LruCache;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// What one entry costs besides its key and answer (the map's slot, the list's links).
const ENTRY_OVERHEAD: usize = 96;

pub struct ResponseCache {
    budget: usize,
    inner: Mutex<Inner>,
    /// The segments (and their deletes) of the last reader seen, and the generation number
    /// given to them.
    reader: Mutex<(u64, u64)>,
    /// The searches of misses running now, by generation and key, with their answer to be.
    flying: Mutex<HashMap<(u64, String), Arc<Flight>>>,
}

/// A search's answer, or the failure it ended with (shared by every request that waited).
type Flight = OnceCell<Result<Bytes, super::api::Failure>>;

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
            reader: Mutex::default(),
            flying: Mutex::default(),
        }
    }

    pub fn enabled(&self) -> bool {
        self.budget > 0
    }

    /// The generation number of a reader holding `segments`: the same as the last reader's
    /// when it holds the same segments with the same deletes, else the next number. tantivy
    /// numbers every reload, including the one its file watcher makes right after a reader
    /// opens, when nothing changed; answers need only change with what the index holds.
    pub fn generation<S: Hash>(&self, segments: &S) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        segments.hash(&mut hasher);
        let held = hasher.finish();
        let mut reader = self.reader.lock().unwrap_or_else(|e| e.into_inner());
        if reader.0 != held || reader.1 == 0 {
            *reader = (held, reader.1 + 1);
        }
        reader.1
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

    /// The answer for `key`: the one a search already running for it gives, or the one of
    /// `search`, run now and kept. Also says whether the answer came from another request's
    /// search. If the request that runs the search goes away (its client closed the
    /// connection), one that waited runs it instead.
    pub async fn get_or_search<F, Fut>(
        &self,
        generation: u64,
        key: String,
        search: F,
    ) -> (Result<Bytes, super::api::Failure>, bool)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Bytes, super::api::Failure>>,
    {
        let id = (generation, key);
        let flight = Arc::clone(self.lock_flying().entry(id.clone()).or_default());
        let _landing = Landing {
            cache: self,
            id: &id,
            flight: &flight,
        };
        let mut searched = false;
        let answer = flight
            .get_or_init(|| {
                searched = true;
                async {
                    let answer = search().await;
                    if let Ok(bytes) = &answer {
                        // Kept before the flight lands: a request that finds no flight finds
                        // the answer.
                        self.put(generation, id.1.clone(), bytes.clone());
                    }
                    answer
                }
            })
            .await
            .clone();
        (answer, !searched)
    }

    fn lock_flying(&self) -> std::sync::MutexGuard<'_, HashMap<(u64, String), Arc<Flight>>> {
        self.flying.lock().unwrap_or_else(|e| e.into_inner())
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

/// Takes a flight off the list when a request that took part in it ends (answered or
/// dropped), unless a newer flight for the same key has replaced it.
struct Landing<'a> {
    cache: &'a ResponseCache,
    id: &'a (u64, String),
    flight: &'a Arc<Flight>,
}

impl Drop for Landing<'_> {
    fn drop(&mut self) {
        let mut flying = self.cache.lock_flying();
        if flying.get(self.id).is_some_and(|f| {
            // Answered, or nobody else waits for it (a flight whose requests all went
            // away before an answer is not left behind).
            Arc::ptr_eq(f, self.flight) && (f.initialized() || Arc::strong_count(f) <= 2)
        }) {
            flying.remove(self.id);
        }
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
    fn a_miss_asked_twice_at_once_is_searched_once() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let cache = ResponseCache::new(1 << 20);
        let searches = std::sync::atomic::AtomicUsize::new(0);
        let (release, released) = tokio::sync::watch::channel(false);
        let search = || {
            let mut released = released.clone();
            let searches = &searches;
            async move {
                searches.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                // Both requests are waiting before the search ends.
                released.wait_for(|r| *r).await.unwrap();
                Ok(answer(7))
            }
        };
        let (first, second, ()) = runtime.block_on(async {
            tokio::join!(
                cache.get_or_search(1, "a".into(), search),
                cache.get_or_search(1, "a".into(), search),
                async {
                    tokio::task::yield_now().await;
                    release.send(true).unwrap();
                }
            )
        });
        assert_eq!(searches.into_inner(), 1);
        assert_eq!((first.0.unwrap(), first.1), (answer(7), false));
        assert_eq!((second.0.unwrap(), second.1), (answer(7), true));
        // The answer is kept, and no flight is left behind.
        assert_eq!(cache.get(1, "a"), Some(answer(7)));
        assert!(cache.lock_flying().is_empty());
        // Another key is its own search.
        let (third, shared) =
            runtime.block_on(cache.get_or_search(1, "b".into(), || async { Ok(answer(3)) }));
        assert_eq!((third.unwrap(), shared), (answer(3), false));
    }

    #[test]
    fn a_reader_holding_the_same_segments_is_the_same_generation() {
        let cache = ResponseCache::new(1 << 20);
        let first = cache.generation(&["a", "b"]);
        assert_eq!(cache.generation(&["a", "b"]), first);
        let second = cache.generation(&["a", "c"]);
        assert!(second > first);
        assert_eq!(cache.generation(&["a", "c"]), second);
    }

    #[test]
    fn a_budget_of_zero_keeps_nothing() {
        let cache = ResponseCache::new(0);
        assert!(!cache.enabled());
        cache.put(1, "a".into(), answer(1));
        assert_eq!(cache.get(1, "a"), None);
    }
}
