//! What a search leaves out (`--not-person`, `not_source`, ...), as one set of documents per
//! segment, computed before the search walks it.
//!
//! A phrase under `MustNot` (a source's words, a name the gazetteer does not know) is asked by
//! tantivy 0.27's exclusion to seek backwards, which its phrase scorer does not allow (a debug
//! assertion; release builds get whatever the scorer does then). Left-out sets are small, so
//! they are read once, in order, into a bit set, which seeks any way.

use tantivy::query::{
    BitSetDocSet, BooleanQuery, ConstScorer, EnableScoring, Explanation, Occur, Query, Scorer,
    Weight,
};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Matches what `inner` matches, read into a bit set per segment (no scores).
#[derive(Debug)]
pub struct LeftOut(pub Box<dyn Query>);

impl Clone for LeftOut {
    fn clone(&self) -> LeftOut {
        LeftOut(self.0.box_clone())
    }
}

impl Query for LeftOut {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(LeftOutWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct LeftOutWeight(Box<dyn Weight>);

impl Weight for LeftOutWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = BitSet::with_max_value(reader.max_doc().max(1));
        let mut inner = self.0.scorer(reader, boost)?;
        let mut doc = inner.doc();
        while doc != TERMINATED {
            docs.insert(doc);
            doc = inner.advance();
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), 1.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// `query` with every `NOT` clause (at any depth of boolean queries) read as a set, so a
/// user's `NOT person:"Donald Trump"` runs as safely as `--not-person`. Queries without one
/// are returned as they are.
pub fn guard_left_out(query: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    if !has_left_out(boolean) {
        return query;
    }
    let clauses = boolean
        .clauses()
        .iter()
        .map(|(occur, q)| {
            let q = guard_left_out(q.box_clone());
            match occur {
                Occur::MustNot => {
                    let set: Box<dyn Query> = Box::new(LeftOut(q));
                    (Occur::MustNot, set)
                }
                other => (*other, q),
            }
        })
        .collect();
    Box::new(BooleanQuery::with_minimum_required_clauses(
        clauses,
        boolean.get_minimum_number_should_match(),
    ))
}

fn has_left_out(boolean: &BooleanQuery) -> bool {
    boolean.clauses().iter().any(|(occur, q)| {
        *occur == Occur::MustNot || q.downcast_ref::<BooleanQuery>().is_some_and(has_left_out)
    })
}
