//! In-memory indexes of several segments, for the unit tests of the search paths that work
//! segment by segment (ranking, counting, date order).

use crate::index::analysis::register;
use crate::index::schema::{Fields, build_schema};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// One commit (one segment) per element of `segments`, each of that many articles. Article `n`
/// (1-based over the whole index) has id `d{n}`; `fill(fields, n, i, segment, doc)` writes the
/// rest of it (`i` counts within its segment). With `deletes = Some((first, step))`, every
/// `step`-th article from `first` is then deleted in one more commit.
pub(crate) fn segmented_index(
    segments: &[u64],
    deletes: Option<(u64, usize)>,
    mut fill: impl FnMut(&Fields, u64, u64, u64, &mut TantivyDocument),
) -> (Index, Fields) {
    let index = Index::create_in_ram(build_schema());
    register(&index);
    let fields = Fields::from_schema(&index.schema()).unwrap();
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut n = 0u64;
    for (segment, &size) in segments.iter().enumerate() {
        for i in 0..size {
            n += 1;
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.id, format!("d{n}"));
            fill(&fields, n, i, segment as u64, &mut doc);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
    }
    if let Some((first, step)) = deletes {
        for d in (first..=n).step_by(step) {
            writer.delete_term(Term::from_field_text(fields.id, &format!("d{d}")));
        }
        writer.commit().unwrap();
    }
    (index, fields)
}
