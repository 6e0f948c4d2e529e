//! A time limit that really stops a search, instead of abandoning the thread that runs it.
//!
//! [`Deadline`] is shared by everything one search does. [`Deadlined`] wraps the query a
//! search runs: its scorer checks the clock every few hundred documents it steps over and,
//! once the time is up, ends its document list early, so the collectors (top hits, counts,
//! facets) stop as if the segment were exhausted. The search then sees the deadline passed
//! and returns [`MorgueError::Timeout`] rather than the partial counts.
//!
//! What it cannot stop is a single step inside tantivy that never returns to the loop: a
//! sloppy phrase of many words spends its time matching positions within one document. The
//! query parser refuses such phrases (`query::MAX_SLOPPY_PHRASE_WORDS`), which bounds a step.

use crate::error::MorgueError;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// How many documents a scorer steps over between two looks at the clock (a clock read costs
/// about as much as scoring a few documents).
const CHECK_EVERY: u32 = 64;

/// When a search must give up. Cheap to clone: clones share the "expired" flag, so once one
/// part of a search sees the time is up, every other part stops at its next check.
#[derive(Debug, Clone)]
pub struct Deadline(Arc<State>);

#[derive(Debug)]
struct State {
    at: Option<Instant>,
    limit: Duration,
    expired: AtomicBool,
}

impl Deadline {
    /// A deadline `limit` from now.
    pub fn after(limit: Duration) -> Deadline {
        Deadline(Arc::new(State {
            at: Instant::now().checked_add(limit),
            limit,
            expired: AtomicBool::new(false),
        }))
    }

    /// No time limit (benchmarks, tools).
    pub fn none() -> Deadline {
        Deadline(Arc::new(State {
            at: None,
            limit: Duration::MAX,
            expired: AtomicBool::new(false),
        }))
    }

    /// Whether the time is up (reads the clock; remembers the answer once it is yes).
    pub fn passed(&self) -> bool {
        if self.0.expired.load(Ordering::Relaxed) {
            return true;
        }
        let passed = self.0.at.is_some_and(|at| Instant::now() >= at);
        if passed {
            self.0.expired.store(true, Ordering::Relaxed);
        }
        passed
    }

    /// `Err(Timeout)` once the time is up: called between the steps of a search, and after
    /// each step that a [`Deadlined`] query may have cut short.
    pub fn check(&self) -> Result<(), MorgueError> {
        if self.passed() {
            Err(MorgueError::Timeout {
                secs: self.0.limit.as_secs_f64(),
            })
        } else {
            Ok(())
        }
    }

    /// Wraps `query` so that running it stops when the time is up (a no-op without a limit).
    pub fn wrap(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        if self.0.at.is_none() {
            return query;
        }
        Box::new(Deadlined {
            inner: query,
            deadline: self.clone(),
        })
    }

    /// The query a [`Deadlined`] wraps, or `query` itself: for code that recognises query
    /// shapes (the pruned word-query path).
    pub fn unwrap(query: &dyn Query) -> &dyn Query {
        match query.downcast_ref::<Deadlined>() {
            Some(deadlined) => deadlined.inner.as_ref(),
            None => query,
        }
    }
}

/// A query whose document lists end early once its deadline passes.
#[derive(Debug)]
pub struct Deadlined {
    inner: Box<dyn Query>,
    deadline: Deadline,
}

impl Clone for Deadlined {
    fn clone(&self) -> Deadlined {
        Deadlined {
            inner: self.inner.box_clone(),
            deadline: self.deadline.clone(),
        }
    }
}

impl Query for Deadlined {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DeadlinedWeight {
            inner: self.inner.weight(scoring)?,
            deadline: self.deadline.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor)
    }
}

struct DeadlinedWeight {
    inner: Box<dyn Weight>,
    deadline: Deadline,
}

impl Weight for DeadlinedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if self.deadline.passed() {
            return Ok(Box::new(tantivy::query::EmptyScorer));
        }
        Ok(Box::new(DeadlinedScorer {
            inner: self.inner.scorer(reader, boost)?,
            deadline: self.deadline.clone(),
            steps: 0,
            stopped: false,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    /// Ranking word queries skips blocks of documents (block-max WAND) inside the inner
    /// weight, so it is kept: the callback checks the clock and, once the time is up, raises
    /// the bar past any score, which makes the rest of the segment skipped at once.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if self.deadline.passed() {
            return Ok(());
        }
        let (mut calls, mut stopped) = (0u32, false);
        self.inner
            .for_each_pruning(threshold, reader, &mut |doc, score| {
                calls = calls.wrapping_add(1);
                stopped = stopped || (calls.is_multiple_of(CHECK_EVERY) && self.deadline.passed());
                if stopped {
                    return Score::INFINITY;
                }
                callback(doc, score)
            })
    }
}

struct DeadlinedScorer {
    inner: Box<dyn Scorer>,
    deadline: Deadline,
    steps: u32,
    stopped: bool,
}

impl DeadlinedScorer {
    fn time_is_up(&mut self) -> bool {
        self.steps = self.steps.wrapping_add(1);
        if self.steps.is_multiple_of(CHECK_EVERY) && self.deadline.passed() {
            self.stopped = true;
        }
        self.stopped
    }
}

impl DocSet for DeadlinedScorer {
    fn advance(&mut self) -> DocId {
        if self.time_is_up() {
            return tantivy::TERMINATED;
        }
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.time_is_up() {
            return tantivy::TERMINATED;
        }
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        if self.stopped {
            tantivy::TERMINATED
        } else {
            self.inner.doc()
        }
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for DeadlinedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, TantivyDocument};

    fn index_of(docs: usize) -> Index {
        let mut builder = Schema::builder();
        let name = builder.add_text_field("name", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15 << 20).unwrap();
        for i in 0..docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(name, format!("n{i}"));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        index
    }

    #[test]
    fn a_running_deadline_changes_nothing() {
        let index = index_of(5000);
        let searcher = index.reader().unwrap().searcher();
        let deadline = Deadline::after(Duration::from_secs(600));
        let query = deadline.wrap(Box::new(AllQuery));
        assert_eq!(searcher.search(query.as_ref(), &Count).unwrap(), 5000);
        assert!(deadline.check().is_ok());
        assert!(Deadline::unwrap(query.as_ref()).is::<AllQuery>());
    }

    #[test]
    fn a_passed_deadline_stops_the_collecting_loop() {
        let index = index_of(5000);
        let searcher = index.reader().unwrap().searcher();
        let deadline = Deadline::after(Duration::from_nanos(1));
        std::thread::sleep(Duration::from_millis(2));
        let query = deadline.wrap(Box::new(AllQuery));
        let counted = searcher.search(query.as_ref(), &Count).unwrap();
        assert!(counted < 5000, "counted {counted}");
        let error = deadline.check().unwrap_err();
        assert!(matches!(error, MorgueError::Timeout { .. }), "{error}");
    }

    #[test]
    fn the_deadline_is_noticed_mid_segment() {
        // The clock is read only every CHECK_EVERY steps: a deadline that passes while the
        // scorer runs stops it within that many documents.
        let index = index_of(5000);
        let searcher = index.reader().unwrap().searcher();
        let deadline = Deadline::after(Duration::from_secs(600));
        let weight = deadline
            .wrap(Box::new(AllQuery))
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        let mut seen = 0;
        while scorer.doc() != tantivy::TERMINATED {
            seen += 1;
            if seen == 1000 {
                deadline.0.expired.store(true, Ordering::Relaxed);
            }
            scorer.advance();
        }
        assert!(
            (1000..1000 + CHECK_EVERY as usize + 1).contains(&seen),
            "{seen}"
        );
    }

    #[test]
    fn no_limit_wraps_nothing() {
        let deadline = Deadline::none();
        assert!(deadline.wrap(Box::new(AllQuery)).is::<AllQuery>());
        assert!(!deadline.passed());
    }
}
