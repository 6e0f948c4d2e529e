//! Exact result counts for the single-word queries, mostly without reading their postings.
//!
//! A word in the query becomes `title:w OR body:w`. In a segment without deletes, the number
//! of articles holding a term is its document frequency, kept in the term dictionary; the
//! union of two terms is both frequencies less the articles holding both, found by walking the
//! shorter list and skipping through the longer. Everything else (other queries, segments with
//! deletes) is counted the ordinary way, by running the query.

use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, SegmentReader, TERMINATED, Term};

/// Live articles matching `query`. `terms` are the query's terms when the query is one term or
/// the union of two (see `query::pruned_terms`); None counts by running the query.
pub fn total(
    searcher: &Searcher,
    query: &dyn Query,
    terms: Option<&[Term]>,
) -> tantivy::Result<usize> {
    let mut weight: Option<Box<dyn Weight>> = None;
    let mut total = 0usize;
    for reader in searcher.segment_readers() {
        let from_postings = match terms {
            Some(terms) if reader.alive_bitset().is_none() => union_size(reader, terms)?,
            _ => None,
        };
        total += match from_postings {
            Some(n) => n as usize,
            None => {
                if weight.is_none() {
                    weight = Some(query.weight(EnableScoring::disabled_from_searcher(searcher))?);
                }
                weight.as_ref().map_or(Ok(0), |w| w.count(reader))? as usize
            }
        };
    }
    Ok(total)
}

/// Documents holding any of one or two terms, in a segment without deletes; None for more.
fn union_size(reader: &SegmentReader, terms: &[Term]) -> tantivy::Result<Option<u32>> {
    let doc_freq = |term: &Term| -> tantivy::Result<u32> {
        Ok(reader.inverted_index(term.field())?.doc_freq(term)?)
    };
    Ok(match terms {
        [one] => Some(doc_freq(one)?),
        [a, b] => Some(doc_freq(a)? + doc_freq(b)? - overlap(reader, a, b)?),
        _ => None,
    })
}

/// Documents holding both terms: the shorter list walked, the longer one skipped through.
fn overlap(reader: &SegmentReader, a: &Term, b: &Term) -> tantivy::Result<u32> {
    if a == b {
        return Ok(reader.inverted_index(a.field())?.doc_freq(a)?);
    }
    let postings = |term: &Term| -> tantivy::Result<_> {
        Ok(reader
            .inverted_index(term.field())?
            .read_postings(term, IndexRecordOption::Basic)?)
    };
    let (Some(mut short), Some(mut long)) = (postings(a)?, postings(b)?) else {
        return Ok(0);
    };
    if short.doc_freq() > long.doc_freq() {
        std::mem::swap(&mut short, &mut long);
    }
    if long.doc_freq() == reader.max_doc() {
        // A word in every article ("the" in bodies): every holder of the other one is in both.
        return Ok(short.doc_freq());
    }
    let mut both = 0;
    let mut doc = short.doc();
    while doc != TERMINATED {
        let other = long.seek(doc);
        if other == TERMINATED {
            break;
        }
        if other == doc {
            both += 1;
            doc = short.advance();
        } else {
            doc = short.seek(other);
        }
    }
    Ok(both)
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
