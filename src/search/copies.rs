//! Folding wire copies: a hit whose body is a near-copy of an earlier hit's (by their copy
//! sketches, `enrich::copies`) is listed under that hit instead of taking a place of its own.
//!
//! Folding is a pass over the ranked candidates in order, so a page is always a slice of one
//! list: which story a candidate joins depends only on the candidates before it.

use crate::enrich::copies::{Bins, COPY_SIMILARITY, SKETCH_BINS};
use tantivy::columnar::Column;
use tantivy::{DocAddress, Searcher};

/// A hit in the folded list and the copies of it found among the candidates.
#[derive(Debug)]
pub struct Story {
    pub score: Option<f32>,
    pub address: DocAddress,
    pub copies: Vec<DocAddress>,
}

/// How many ranked candidates to fetch first to fill `wanted` stories: a few more than the
/// page, since a larger top-k lets tantivy skip less; when copies crowd the page, the caller
/// fetches more.
pub fn first_fetch(wanted: usize) -> usize {
    wanted.saturating_add(wanted / 2).saturating_add(5)
}

/// Folds `candidates` (best first) into stories. Candidates after the `wanted`-th story only
/// join stories (they would start stories past the page). Returns the stories and whether
/// `wanted` were found.
pub fn fold(
    searcher: &Searcher,
    field_name: &str,
    candidates: &[(Option<f32>, DocAddress)],
    wanted: usize,
) -> tantivy::Result<(Vec<Story>, bool)> {
    let columns: Vec<Column<u64>> = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().u64(field_name))
        .collect::<tantivy::Result<_>>()?;
    let mut values = Vec::with_capacity(SKETCH_BINS);
    let mut sketch_of = |address: DocAddress| -> Bins {
        values.clear();
        values.extend(columns[address.segment_ord as usize].values_for_doc(address.doc_id));
        Bins::of(&values)
    };
    let mut stories: Vec<Story> = Vec::new();
    let mut sketches: Vec<Bins> = Vec::new();
    for &(score, address) in candidates {
        let sketch = sketch_of(address);
        let earlier = sketches
            .iter()
            .position(|s| s.similarity(&sketch) >= COPY_SIMILARITY);
        match earlier {
            Some(i) => stories[i].copies.push(address),
            None if stories.len() < wanted => {
                stories.push(Story {
                    score,
                    address,
                    copies: Vec::new(),
                });
                sketches.push(sketch);
            }
            None => {}
        }
    }
    let complete = stories.len() >= wanted;
    Ok((stories, complete))
}
