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
            let (entities, spans) = extractor.extract_tagged(&article.title, &article.body);
            article.entities = entities;
            article.tagged_spans = spans.map(|s| s.encode()).unwrap_or_default();
        }
        warnings
    }

    /// The entities of an already indexed article, from its stored text and tagger spans
    /// (see [`Article::tagged_spans`]): what a changed alias file needs, at a fraction of the
    /// cost of reading, parsing and tagging the file again. `None` when entities are off or
    /// the spans do not fit the text.
    pub fn reextract(
        &self,
        title: &str,
        body: &str,
        spans: &[u8],
    ) -> Option<Vec<crate::article::Entity>> {
        let extractor = self.extractor.as_ref()?;
        let spans = entities::TaggedSpans::decode(spans, title, body)?;
        Some(extractor.extract_with_spans(title, body, &spans))
    }
}

/// Detects the language of the body (titles are too short to judge: "Putin meets Xi" reads as
/// Turkish). Only a confident guess is kept.
fn detect_language(body: &str) -> Option<String> {
    // Detection cost grows with the sample (it was a quarter of indexing time at 4,000
    // characters). A short paragraph settles most articles; only when it leaves the detector
    // unsure is a longer sample tried.
    for chars in [300, 1_200] {
        let (sample, whole) = match body.char_indices().nth(chars) {
            Some((end, _)) => (&body[..end], false),
            None => (body, true),
        };
        if let Some(info) = whatlang::detect(sample).filter(|info| info.is_reliable()) {
            return Some(two_letter_code(info.lang().code()).to_string());
        }
        if whole {
            break;
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::detect_language;

    #[test]
    fn language_comes_from_the_body_and_a_longer_sample_when_the_start_is_unclear() {
        let german = "Die Regierung hat am Montag in Berlin neue Gespräche über den Haushalt \
                      angekündigt, nachdem die Verhandlungen in der vergangenen Woche gescheitert \
                      waren. Die Opposition kritisierte den Plan scharf. ";
        assert_eq!(detect_language(german).as_deref(), Some("de"));
        // A table of figures first: nothing to judge in the first 300 characters.
        let figures =
            "2025-02-24 | 12:00 | 4,5 | 17,3 | 99 | 2025-02-25 | 13:00 | 5,1 | 18,0 | 98 | "
                .repeat(9);
        assert!(figures.chars().count() > 600);
        assert_eq!(detect_language(&figures), None);
        let body = format!("{figures}{}", german.repeat(3));
        assert_eq!(detect_language(&body).as_deref(), Some("de"));
        assert_eq!(detect_language(""), None);
    }
}
