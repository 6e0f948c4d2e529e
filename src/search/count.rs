//! Exact result counts for the single-word queries, mostly without reading their postings.
//!
//! A word in the query becomes a union of terms: `title:w OR body:w`, plus the word's stem in
//! each other language's field. In a segment without deletes, the number of articles holding a
//! term is its document frequency, kept in the term dictionary. The union is counted as the
//! largest term's frequency plus, for each smaller term in turn, the holders of it that hold
//! none of the terms before it: found by walking the smaller list and skipping through the
//! larger ones. Everything else (other queries, segments with deletes) is counted the ordinary
//! way, by running the query.

use tantivy::postings::SegmentPostings;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, SegmentReader, TERMINATED, Term};

/// Live articles matching `query`. `terms` are the query's terms when the query is one term or
/// a union of terms (see `query::pruned_terms`); None counts by running the query.
pub fn total(
    searcher: &Searcher,
    query: &dyn Query,
    terms: Option<&[Term]>,
) -> tantivy::Result<usize> {
    let mut weight: Option<Box<dyn Weight>> = None;
    let mut total = 0usize;
    for reader in searcher.segment_readers() {
        total += match terms {
            Some(terms) if reader.alive_bitset().is_none() => union_size(reader, terms)? as usize,
            _ => {
                if weight.is_none() {
                    weight = Some(query.weight(EnableScoring::disabled_from_searcher(searcher))?);
                }
                weight.as_ref().map_or(Ok(0), |w| w.count(reader))? as usize
            }
        };
    }
    Ok(total)
}

/// Documents holding any of the terms, in a segment without deletes.
fn union_size(reader: &SegmentReader, terms: &[Term]) -> tantivy::Result<u32> {
    let mut terms: Vec<&Term> = terms.iter().collect();
    terms.sort();
    terms.dedup();
    let mut sized = Vec::with_capacity(terms.len());
    for term in terms {
        let doc_freq = reader.inverted_index(term.field())?.doc_freq(term)?;
        if doc_freq == reader.max_doc() {
            // A word in every article ("the" in bodies): the union is every article.
            return Ok(doc_freq);
        }
        if doc_freq > 0 {
            sized.push((doc_freq, term));
        }
    }
    // Largest first: each smaller list is walked once, the larger ones only skipped through.
    sized.sort_by_key(|b| std::cmp::Reverse(b.0));
    let Some(&(largest, _)) = sized.first() else {
        return Ok(0);
    };
    let mut total = largest;
    for (i, &(_, term)) in sized.iter().enumerate().skip(1) {
        let mut earlier = Vec::with_capacity(i);
        for &(_, other) in &sized[..i] {
            earlier.extend(postings(reader, other)?);
        }
        if let Some(mut own) = postings(reader, term)? {
            total += held_by_none(&mut own, &mut earlier);
        }
    }
    Ok(total)
}

fn postings(reader: &SegmentReader, term: &Term) -> tantivy::Result<Option<SegmentPostings>> {
    Ok(reader
        .inverted_index(term.field())?
        .read_postings(term, IndexRecordOption::Basic)?)
}

/// The documents of `own` that none of `others` holds.
fn held_by_none(own: &mut SegmentPostings, others: &mut [SegmentPostings]) -> u32 {
    let mut count = 0;
    let mut doc = own.doc();
    while doc != TERMINATED {
        // Every list only moves forward (`own` is walked in order), and one already past
        // `doc` cannot hold it.
        let holds = |other: &mut SegmentPostings| other.doc() <= doc && other.seek(doc) == doc;
        if !others.iter_mut().any(holds) {
            count += 1;
        }
        doc = own.advance();
    }
    count
}

#[cfg(test)]
mod tests {
    use super::total;
    use crate::search::query::{parse_user_query, pruned_terms};
    use crate::search::top::tests::segmented_index;
    use tantivy::collector::Count;

    #[test]
    fn counts_agree_with_running_the_query_with_and_without_deletes() {
        for deletes in [false, true] {
            let (index, fields) = segmented_index(deletes);
            let searcher = index.reader().unwrap().searcher();
            let with_deletes = searcher
                .segment_readers()
                .iter()
                .filter(|r| r.alive_bitset().is_some())
                .count();
            assert_eq!(with_deletes > 0, deletes);
            for text in [
                "summit",
                "the",
                "title:market",
                "body:council",
                "body:talks OR title:minister",
                "title:talks OR title:talks",
                "nowhere",
                "title:nowhere OR body:summit",
                // Every body holds "the": the overlap is the other term's frequency.
                "body:the OR title:summit",
                "title:(talks OR minister OR summit)",
                "body:talks OR title:talks OR body:market",
            ] {
                let query = parse_user_query(&index, &fields, text).unwrap();
                let terms = pruned_terms(query.as_ref());
                assert!(terms.is_some(), "{text} takes the counting shortcut");
                let expected = searcher.search(query.as_ref(), &Count).unwrap();
                let counted = total(&searcher, query.as_ref(), terms.as_deref()).unwrap();
                assert_eq!(counted, expected, "{text} deletes {deletes}");
            }
        }
    }
}
