//! Exact matches of words that are their own English stem (`=bank`, `=2019`).
//!
//! The `words` field holds only the words that differ from their stem ("banks", "banking"),
//! so an article writes "bank" itself exactly when the stemmed field's "bank" occurs there
//! more often than all those other forms together: `body` holds title and body, and so does
//! `words`, so both count the same text. [`LiteralQuery`] walks the stem's postings and keeps
//! the articles where that difference is positive; it scores them by BM25 over the
//! difference, the times the word itself is written.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Articles writing the word of `stem` as it is, not only as one of `forms`.
#[derive(Clone, Debug)]
pub struct LiteralQuery {
    /// The word in the stemmed field (`body`), where it is its own stem.
    stem: Term,
    /// The other words with that stem, in the `words` field.
    forms: Vec<Term>,
    /// The word in the `words` field: what highlighting marks as written.
    exact: Term,
}

impl LiteralQuery {
    pub fn new(stem: Term, forms: Vec<Term>, exact: Term) -> LiteralQuery {
        LiteralQuery { stem, forms, exact }
    }
}

impl Query for LiteralQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(
                statistics_provider,
                std::slice::from_ref(&self.stem),
            )?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(LiteralWeight {
            stem: self.stem.clone(),
            exact: self.exact.clone(),
            forms: self.forms.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.exact, false);
    }
}

struct LiteralWeight {
    stem: Term,
    exact: Term,
    forms: Vec<Term>,
    bm25: Option<Bm25Weight>,
}

impl LiteralWeight {
    fn literal_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<LiteralScorer>> {
        let postings = |term: &Term| -> tantivy::Result<Option<SegmentPostings>> {
            Ok(reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::WithFreqs)?)
        };
        let Some(stem) = postings(&self.stem)? else {
            return Ok(None);
        };
        let mut forms = Vec::new();
        for form in &self.forms {
            forms.extend(postings(form)?);
        }
        let norms = reader.get_fieldnorms_reader(self.stem.field())?;
        let mut scorer = LiteralScorer {
            stem,
            forms,
            norms,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            written: 0,
        };
        scorer.settle();
        Ok(Some(scorer))
    }
}

impl Weight for LiteralWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.literal_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_found = || tantivy::TantivyError::InvalidArgument(format!("no match for {doc}"));
        let mut scorer = self.literal_scorer(reader, 1.0)?.ok_or_else(not_found)?;
        if scorer.seek(doc) != doc {
            return Err(not_found());
        }
        // Shaped as a term's explanation, so `--explain` lists it as the exact word.
        let mut explanation = Explanation::new("TermQuery, the word as written", scorer.score());
        explanation.add_context(format!("Term={:?}", self.exact));
        explanation.add_const("times written", scorer.written as Score);
        Ok(explanation)
    }
}

struct LiteralScorer {
    stem: SegmentPostings,
    forms: Vec<SegmentPostings>,
    norms: FieldNormReader,
    bm25: Option<Bm25Weight>,
    /// How often the current article writes the word itself.
    written: u32,
}

impl LiteralScorer {
    /// Moves on from the current document to the first that writes the word itself.
    fn settle(&mut self) -> DocId {
        loop {
            let doc = self.stem.doc();
            if doc == TERMINATED {
                return doc;
            }
            let mut others = 0u32;
            for form in &mut self.forms {
                if form.doc() < doc {
                    form.seek(doc);
                }
                if form.doc() == doc {
                    others += form.term_freq();
                }
            }
            let all = self.stem.term_freq();
            if all > others {
                self.written = all - others;
                return doc;
            }
            self.stem.advance();
        }
    }
}

impl DocSet for LiteralScorer {
    fn advance(&mut self) -> DocId {
        self.stem.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.stem.doc() < target {
            self.stem.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.stem.doc()
    }

    fn size_hint(&self) -> u32 {
        self.stem.size_hint()
    }
}

impl Scorer for LiteralScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(self.norms.fieldnorm_id(self.doc()), self.written),
            None => 1.0,
        }
    }
}
