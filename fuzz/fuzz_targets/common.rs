//! What every parser target does with its input: parse it as one format, then enrich each
//! article the way `morgue index` does (dates, language, entities), so the whole per-file
//! path is exercised, not just the syntax.

use morgue::enrich::Enricher;
use morgue::enrich::gazetteer::Gazetteer;
use morgue::formats::{self, Format};
use std::path::Path;
use std::sync::OnceLock;

pub fn parse_and_enrich(format: Format, data: &[u8]) {
    // Built once: the entity extractor compiles its alias automaton when it is made.
    static ENRICHER: OnceLock<Enricher> = OnceLock::new();
    let enricher = ENRICHER.get_or_init(|| {
        let tagger = morgue::enrich::ner::Tagger::builtin_shared();
        let today = jiff::civil::date(2026, 11, 27);
        Enricher::new(Some((&Gazetteer::builtin(), tagger)), today)
    });
    let path = Path::new("2025/02/24/fuzz-input");
    if let Ok(parsed) = formats::parse_file(format, path, data) {
        for mut article in parsed.articles {
            enricher.enrich(&mut article, path);
        }
    }
}
