//! Enrichment: what morgue adds to a parsed article before indexing it: the publication date
//! (with where it came from), the language when the file did not declare one, and entities.

pub mod copies;
pub mod dates;
pub mod entities;
pub mod gazetteer;
mod language;
pub mod ner;

use crate::article::Article;
use dates::DateBounds;
use entities::EntityExtractor;
use std::path::Path;

/// Everything enrichment needs, built once per run and shared by all worker threads.
pub struct Enricher {
    /// `None` when entity extraction is switched off (`--no-entities`).
    extractor: Option<EntityExtractor>,
    bounds: DateBounds,
}

impl Enricher {
    /// `entities` is `None` to skip entity extraction.
    pub fn new(
        entities: Option<(&gazetteer::Gazetteer, std::sync::Arc<ner::Tagger>)>,
        today: jiff::civil::Date,
    ) -> Enricher {
        Enricher {
            extractor: entities.map(|(g, tagger)| EntityExtractor::new(g).with_tagger(tagger)),
            bounds: DateBounds::news_default(today),
        }
    }

    /// Fills date, language and entities; returns warnings worth showing the user.
    pub fn enrich(&self, article: &mut Article, relative_path: &Path) -> Vec<String> {
        let warnings = dates::resolve(article, relative_path, &self.bounds);
        if article.language.is_none() {
            article.language = language::detect(&article.body);
        }
        if let Some(extractor) = &self.extractor {
            let year = article.date.as_ref().map(|d| i32::from(d.date.year()));
            let (entities, spans) =
                extractor.extract_tagged(&article.title, &article.body, &article.markup, year);
            article.entities = entities;
            article.tagged_spans = spans.map(|s| s.encode()).unwrap_or_default();
        }
        warnings
    }

    /// The entities of an already indexed article, from its stored text and tagger spans
    /// (see [`Article::tagged_spans`]): what a changed alias file needs, at a fraction of the
    /// cost of reading, parsing and tagging the file again. `None` when entities are off or
    /// the spans do not fit the text. `year` is the article's publication year.
    pub fn reextract(
        &self,
        title: &str,
        body: &str,
        spans: &[u8],
        year: Option<i32>,
    ) -> Option<Vec<crate::article::Entity>> {
        let extractor = self.extractor.as_ref()?;
        let spans = entities::TaggedSpans::decode(spans, title, body)?;
        Some(extractor.extract_with_spans(title, body, &spans, year))
    }
}
