//! Enrichment: what morgue adds to a parsed article before indexing it: the publication date
//! (with where it came from), the language when the file did not declare one, and entities.

pub mod dates;
pub mod entities;
pub mod gazetteer;
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
        entities: Option<(&gazetteer::Gazetteer, &'static ner::Tagger)>,
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
            article.language = detect_language(&article.body);
        }
        if let Some(extractor) = &self.extractor {
            article.entities = extractor.extract(&article.title, &article.body);
        }
        warnings
    }
}

/// Detects the language of the body (titles are too short to judge: "Putin meets Xi" reads as
/// Turkish). Only a confident guess is kept.
fn detect_language(body: &str) -> Option<String> {
    // A paragraph is plenty for a confident guess; detection cost grows with the sample and
    // was a quarter of indexing time at 4,000 characters.
    let sample = match body.char_indices().nth(600) {
        Some((end, _)) => &body[..end],
        None => body,
    };
    let info = whatlang::detect(sample)?;
    info.is_reliable()
        .then(|| two_letter_code(info.lang().code()).to_string())
}

/// ISO 639-3 codes (what the detector gives) to the ISO 639-1 codes that HTML `lang` attributes
/// and most metadata use, so one language has one code in facets. Unlisted codes pass through.
fn two_letter_code(code: &str) -> &str {
    const CODES: [(&str, &str); 24] = [
        ("eng", "en"),
        ("fra", "fr"),
        ("deu", "de"),
        ("spa", "es"),
        ("ita", "it"),
        ("por", "pt"),
        ("rus", "ru"),
        ("ukr", "uk"),
        ("cmn", "zh"),
        ("jpn", "ja"),
        ("ara", "ar"),
        ("hin", "hi"),
        ("nld", "nl"),
        ("pol", "pl"),
        ("tur", "tr"),
        ("swe", "sv"),
        ("kor", "ko"),
        ("ell", "el"),
        ("heb", "he"),
        ("dan", "da"),
        ("fin", "fi"),
        ("ces", "cs"),
        ("ron", "ro"),
        ("hun", "hu"),
    ];
    CODES
        .iter()
        .find(|(three, _)| *three == code)
        .map_or(code, |(_, two)| two)
}
